// whatif, why and why-not through the command line.
#include <gtest/gtest.h>

#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

TEST(WhatIf, RenamingTheYogaAppResolvesTheNameBlocker) {
  TempDir tmp;
  RunResult r = run_mpadvisor(
      {"whatif", "kb/examples/yoga_name_rejected.json", "--set", "name=英语单词学习工具", "--lang", "en"}, tmp.path());
  expect_golden(source_dir() / "tests/golden/cli/whatif_yoga_rename.txt",
                r.out + "[exit " + std::to_string(r.exit_code) + "]\n");
  EXPECT_NE(
      r.out.find(
          "Blockers resolved\n- Fill in and submit the filing (filing.submit): The name contains a commercial word"),
      std::string::npos)
      << r.out;
  RunResult j = run_mpadvisor(
      {"whatif", "kb/examples/yoga_name_rejected.json", "--set", "name=英语单词学习工具", "--format", "json"},
      tmp.path());
  EXPECT_NE(j.out.find("\"cause\": \"name_commercial\""), std::string::npos);
}

TEST(WhatIf, BadEditsAreExitTwo) {
  TempDir tmp;
  EXPECT_EQ(run_mpadvisor({"whatif", "kb/examples/yoga_name_rejected.json", "--set", "nmae=x"}, tmp.path()).exit_code,
            2);
  EXPECT_EQ(
      run_mpadvisor({"whatif", "kb/examples/yoga_name_rejected.json", "--set", "entity=company"}, tmp.path()).exit_code,
      2);
  EXPECT_EQ(run_mpadvisor({"whatif", "kb/examples/yoga_name_rejected.json"}, tmp.path()).exit_code, 2);
}

TEST(Why, ProofTreeOfAFiredRule) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"why", "kb/examples/yoga_name_rejected.json", "filing.name_commercial", "--lang", "en"},
                              tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_golden(source_dir() / "tests/golden/cli/why_yoga_name.txt", r.out);
}

// Asked about a step, each of its rules that holds is headed as `why RULE` heads it: its name,
// where it is written and its cause in the reader's language.
TEST(Why, AStepsRulesAreHeadedByTheirCause) {
  TempDir tmp;
  RunResult r =
      run_mpadvisor({"why", "kb/examples/yoga_name_rejected.json", "filing.submit", "--lang", "zh"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_golden(source_dir() / "tests/golden/cli/why_step_yoga.zh.txt", r.out);
}

// A step done because the profile lists it (or a step after it) says so in the reader's
// language, not as the JSON's fixed condition text.
TEST(Why, AStepListedDoneSaysSoInEitherLanguage) {
  TempDir tmp;
  for (const char* lang : {"zh", "en"}) {
    RunResult r = run_mpadvisor({"why", "kb/examples/clean_release.json", "registration.choose_type", "--lang", lang},
                                tmp.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_golden(source_dir() / (std::string("tests/golden/cli/why_listed_done.") + lang + ".txt"), r.out);
  }
}

TEST(WhyNot, NamesTheFalsePart) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"why-not", "kb/examples/clean_release.json", "filing.name_commercial", "--lang", "en"},
                              tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("It did not fire; these parts are false:"), std::string::npos) << r.out;
  RunResult unknown = run_mpadvisor({"why-not", "kb/examples/clean_release.json", "no.such.rule"}, tmp.path());
  EXPECT_EQ(unknown.exit_code, 2);
  RunResult typo =
      run_mpadvisor({"why-not", "kb/examples/clean_release.json", "filing.name_comercial", "--lang", "en"}, tmp.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'filing.name_commercial'?"), std::string::npos) << typo.err;
}

TEST(Why, AMistypedNameGetsTheNearestRuleOrStep) {
  TempDir tmp;
  RunResult r =
      run_mpadvisor({"why", "kb/examples/yoga_name_rejected.json", "filing.submt", "--lang", "zh"}, tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("是不是“filing.submit”？"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mpadvisor::testing
