// kb check, fmt, test, graph and doc through the command line.
#include <gtest/gtest.h>

#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

namespace fs = std::filesystem;

// A copy of the shipped KB that a test may change.
fs::path copy_kb(const TempDir& tmp) {
  fs::path const kb = tmp.path() / "kb";
  fs::copy(source_dir() / "kb", kb, fs::copy_options::recursive);
  return kb;
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_text(file);
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << file;
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

TEST(KbCheck, ShippedKbIsClean) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"kb", "check", "kb"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("0 errors, 0 warnings"), std::string::npos) << r.out;
}

TEST(KbCheck, MissingBraceIsExitOneWithCaret) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"kb", "check", "tests/golden/diagnostics/missing_brace.mpk"}, tmp.path());
  EXPECT_EQ(r.exit_code, 1);
  expect_golden(source_dir() / "tests/golden/cli/kb_check_missing_brace.stderr", r.err);
  EXPECT_EQ(r.out, "kb check: 1 file, 1 error, 0 warnings\n");  // one of each, counted as one
}

TEST(KbCheck, JsonDiagnostics) {
  TempDir tmp;
  RunResult r =
      run_mpadvisor({"kb", "check", "tests/golden/diagnostics/requires_cycle.mpk", "--format", "json"}, tmp.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"code\": \"requires-cycle\""), std::string::npos) << r.out;
}

// A KB author who reads Chinese gets the whole report in Chinese: the severities, every message
// and note, the summary; the JSON's messages follow --lang too, while codes stay as they are.
TEST(KbCheck, TheReportIsInChineseWithLangZh) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"--lang", "zh", "kb", "check", "tests/golden/diagnostics/type_errors.mpk"}, tmp.path());
  EXPECT_EQ(r.exit_code, 1);
  expect_golden(source_dir() / "tests/golden/cli/kb_check_type_errors.zh.txt", r.err + r.out);
  RunResult json = run_mpadvisor(
      {"--lang", "zh", "kb", "check", "tests/golden/diagnostics/requires_cycle.mpk", "--format", "json"}, tmp.path());
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_NE(json.out.find("\"code\": \"requires-cycle\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"message\": \"步骤之间循环依赖：a → b → c → a\""), std::string::npos) << json.out;
}

TEST(KbCheck, StaleAfterWarnsAboutOldSources) {
  TempDir tmp;
  fs::path kb = copy_kb(tmp);
  replace_in(kb / "registration.mpk", "checked 2026-11-27", "checked 2020-01-01");
  RunResult r = run_mpadvisor({"kb", "check", kb.string(), "--stale-after", "180d"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("warning: source was last checked"), std::string::npos) << r.err;
  EXPECT_EQ(run_mpadvisor({"kb", "check", kb.string(), "--stale-after", "soon"}, tmp.path()).exit_code, 2);
}

TEST(KbFmt, ShippedKbIsAlreadyFormatted) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"kb", "fmt", "--check", "kb"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, "");
}

TEST(KbFmt, CheckNamesFilesThatWouldChangeAndFmtFixesThem) {
  TempDir tmp;
  fs::path const file = tmp.path() / "messy.mpk";
  std::ofstream(file) << "step   a{title en \"A\"   # keep me\n}\n";
  RunResult check = run_mpadvisor({"kb", "fmt", "--check", file.string()}, tmp.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_EQ(check.out, file.string() + "\n");
  EXPECT_EQ(run_mpadvisor({"kb", "fmt", file.string()}, tmp.path()).exit_code, 0);
  EXPECT_EQ(read_text(file), "step a {\n  title en \"A\"  # keep me\n}\n");
  EXPECT_EQ(run_mpadvisor({"kb", "fmt", "--check", file.string()}, tmp.path()).exit_code, 0);
}

TEST(KbTest, ShippedScenariosPassAndCoverEveryRule) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"kb", "test", "kb", "--require-coverage"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("not covered"), std::string::npos) << r.out;
}

