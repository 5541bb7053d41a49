// Golden tests of `diagnose` on every example profile: text in both languages and JSON.
#include <gtest/gtest.h>

#include "support/examples.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

namespace fs = std::filesystem;

class DiagnoseGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(DiagnoseGolden, TextAndJsonMatch) {
  TempDir tmp;
  std::string const profile = "kb/examples/" + GetParam() + ".json";
  fs::path const golden = source_dir() / "tests/golden/diagnose";
  for (const char* lang : {"en", "zh"}) {
    RunResult r = run_mpadvisor({"diagnose", profile, "--lang", lang}, tmp.path());
    EXPECT_EQ(r.err, "");
    expect_golden(golden / (GetParam() + "." + lang + ".txt"), r.out + "[exit " + std::to_string(r.exit_code) + "]\n");
  }
  RunResult j = run_mpadvisor({"diagnose", profile, "--format", "json", "--lang", "en"}, tmp.path());
  expect_golden(golden / (GetParam() + ".json"), j.out);
  RunResult e = run_mpadvisor({"diagnose", profile, "--explain", "--lang", "en"}, tmp.path());
  bool const has_findings =
      e.out.find("Evidence:") != std::string::npos || e.out.find("Information needed") != std::string::npos;
  if (has_findings) {
    EXPECT_NE(e.out.find(".mpk:"), std::string::npos) << "--explain names rules' KB files";
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, DiagnoseGolden, ::testing::ValuesIn(example_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(DiagnoseExitCodes, ClearBlockedAndNeedsInfo) {
  TempDir tmp;
  EXPECT_EQ(run_mpadvisor({"diagnose", "kb/examples/clean_release.json"}, tmp.path()).exit_code, 0);
  EXPECT_EQ(run_mpadvisor({"diagnose", "kb/examples/yoga_name_rejected.json"}, tmp.path()).exit_code, 1);
  EXPECT_EQ(run_mpadvisor({"diagnose", "kb/examples/unknown_facts.json"}, tmp.path()).exit_code, 1);
}

TEST(DiagnoseTarget, UnknownTargetIsExitTwo) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"diagnose", "kb/examples/clean_release.json", "--target", "nowhere"}, tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'nowhere' is not a step"), std::string::npos);
}

}  // namespace
}  // namespace mpadvisor::testing
