// diagnose --batch: one answer per line in input order, the same answer `diagnose --format json`
// gives for each profile, bad lines reported in their place, threads that do not change the
// output, --no-evidence, and the lean answers of --fields and --names-only.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/examples.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

using nlohmann::ordered_json;

std::string one_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in).dump();
}

std::vector<ordered_json> answers(const std::string& out) {
  std::vector<ordered_json> result;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) result.push_back(ordered_json::parse(line));
  return result;
}

bool holds_key(const ordered_json& j, const std::string& key) {
  if (j.is_object()) {
    if (j.contains(key)) return true;
    for (const auto& [k, v] : j.items())
      if (holds_key(v, key)) return true;
  } else if (j.is_array()) {
    for (const auto& v : j)
      if (holds_key(v, key)) return true;
  }
  return false;
}

TEST(Batch, EachLineGetsTheAnswerDiagnoseGivesInInputOrder) {
  TempDir tmp;
  std::string input;
  const auto examples = example_paths();
  for (const auto& example : examples) input += one_line(example) + "\n";
  RunResult r = run_mpadvisor({"diagnose", "--batch", "-", "--lang", "en"}, tmp.path(), input);
  ASSERT_EQ(r.exit_code, 1) << r.err;  // some examples are blocked
  const auto got = answers(r.out);
  ASSERT_EQ(got.size(), examples.size());
  for (std::size_t k = 0; k < examples.size(); ++k) {
    RunResult one = run_mpadvisor({"--format", "json", "--lang", "en", "diagnose", examples[k].string()}, tmp.path());
    ordered_json expected = ordered_json::parse(one.out);
    ordered_json answer = got[k];
    EXPECT_EQ(answer["id"], k + 1);  // the line number
    answer.erase("id");
    EXPECT_EQ(answer, expected) << examples[k];
  }
}

TEST(Batch, BadLinesAreReportedInPlaceAndTheRestIsDiagnosed) {
  TempDir tmp;
  std::string const clean = one_line(source_dir() / "kb/examples/clean_release.json");
  std::string const input = clean + "\n" +  // 1
                            "{\"id\": \"agency-7\", \"target\": \"filing.submit\", \"profile\": " + clean +
                            "}\n" +                                           // 2
                            "not json\n" +                                    // 3
                            "\n" +                                            // 4 (blank)
                            "{\"entity\": \"robot\"}\n" +                     // 5
                            "{\"profile\": {}, \"target\": \"nowhere\"}\n" +  // 6
                            "[1, 2]\n" +                                      // 7
                            clean + "\n";                                     // 8
  RunResult r = run_mpadvisor({"diagnose", "--batch", "-"}, tmp.path(), input);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const auto got = answers(r.out);
  ASSERT_EQ(got.size(), 7u) << r.out;
  EXPECT_EQ(got[0]["verdict"], "clear");
  EXPECT_EQ(got[1]["id"], "agency-7");
  EXPECT_EQ(got[1]["target"], "filing.submit");
  const std::vector<std::pair<std::size_t, std::string>> errors = {
      {3, "bad-json"}, {5, "invalid-profile"}, {6, "unknown-step"}, {7, "bad-request"}};
  for (std::size_t k = 0; k < errors.size(); ++k) {
    const auto& e = got[2 + k];
    EXPECT_EQ(e["line"], errors[k].first);
    EXPECT_EQ(e["error"]["kind"], errors[k].second) << e;
    EXPECT_FALSE(e["error"]["message"].get<std::string>().empty());
  }
  EXPECT_NE(got[3]["error"]["message"].get<std::string>().find("entity"), std::string::npos) << got[3];
  EXPECT_EQ(got[6]["id"], 8);
  EXPECT_EQ(got[6]["verdict"], "clear");
}

// A line's error speaks the language of the output, as the answers do.
TEST(Batch, ALinesErrorIsInTheOutputsLanguage) {
  TempDir tmp;
  std::string const input = "{\"entity\": \"robot\"}\nnot json\n{\"profile\": {}, \"target\": \"nowhere\"}\n";
  const auto zh = answers(run_mpadvisor({"--lang", "zh", "diagnose", "--batch", "-"}, tmp.path(), input).out);
  ASSERT_EQ(zh.size(), 3u);
  EXPECT_EQ(zh[0]["error"]["message"],
            "字段“entity”没有取值“robot”（可选其一：personal, enterprise, individual_business, other）");
  EXPECT_EQ(zh[1]["error"]["message"], "这一行不是 JSON");
  EXPECT_EQ(zh[2]["error"]["message"], "\"target\"：“nowhere”不是知识库中的步骤");
  const auto en = answers(run_mpadvisor({"--lang", "en", "diagnose", "--batch", "-"}, tmp.path(), input).out);
  ASSERT_EQ(en.size(), 3u);
  EXPECT_EQ(en[1]["error"]["message"], "the line is not JSON");
  EXPECT_EQ(en[2]["error"]["message"], "\"target\": 'nowhere' is not a step of the knowledge base");
}