TEST(KbTest, AWrongScenarioFailsWithExpectedAndActual) {
  TempDir tmp;
  fs::path kb = copy_kb(tmp);
  std::ofstream(kb / "scenarios/wrong.mpk") << "scenario deliberately_wrong {\n"
                                               "  given entity = enterprise, name = \"学习工具\"\n"
                                               "  expect blocked at filing.submit by name_commercial\n}\n";
  RunResult r = run_mpadvisor({"kb", "test", kb.string()}, tmp.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("FAIL deliberately_wrong"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  expected: expect blocked at filing.submit by name_commercial\n  actual:   filing.submit is"),
            std::string::npos)
      << r.out;
}

TEST(KbGraph, DotAndSvg) {
  TempDir tmp;
  RunResult dot = run_mpadvisor({"kb", "graph"}, tmp.path());
  EXPECT_EQ(dot.exit_code, 0);
  EXPECT_EQ(dot.out.rfind("digraph G {", 0), 0u);
  EXPECT_NE(dot.out.find("publish.release"), std::string::npos);
  RunResult coloured = run_mpadvisor({"kb", "graph", "--profile", "kb/examples/yoga_name_rejected.json"}, tmp.path());
  // The coloured graph has a legend, in the output's language: no English status word in Chinese.
  EXPECT_NE(coloured.out.find("subgraph cluster_legend"), std::string::npos) << coloured.out;
  RunResult zh =
      run_mpadvisor({"kb", "graph", "--profile", "kb/examples/yoga_name_rejected.json", "--lang", "zh"}, tmp.path());
  EXPECT_NE(zh.out.find("label=\"受阻\""), std::string::npos) << zh.out;
  EXPECT_EQ(zh.out.find("tooltip=\"blocked\""), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("tooltip=\"受阻\""), std::string::npos) << zh.out;
  EXPECT_NE(coloured.out.find("fillcolor=\"#fb6a4a\", tooltip=\"blocked\""), std::string::npos);
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    RunResult svg = run_mpadvisor({"kb", "graph", "--format", "svg"}, tmp.path());
    EXPECT_EQ(svg.exit_code, 0);
    EXPECT_NE(svg.out.find("<svg"), std::string::npos);
  }
}

TEST(KbDoc, DocsKbMdIsUpToDate) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"--lang", "en", "kb", "doc", "kb"}, tmp.path());
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, read_text(source_dir() / "docs/kb.md")) << "docs/kb.md is out of date: run scripts/update-docs";
  // Every source is named: a reference the KB declares without an address (an applicant's
  // account) by its title, not as an empty cell before its certainty.
  EXPECT_EQ(r.out.find("|  ("), std::string::npos);
  EXPECT_EQ(r.out.find("<br> ("), std::string::npos);
  EXPECT_NE(r.out.find("one applicant's published account of registering and filing a personal Mini Program §"),
            std::string::npos);
}

// The same document in Chinese: headings, columns, durations, costs, actors, effects, sources'
// certainty and the facts' questions in Chinese; the KB's own names as they are.
TEST(KbDoc, DocsKbZhMdIsUpToDateAndInChinese) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"--lang", "zh", "kb", "doc", "kb"}, tmp.path());
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, read_text(source_dir() / "docs/kb.zh.md"))
      << "docs/kb.zh.md is out of date: run scripts/update-docs";
  for (const char* chinese :
       {"# 知识库所描述的流程", "## 步骤图", "![步骤图](kb-graph.zh.svg)", "| 步骤 | 中文 | English | 办理方 |",
        "默认目标", "30 元，每次提交都要付，每年都要付，不退", "| 微信平台 |", "个工作日", "` 阻止 `", "（申请者亲历）",
        "（官方）", "## 资料中可以填写的事实"}) {
    EXPECT_NE(r.out.find(chinese), std::string::npos) << chinese;
  }
  for (const char* english : {"the default target", " per attempt", "not refunded", "| applicant |", " blocks `",
                              "(official)", "Facts a profile can give"}) {
    EXPECT_EQ(r.out.find(english), std::string::npos) << english;
  }
}

}  // namespace
}  // namespace mpadvisor::testing
