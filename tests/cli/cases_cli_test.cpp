// The case base through the command line: seed import on first use, rejection diagnosis,
// replay, and the impact of a KB change on stored cases.
#include <gtest/gtest.h>

#include <fstream>

#include "support/golden.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

namespace fs = std::filesystem;

// The shipped cases name their sources as an applicant can look them up (an address, or an
// account's title), never by a label internal to the project.
TEST(CasesCli, SeedCasesAreImportedOnFirstUseAndNameRealSources) {
  TempDir tmp;
  RunResult r = run_mpadvisor(with_db(tmp, {"cases", "stats", "--format", "json"}), tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"total\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"total\": 0"), std::string::npos) << r.out;
  RunResult const listed = run_mpadvisor(with_db(tmp, {"cases", "list", "--format", "json"}), tmp.path());
  EXPECT_NE(listed.out.find("\"source\""), std::string::npos) << listed.out;
  EXPECT_EQ(listed.out.find("seed:"), std::string::npos) << listed.out;
}

TEST(DiagnoseRejection, CommercialNameRanksFirstInChineseAndEnglish) {
  TempDir tmp;
  std::ofstream(tmp.path() / "hotpot.json")
      << R"({"entity": "personal", "name": "老王火锅店", "as_of": "2026-11-27T10:00:00"})";
  std::string const profile = (tmp.path() / "hotpot.json").string();
  for (const char* message :
       {"小程序名称含有商业性质词汇，不符合个人主体要求，请修改后重新提交",
        "The mini program name contains commercial wording, which a personal subject cannot use."}) {
    RunResult r =
        run_mpadvisor(with_db(tmp, {"diagnose", profile, "--rejection", message, "--format", "json"}), tmp.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto first = r.out.find("\"cause\": \"");
    ASSERT_NE(first, std::string::npos) << r.out;
    EXPECT_EQ(r.out.substr(first, std::string("\"cause\": \"name_commercial\"").size()),
              "\"cause\": \"name_commercial\"")
        << message << "\n"
        << r.out.substr(0, 800);
    EXPECT_NE(r.out.find("\"similar_cases\""), std::string::npos);
  }
}

// The statistics' counts stand in one column whatever the length of a title (a Chinese
// character is two columns wide).
TEST(CasesCli, StatisticsKeepTheirCountsInOneColumn) {
  TempDir tmp;
  RunResult const r = run_mpadvisor(with_db(tmp, {"cases", "stats", "--lang", "zh"}), tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_golden(source_dir() / "tests/golden/cli/cases_stats.zh.txt", r.out);
  // In English a category of one case says "1 case" (the shipped cases have one).
  RunResult const en = run_mpadvisor(with_db(tmp, {"cases", "stats", "--lang", "en"}), tmp.path());
  EXPECT_EQ(en.exit_code, 0) << en.err;
  expect_golden(source_dir() / "tests/golden/cli/cases_stats.en.txt", en.out);
}

// A ranked rejection as an applicant reads it: why each cause is ranked in words, similar
// cases at their stage's title; the message pattern only with --explain.
TEST(DiagnoseRejection, TheReasonsAreInWordsAndThePatternOnlyWithExplain) {
  TempDir tmp;
  std::vector<std::string> const args = {
      "diagnose", "kb/examples/yoga_name_rejected.json", "--rejection", "名称包含商业性词汇，请修改", "--lang", "zh"};
  RunResult const r = run_mpadvisor(with_db(tmp, args), tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_golden(source_dir() / "tests/golden/cli/rejection_yoga.zh.txt", r.out);
  std::vector<std::string> explained = args;
  explained.push_back("--explain");
  RunResult const e = run_mpadvisor(with_db(tmp, explained), tmp.path());
  EXPECT_NE(e.out.find("驳回信息的说法与这个原因相符（匹配规则 名称.*"), std::string::npos) << e.out;
}

// Without --rejection, diagnose ranks the profile's latest rejection (briefly, without the
// case base): the yoga example's name rejection points at the commercial name.
TEST(DiagnoseRejection, TheProfilesLatestRejectionIsRanked) {
  TempDir tmp;
  std::string const profile = (testing::source_dir() / "kb/examples/yoga_name_rejected.json").string();
  RunResult json = run_mpadvisor(with_db(tmp, {"diagnose", profile, "--format", "json"}), tmp.path());
  EXPECT_EQ(json.exit_code, 1) << json.err;  // blocked
  auto at = json.out.find("\"latest_rejection\"");
  ASSERT_NE(at, std::string::npos) << json.out;
  auto cause = json.out.find("\"cause\": \"", at);
  ASSERT_NE(cause, std::string::npos);
  EXPECT_EQ(json.out.substr(cause, std::string("\"cause\": \"name_commercial\"").size()),
            "\"cause\": \"name_commercial\"");
  RunResult text = run_mpadvisor(with_db(tmp, {"diagnose", profile, "--lang", "en"}), tmp.path());
  auto latest = text.out.find("Latest rejection (Platform first review)");
  ASSERT_NE(latest, std::string::npos) << text.out;
  EXPECT_NE(text.out.find("1. ", latest), std::string::npos);
  EXPECT_NE(text.out.find("[name_commercial]", latest), std::string::npos);
  // The case base is left alone: no database is created by a plain diagnose.
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "cases.db"));
}

// The case commands speak Chinese too (--lang zh); JSON stays the same in both languages.
TEST(CasesCli, TextOutputFollowsTheLanguage) {
  TempDir tmp;
  auto zh = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--lang", "zh"});
    RunResult r = run_mpadvisor(with_db(tmp, args), tmp.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  EXPECT_NE(zh({"cases", "stats"}).find("按步骤："), std::string::npos);
  EXPECT_NE(zh({"cases", "show", "1"}).find("驳回信息"), std::string::npos);
  EXPECT_NE(zh({"cases", "replay"}).find("首位命中："), std::string::npos);
  EXPECT_NE(zh({"cases", "similar", "名称含有商业性质词汇"}).find("相似度"), std::string::npos);
  EXPECT_NE(zh({"cases", "list", "--stage", "registration.choose_type"}).find("没有符合条件的案例"), std::string::npos);
  // Each case's outcome in the output's language: no English status word in Chinese.
  for (const std::string& listed : {zh({"cases", "list"}), zh({"cases", "similar", "名称含有商业性质词汇"})}) {
    EXPECT_NE(listed.find("驳回"), std::string::npos) << listed;
    for (const char* word : {"approved", "rejected", "unknown"})
      EXPECT_EQ(listed.find(word), std::string::npos) << listed;
  }
  RunResult const en_list = run_mpadvisor(with_db(tmp, {"cases", "list", "--lang", "en"}), tmp.path());
  EXPECT_NE(en_list.out.find("rejected"), std::string::npos) << en_list.out;
  std::ofstream(tmp.path() / "one.jsonl")
      << R"({"date": "2026-11-01", "stage": "filing.submit", "entity": "personal", "profile": {}, )"
      << R"("message": "名称不规范", "causes": [], "fix": null, "outcome": "rejected", "source": "test"})"
      << "\n";
  EXPECT_NE(zh({"cases", "import", (tmp.path() / "one.jsonl").string()}).find("导入 1 个案例"), std::string::npos);
  RunResult en = run_mpadvisor(with_db(tmp, {"cases", "replay", "--lang", "en"}), tmp.path());
  EXPECT_NE(en.out.find("top-1 accuracy:"), std::string::npos) << en.out;
}

// Text output names a case's step, subject type and causes as the knowledge base does, in the
// output's language; names the KB does not know (a case recorded under another KB) are shown
// as stored, and JSON keeps the ids.
TEST(CasesCli, StepsEntitiesAndCausesAreNamedAsTheKbNamesThem) {
  TempDir tmp;
  auto run = [&](const std::vector<std::string>& args) {
    RunResult r = run_mpadvisor(with_db(tmp, args), tmp.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  std::string const zh_case = run({"cases", "show", "1", "--lang", "zh"});
  EXPECT_NE(zh_case.find("平台初审 (filing.platform_review)"), std::string::npos) << zh_case;
  EXPECT_NE(zh_case.find("个人\n"), std::string::npos) << zh_case;
  EXPECT_NE(zh_case.find("名称含商业性词汇 (name_commercial)、"), std::string::npos) << zh_case;
  EXPECT_EQ(zh_case.find(" personal\n"), std::string::npos) << zh_case;  // the profile keeps its own
  std::string const en_case = run({"cases", "show", "1", "--lang", "en"});
  EXPECT_NE(en_case.find("Platform first review (filing.platform_review)"), std::string::npos) << en_case;
  EXPECT_NE(en_case.find("A private person"), std::string::npos) << en_case;

  std::string const zh_list = run({"cases", "list", "--lang", "zh"});
  EXPECT_NE(zh_list.find("平台初审"), std::string::npos) << zh_list;
  EXPECT_EQ(zh_list.find("filing.platform_review"), std::string::npos) << zh_list;
  std::string const zh_stats = run({"cases", "stats", "--lang", "zh"});
  EXPECT_NE(zh_stats.find("平台初审 (filing.platform_review)"), std::string::npos) << zh_stats;
  EXPECT_NE(zh_stats.find("名称含商业性词汇 (name_commercial)"), std::string::npos) << zh_stats;
  EXPECT_NE(run({"cases", "list", "--format", "json"}).find("\"stage\":\"filing.platform_review\""), std::string::npos);

  std::ofstream(tmp.path() / "old.jsonl")
      << R"({"date": "2026-11-01", "stage": "old.step", "entity": "team", "profile": {}, "message": "名称不规范", )"
      << R"("causes": ["gone_cause"], "fix": null, "outcome": "rejected", "source": "test"})"
      << "\n";
  run({"cases", "import", (tmp.path() / "old.jsonl").string()});
  std::string const old_case = run({"cases", "list", "--outcome", "rejected", "--lang", "zh"});
  EXPECT_NE(old_case.find("old.step"), std::string::npos) << old_case;
  EXPECT_NE(old_case.find("[gone_cause]"), std::string::npos) << old_case;
}

TEST(CasesReplay, ReportsAccuracyOfTheRanking) {
  TempDir tmp;
  RunResult r = run_mpadvisor(with_db(tmp, {"cases", "replay", "--format", "json"}), tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"top1_accuracy\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"top3_accuracy\""), std::string::npos);
}

TEST(KbImpact, RemovingATermChangesTheCasesThatNeededIt) {
  TempDir tmp;
  fs::path const kb = tmp.path() / "kb";
  fs::copy(source_dir() / "kb", kb, fs::copy_options::recursive);
  // Drop 火锅 (hot pot) from the commercial words.
  fs::path const lexicon = kb / "lexicons/commercial.mpk";
  std::string text = read_text(lexicon);
  auto at = text.find("\"火锅\"");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) - at);
  std::ofstream(lexicon, std::ios::binary) << text;
  std::ofstream(tmp.path() / "hotpot.jsonl")
      << R"({"date": "2026-11-01", "stage": "filing.platform_review", "entity": "personal", "profile": {"entity": "personal", "name": "火锅学习笔记"}, "message": "名称含商业词汇", "causes": ["name_commercial"], "fix": null, "outcome": "rejected", "source": "test"})"
      << "\n";
  ASSERT_EQ(
      run_mpadvisor(with_db(tmp, {"cases", "import", (tmp.path() / "hotpot.jsonl").string()}), tmp.path()).exit_code,
      0);
  RunResult r = run_mpadvisor(with_db(tmp, {"kb", "impact", "--base", "kb", "--kb", kb.string()}), tmp.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;  // some cases change
  EXPECT_NE(r.out.find("blocked / name_commercial  →"), std::string::npos) << r.out;
  RunResult same = run_mpadvisor(with_db(tmp, {"kb", "impact", "--base", "kb", "--kb", "kb"}), tmp.path());
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_NE(same.out.find("kb impact: 0 of"), std::string::npos) << same.out;
}

}  // namespace
}  // namespace mpadvisor::testing