// A line's members are read from its text, not from a tree: however the request is spelt,
// the answer is the same, and JSON broken anywhere in the line is still "bad-json".
TEST(Batch, RequestsAreReadTheSameWhateverTheirSpelling) {
  TempDir tmp;
  std::string const clean = one_line(source_dir() / "kb/examples/clean_release.json");
  std::string const input = "{\"id\": [\"a\", 1], \"profile\": " + clean + "}\n" +               // 1
                            " { \"pro\\u0066ile\" : " + clean + " , \"id\" : [\"a\", 1] } \n" +  // 2
                            "{\"profile\": {\"entity\": tru}, \"id\": 3}\n" +                    // 3
                            "{\"profile\": " + clean + ", \"id\": x}\n" +                        // 4
                            "{\"entity\": \"personal\", \"email_unique\": nul}\n" +              // 5
                            "{\"profile\": [" + clean + "]}\n" +                                 // 6
                            "{\"profile\": " + clean + ", \"target\": 7}\n";                     // 7
  RunResult r = run_mpadvisor({"diagnose", "--batch", "-"}, tmp.path(), input);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  auto got = answers(r.out);
  ASSERT_EQ(got.size(), 7u) << r.out;
  EXPECT_EQ(got[0]["id"], ordered_json::parse("[\"a\", 1]"));
  EXPECT_EQ(got[0]["verdict"], "clear");
  EXPECT_EQ(got[1], got[0]);
  const std::vector<std::string> kinds = {"bad-json", "bad-json", "bad-json", "bad-request", "bad-request"};
  for (std::size_t k = 0; k < kinds.size(); ++k) EXPECT_EQ(got[2 + k]["error"]["kind"], kinds[k]) << got[2 + k];
}

// A plain ASCII id or target is read without a JSON parser; every other spelling through one.
// Either way the answer carries the id as given, and a key given twice counts the last time.
TEST(Batch, IdsAndTargetsComeBackAsGivenWhateverTheirSpelling) {
  TempDir tmp;
  std::string const clean = one_line(source_dir() / "kb/examples/clean_release.json");
  auto line = [&](const std::string& members) { return "{" + members + R"(, "profile": )" + clean + "}\n"; };
  std::string const input = line(R"("id": "agency-7")") +                               // 1
                            line(R"("id": "\u4e2d-\"q\"")") +                           // 2
                            line("\"id\": \"\xe4\xb8\xad\"") +                          // 3
                            line(R"("id": "first", "id": ["last"])") +                  // 4
                            line(R"("id": ["first"], "id": "last")") +                  // 5
                            line(R"("id": "t", "target": "no-such-step")") +            // 6
                            line(R"("id": "\u0074", "target": "filing.\u0073ubmit")");  // 7
  RunResult r = run_mpadvisor({"diagnose", "--batch", "-"}, tmp.path(), input);
  auto got = answers(r.out);
  ASSERT_EQ(got.size(), 7u) << r.out;
  EXPECT_EQ(got[0]["id"], "agency-7");
  EXPECT_EQ(got[1]["id"], "\xe4\xb8\xad-\"q\"");
  EXPECT_EQ(got[2]["id"], "\xe4\xb8\xad");
  EXPECT_EQ(got[3]["id"], ordered_json::parse(R"(["last"])"));
  EXPECT_EQ(got[4]["id"], "last");
  EXPECT_EQ(got[5]["id"], "t");
  EXPECT_EQ(got[5]["error"]["kind"], "unknown-step");
  EXPECT_EQ(got[6]["id"], "t");
  EXPECT_EQ(got[6]["target"], "filing.submit");
}

TEST(Batch, ThreadsDoNotChangeTheOutputAndEvidenceCanBeLeftOut) {
  TempDir tmp;
  std::string input;
  for (int round = 0; round < 150; ++round)  // more lines than one block of work
    for (const auto& example : example_paths()) input += one_line(example) + "\n";
  std::ofstream(tmp.path() / "many.jsonl") << input;
  const auto file = (tmp.path() / "many.jsonl").string();
  RunResult one = run_mpadvisor({"diagnose", "--batch", file, "--threads", "1"}, tmp.path());
  RunResult four = run_mpadvisor({"diagnose", "--batch", file, "--threads", "4"}, tmp.path());
  // The default: one thread per processor, each bound to its own.
  RunResult each_processor = run_mpadvisor({"diagnose", "--batch", file}, tmp.path());
  ASSERT_EQ(one.exit_code, 1) << one.err;
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(one.out, each_processor.out);
  EXPECT_EQ(each_processor.exit_code, 1) << each_processor.err;
  const auto got = answers(one.out);
  ASSERT_EQ(got.size(), 150 * example_paths().size());
  for (std::size_t k = 0; k < got.size(); ++k) ASSERT_EQ(got[k]["id"], k + 1);
  EXPECT_TRUE(holds_key(ordered_json(got), "evidence"));

  RunResult lean = run_mpadvisor({"diagnose", "--batch", file, "--no-evidence"}, tmp.path());
  const auto lean_answers = answers(lean.out);
  ASSERT_EQ(lean_answers.size(), got.size());
  EXPECT_FALSE(holds_key(ordered_json(lean_answers), "evidence"));
  for (std::size_t k = 0; k < got.size(); k += 97) {
    EXPECT_EQ(lean_answers[k]["verdict"], got[k]["verdict"]);
    EXPECT_EQ(lean_answers[k]["blockers"].size(), got[k]["blockers"].size());
  }
}

