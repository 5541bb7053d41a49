// Error messages in the reader's language: the same mistakes, worded in English and in
// Chinese, against golden files; the Chinese ones without English words.
#include <gtest/gtest.h>

#include <regex>

#include "support/golden.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

struct Mistake {
  std::vector<std::string> args;
  std::string stdin_text;
  bool worded_by_us = true;  // false: the message quotes a library's English (the JSON parser's)
};

const std::vector<Mistake>& mistakes() {
  static const std::vector<Mistake> all = {
      {{"diagnose", "-"}, R"({"name": "  "})"},
      {{"diagnose", "-"}, R"({"entity": "robot"})"},
      {{"diagnose", "-"}, R"({"entitty": "personal"})"},
      {{"diagnose", "-"}, R"({"filed_count": 1.5})"},
      {{"diagnose", "-"}, R"({"filed_count": -1})"},
      {{"diagnose", "-"}, R"({"filed_count": "two"})"},
      {{"diagnose", "-"}, R"({"features": ["forum", "forum"]})"},
      {{"diagnose", "-"}, R"({"features": [1]})"},
      {{"diagnose", "-"}, R"({"as_of": "2026-02-30"})"},
      {{"diagnose", "-"}, R"({"as_of": "tomorrow"})"},
      {{"diagnose", "-"}, R"({"entity": "personal", "entity": "personal"})"},
      {{"diagnose", "-"}, R"({"done": ["filing.sumbit"]})"},
      {{"diagnose", "-"}, R"({"done": "filing.submit"})"},
      {{"diagnose", "-"}, R"({"rejections": [{"stage": "filing.submit"}]})"},
      {{"diagnose", "-"}, R"({"rejections": [{"message": "m", "date": 1}]})"},
      {{"diagnose", "-"}, "[1]"},
      {{"diagnose", "-"}, R"({"name": )"},
      {{"diagnose", "-"}, R"({"entity": "personal"} {)"},
      {{"diagnose", "-"}, "{\"name\": \"\x01\"}"},
      {{"diagnose", "no-such-profile.json"}, ""},
      {{"diagnose", "."}, ""},
      {{"diagnose", "--stage", "filing.submit", "-"}, "{}"},
      {{"diagnose"}, ""},
      {{"diagnose", "--batch", "-", "--target", "filing.sumbit"}, "{}\n"},
      {{"whatif", "-", "--set", "entity"}, "{}"},
      {{"whatif", "-", "--set", "entitty=personal"}, "{}"},
      {{"plan", "-", "--keep", "nmae"}, "{}"},
      {{"why", "-", "nosuch.rule"}, "{}"},
      {{"no-such-command"}, ""},
      {{"cases", "show", "99999"}, ""},
      {{"cases", "import", "-"}, R"({"date":"2026-11-01"})"},
      {{"cases", "import", "-"}, R"({"date":"2026-11-01",)"},
      {{"cases", "import", "-"},
       R"({"date":"2026-02-30","stage":"filing.submit","entity":null,"profile":{},"message":"m","causes":[],"fix":null,"outcome":"rejected","source":"s"})"},
      {{"cases", "import", "-"},
       R"({"date":"2026-11-01","stage":"filing submit","entity":null,"profile":{},"message":"m","causes":[],"fix":null,"outcome":"rejected","source":"s"})"},
      {{"cases", "import", "-"},
       R"({"date":"2026-11-01","stage":"filing.submit","entity":null,"profile":[],"message":"m","causes":[],"fix":null,"outcome":"rejected","source":"s"})"},
      {{"cases", "import", "-"},
       R"({"date":"2026-11-01","stage":"filing.submit","entity":null,"profile":{},"message":"m","causes":["name_commercial","name_commercial"],"fix":null,"outcome":"rejected","source":"s"})"},
      {{"cases", "import", "-"},
       R"({"date":"2026-11-01","stage":"filing.submit","entity":null,"profile":{},"message":"m","causes":[],"fix":null,"outcome":"maybe","source":"s"})"},
      {{"cases", "import", "-"},
       R"({"date":"2026-11-01","stage":"filing.submit","entity":null,"profile":{},"message":"m","causes":[],"fix":null,"outcome":"rejected","source":"s","notes":"x"})"},
      {{"cases", "import", "-"},
       R"({"date":"2026-11-01","stage":"filing.submit","entity":null,"profile":{},"message":"m","message":"n","causes":[],"fix":null,"outcome":"rejected","source":"s"})"},
      {{"cases"}, ""},
      {{"diagnose", "a.json", "b.json"}, ""},
      {{"diagnose", "--target"}, ""},
      {{"--format", "yaml", "diagnose", "-"}, "{}"},
      {{"diagnose", "--batch", "-", "--threads", "0"}, ""},
      {{"plan", "-", "--top", "abc"}, "{}"},
      {{"whatif", "-", "--set", "done=registration.account"}, "{}"},
      {{"whatif", "-", "--set", "nmae=x"}, "{}"},
      {{"diagnose", "-", "--rejection", ""}, "{}"},
      {{"diagnose", "-"}, R"({"rejections": [{"stage": "filing.submit", "message": "  "}]})"},
      {{"cases", "list", "--limit", "-3"}, ""},
      {{"serve", "--read-timeout", "0.01"}, ""},
  };
  return all;
}

std::string transcript(const char* lang) {
  TempDir tmp;
  std::string out;
  for (const Mistake& m : mistakes()) {
    std::vector<std::string> args = {"--lang", lang};
    args.insert(args.end(), m.args.begin(), m.args.end());
    RunResult const r = run_mpadvisor(args, tmp.path(), m.stdin_text);
    out += "$";
    for (const std::string& a : m.args) out += " " + a;
    out += "\n" + r.err + "[exit " + std::to_string(r.exit_code) + "]\n";
  }
  return out;
}

TEST(ErrorLanguage, EveryMistakeIsWordedInEnglish) {
  expect_golden(source_dir() / "tests/golden/cli/errors.en.txt", transcript("en"));
}

TEST(ErrorLanguage, EveryMistakeIsWordedInChinese) {
  expect_golden(source_dir() / "tests/golden/cli/errors.zh.txt", transcript("zh"));
}

// The Chinese messages hold names (facts, steps, options, files) and values but no English
// sentence: no run of three or more English words.
TEST(ErrorLanguage, ChineseMessagesHaveNoEnglishSentences) {
  TempDir tmp;
  std::regex const english_words(R"([A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,})");
  for (const Mistake& m : mistakes()) {
    if (!m.worded_by_us) continue;
    std::vector<std::string> args = {"--lang", "zh"};
    args.insert(args.end(), m.args.begin(), m.args.end());
    RunResult const r = run_mpadvisor(args, tmp.path(), m.stdin_text);
    EXPECT_EQ(r.err.rfind("mpadvisor：错误：", 0), 0u) << r.err;
    EXPECT_FALSE(std::regex_search(r.err, english_words)) << r.err;
  }
}

// A --target the KB does not know, given to a batch, is the run's mistake (exit 2), not a
// failure of the program (it was reported as an internal error, exit 3).
TEST(ErrorLanguage, AnUnknownBatchTargetIsAUsageError) {
  TempDir tmp;
  RunResult const r = run_mpadvisor({"diagnose", "--batch", "-", "--target", "nowhere"}, tmp.path(), "{}\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "mpadvisor: error: --target: 'nowhere' is not a step of the knowledge base\n");
}

}  // namespace
}  // namespace mpadvisor::testing
