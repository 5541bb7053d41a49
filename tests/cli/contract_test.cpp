// What every user of the command line can rely on: one reading of dates, output in the
// language asked for, sources named as applicants can find them, evidence without repeats,
// and exit code 3 for a broken environment.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "support/examples.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// 30 February is the same clear error in a profile and in an imported case.
TEST(Contract, AnImpossibleDateIsRefusedEverywhere) {
  TempDir tmp;
  write(tmp.path() / "p.json", R"({"entity": "personal", "as_of": "2026-02-30T10:00:00"})");
  RunResult p = run_mpadvisor({"diagnose", (tmp.path() / "p.json").string()}, tmp.path());
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_NE(p.err.find("fact 'as_of': '2026-02-30T10:00:00' is not a date: February 2026 has 28 days"),
            std::string::npos)
      << p.err;
  EXPECT_EQ(std::count(p.err.begin(), p.err.end(), '\n'), 1) << "one line";

  write(
      tmp.path() / "cases.jsonl",
      R"({"date":"2024-05-01","stage":"filing.submit","entity":"personal","profile":{},"message":"m","causes":[],"fix":null,"outcome":"rejected","source":"test"})"
      "\n"
      R"({"date":"2026-02-30","stage":"filing.submit","entity":"personal","profile":{},"message":"m","causes":[],"fix":null,"outcome":"rejected","source":"test"})"
      "\n");
  RunResult c = run_mpadvisor({"cases", "import", (tmp.path() / "cases.jsonl").string()}, tmp.path());
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("cases.jsonl:2: date: '2026-02-30' is not a date: February 2026 has 28 days"), std::string::npos)
      << c.err;
}

TEST(Contract, ChineseOutputHasNoEnglishStatusWords) {
  TempDir tmp;
  static const std::regex english(
      R"(\b(blocked|needs_info|needs information|clear|ready|pending|waiting|undetermined)\b)");
  RunResult w = run_mpadvisor(
      {"--lang", "zh", "whatif", "kb/examples/yoga_name_rejected.json", "--set", "name=个人瑜伽学习笔记"}, tmp.path());
  EXPECT_FALSE(std::regex_search(w.out, english)) << w.out;
  EXPECT_NE(w.out.find("结论："), std::string::npos) << w.out;
  for (const char* step : {"filing.submit", "publish.release"}) {
    RunResult y = run_mpadvisor({"--lang", "zh", "why", "kb/examples/yoga_name_rejected.json", step}, tmp.path());
    EXPECT_FALSE(std::regex_search(y.out, english)) << y.out;
  }
  for (const char* example : {"kb/examples/yoga_name_rejected.json", "kb/examples/risky_certification.json"}) {
    RunResult p = run_mpadvisor({"--lang", "zh", "plan", example}, tmp.path());
    EXPECT_FALSE(std::regex_search(p.out, english)) << p.out;
    EXPECT_NE(p.out.find("方案 1"), std::string::npos) << p.out;
  }
  RunResult c = run_mpadvisor({"--lang", "zh", "kb", "check"}, tmp.path());
  EXPECT_NE(c.out.find("kb check：18 个文件，0 个错误，0 个警告"), std::string::npos) << c.out;
  RunResult t = run_mpadvisor({"--lang", "zh", "kb", "test"}, tmp.path());
  EXPECT_NE(t.out.find("个场景中"), std::string::npos) << t.out;
}

// Applicants see the sources as documents they can find, and each piece of evidence once.
TEST(Contract, DiagnosesNameRealSourcesAndNeverRepeatEvidence) {
  TempDir tmp;
  for (const fs::path& example : example_paths()) {
    for (const char* lang : {"en", "zh"}) {
      RunResult r = run_mpadvisor({"--lang", lang, "diagnose", example.string()}, tmp.path());
      EXPECT_EQ(r.out.find("seed"), std::string::npos) << example << " " << lang;
      EXPECT_EQ(r.out.find("种子"), std::string::npos) << example << " " << lang;
      // Within one cause (a block of lines between two titles), no evidence line twice.
      std::istringstream lines(r.out);
      std::set<std::string> seen;
      for (std::string line; std::getline(lines, line);) {
        if (line.find("Evidence: ") == std::string::npos && line.find("依据：") == std::string::npos) {
          if (line.find("Fix: ") == std::string::npos && line.find("解决：") == std::string::npos &&
              line.find("Source: ") == std::string::npos && line.find("来源：") == std::string::npos)
            seen.clear();
          continue;
        }
        EXPECT_TRUE(seen.insert(line).second) << example << " " << lang << ": " << line;
      }
    }
  }
}

TEST(Contract, ACorruptDatabaseExitsThree) {
  TempDir tmp;
  write(tmp.path() / "broken.db", std::string(8192, 'x'));
  for (std::vector<std::string> args :
       {std::vector<std::string>{"cases", "stats"},
        {"cases", "list"},
        {"diagnose", "kb/examples/yoga_name_rejected.json", "--rejection", "名称含商业词汇"}}) {
    args.insert(args.begin(), {"--db", (tmp.path() / "broken.db").string()});
    RunResult r = run_mpadvisor(args, tmp.path());
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("not a database"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace mpadvisor::testing