// The full answer, with only `id` and the chosen members, and without the texts --names-only
// leaves out.
ordered_json lean(const ordered_json& full, const std::vector<std::string>& members, bool names_only) {
  if (full.is_array()) {
    ordered_json out = ordered_json::array();
    for (const auto& v : full) out.push_back(lean(v, {}, names_only));
    return out;
  }
  if (!full.is_object()) return full;
  static const std::vector<std::string> texts = {"title", "explanation", "fixes", "sources", "question"};
  ordered_json out = ordered_json::object();
  for (const auto& [key, value] : full.items()) {
    bool const chosen =
        members.empty() || key == "id" || std::find(members.begin(), members.end(), key) != members.end();
    bool const text = names_only && std::find(texts.begin(), texts.end(), key) != texts.end();
    if (chosen && !text) out[key] = lean(value, {}, names_only);
  }
  return out;
}

TEST(Batch, FieldsAndNamesOnlyLeaveTheRestOut) {
  TempDir tmp;
  std::string input;
  for (const auto& example : example_paths()) input += one_line(example) + "\n";
  RunResult full = run_mpadvisor({"diagnose", "--batch", "-", "--lang", "zh"}, tmp.path(), input);
  ASSERT_EQ(full.exit_code, 1) << full.err;
  const auto want = answers(full.out);
  ASSERT_TRUE(holds_key(ordered_json(want), "latest_rejection"));  // the examples cover every member
  ASSERT_TRUE(holds_key(ordered_json(want), "question"));

  RunResult names = run_mpadvisor({"diagnose", "--batch", "-", "--lang", "zh", "--names-only"}, tmp.path(), input);
  const std::vector<std::string> chosen = {"verdict", "blockers", "needs_info", "latest_rejection"};
  RunResult some = run_mpadvisor({"diagnose", "--batch", "-", "--lang", "zh", "--fields",
                                  "latest_rejection,verdict,blockers,needs_info", "--names-only"},
                                 tmp.path(), input);
  ASSERT_EQ(names.exit_code, 1) << names.err;
  ASSERT_EQ(some.exit_code, 1) << some.err;
  const auto got_names = answers(names.out), got_some = answers(some.out);
  ASSERT_EQ(got_names.size(), want.size());
  ASSERT_EQ(got_some.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    EXPECT_EQ(got_names[k], lean(want[k], {}, true)) << k;
    EXPECT_EQ(got_some[k], lean(want[k], chosen, true)) << k;
  }
  EXPECT_FALSE(holds_key(ordered_json(got_names), "explanation"));
  EXPECT_TRUE(holds_key(ordered_json(got_some), "latest_rejection"));
  EXPECT_FALSE(holds_key(ordered_json(got_some), "steps"));

  RunResult typo = run_mpadvisor({"diagnose", "--batch", "-", "--fields", "verdict,blokers"}, tmp.path(), input);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "mpadvisor: error: --fields: 'blokers' is not a member of a diagnosis (target, verdict, kb_version, "
            "blockers, warnings, waiting, needs_info, next_steps, held, steps, latest_rejection)\n");
  EXPECT_EQ(typo.out, "");
  RunResult alone = run_mpadvisor({"diagnose", "kb/examples/clean_release.json", "--names-only"}, tmp.path());
  EXPECT_EQ(alone.exit_code, 2);
  EXPECT_NE(alone.err.find("go with --batch"), std::string::npos) << alone.err;
}

TEST(Batch, UsageAndOverlongLines) {
  TempDir tmp;
  RunResult both = run_mpadvisor({"diagnose", "kb/examples/clean_release.json", "--batch", "-"}, tmp.path());
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("give no PROFILE"), std::string::npos) << both.err;
  RunResult threads = run_mpadvisor({"diagnose", "kb/examples/clean_release.json", "--threads", "2"}, tmp.path());
  EXPECT_EQ(threads.exit_code, 2);
  EXPECT_NE(threads.err.find("go with --batch"), std::string::npos) << threads.err;
  RunResult device = run_mpadvisor({"diagnose", "--batch", "/dev/zero"}, tmp.path());
  EXPECT_EQ(device.exit_code, 2);
  EXPECT_EQ(device.err, "mpadvisor: error: batch file '/dev/zero' is a device, not a file\n");

  std::string const huge = "{\"name\": \"" + std::string(std::size_t{3} << 20, 'x') + "\"}\n";
  RunResult r = run_mpadvisor({"diagnose", "--batch", "-"}, tmp.path(),
                              huge + one_line(source_dir() / "kb/examples/clean_release.json") + "\n");
  EXPECT_EQ(r.exit_code, 2);
  const auto got = answers(r.out);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]["error"]["kind"], "too-long");
  EXPECT_EQ(got[1]["verdict"], "clear");
}

}  // namespace
}  // namespace mpadvisor::testing
