// The renderers on a small fixture KB (tests/render/fixture), separate from the shipped KB
// so that a KB edit does not change these goldens: every kind of finding, in English,
// Chinese and JSON, and the explanations, what-if and scenario report.
#include <gtest/gtest.h>

#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/scenario.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/explain.hpp"
#include "mpadvisor/render/kb.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::render {
namespace {

namespace fs = std::filesystem;
using engine::Lang;

fs::path fixture() { return testing::source_dir() / "tests/render/fixture"; }
fs::path golden(const std::string& name) { return testing::source_dir() / "tests/golden/render" / name; }

const engine::Model& model() {
  static auto m = testing::model_at(fixture() / "kb.mpk");
  return *m;
}

engine::Profile profile(const std::string& name) {
  return engine::parse_profile(model(), testing::read_text(fixture() / "profiles" / (name + ".json")), 0);
}

class FixtureDiagnosis : public ::testing::TestWithParam<std::string> {};

TEST_P(FixtureDiagnosis, TextInBothLanguagesAndJson) {
  engine::Diagnosis const d = engine::diagnose(model(), profile(GetParam()));
  for (auto [lang, suffix] : {std::pair{Lang::en, ".en.txt"}, std::pair{Lang::zh, ".zh.txt"}}) {
    testing::expect_golden(golden(GetParam() + suffix), diagnosis_text(model(), d, {lang, false, true}));
  }
  testing::expect_golden(golden(GetParam() + ".json"), diagnosis_json(model(), d, {Lang::en, false, false}).dump(2));
  // The writer the API and the batch use gives the same bytes as the tree.
  JsonWriter direct(2);
  direct.begin_object();
  write_diagnosis_members(direct, model(), d, {Lang::en, false, false});
  direct.end_object();
  EXPECT_EQ(direct.str(), diagnosis_json(model(), d, {Lang::en, false, false}).dump(2));
}

INSTANTIATE_TEST_SUITE_P(Profiles, FixtureDiagnosis,
                         ::testing::Values("blocked", "unknown", "waiting", "clear", "with_proof", "enterprise"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// The evidence of one cause names each fact once, with every test it answered.
TEST(FixtureDiagnosis, EvidenceLinesAreNotRepeated) {
  engine::Diagnosis const d = engine::diagnose(model(), profile("blocked"));
  std::string const text = diagnosis_text(model(), d, {Lang::en, false, false});
  EXPECT_EQ(text.find("Evidence: proofs = []"), text.rfind("Evidence: proofs = []")) << text;
}

TEST(FixtureExplain, WhyAndWhyNotUnderNot) {
  auto rule = [](const char* name) { return *model().find_rule(name); };
  RuleExplanation const why{rule("submit.name"), engine::prove_rule(model(), profile("blocked"), rule("submit.name")),
                            false};
  // The rule's `not (…)` is false because a proof is there: the failing part is under the not.
  RuleExplanation const why_not{rule("prepare.proof"),
                                engine::prove_rule(model(), profile("with_proof"), rule("prepare.proof")), true};
  for (auto [lang, suffix] : {std::pair{Lang::en, ".en.txt"}, std::pair{Lang::zh, ".zh.txt"}}) {
    testing::expect_golden(golden(std::string("why_submit_name") + suffix),
                           rule_explanation_text(model(), why, {lang, false, true}));
    testing::expect_golden(golden(std::string("why_not_prepare_proof") + suffix),
                           rule_explanation_text(model(), why_not, {lang, false, true}));
  }
  std::vector<const engine::ProofNode*> const failing = engine::failing_parts(why_not.proof);
  ASSERT_FALSE(failing.empty());
  EXPECT_EQ(failing.front()->text, "not (proofs has social or proofs has permit)");
}

// A change can introduce a blocker, and what-if says so.
TEST(FixtureWhatIf, ReportsABlockerTheChangeIntroduces) {
  engine::WhatIf const w =
      engine::what_if(model(), profile("enterprise"), {{*model().find_fact("entity"), false, "personal"}});
  ASSERT_EQ(w.introduced.size(), 1u);
  EXPECT_EQ(model().causes()[w.introduced.front().cause].name, "proof_missing");
  EXPECT_TRUE(w.resolved.empty());
  for (auto [lang, suffix] : {std::pair{Lang::en, ".en.txt"}, std::pair{Lang::zh, ".zh.txt"}}) {
    testing::expect_golden(golden(std::string("whatif_personal") + suffix),
                           whatif_text(model(), w, {lang, false, false}));
  }
}

TEST(FixtureScenarios, ReportNamesWhatFailed) {
  engine::ScenarioReport const report = engine::run_scenarios(model(), 0);
  EXPECT_EQ(report.failed(), 1u);
  for (auto [lang, suffix] : {std::pair{Lang::en, ".en.txt"}, std::pair{Lang::zh, ".zh.txt"}}) {
    testing::expect_golden(golden(std::string("kb_test") + suffix), test_text(model(), report, {lang, false, false}));
  }
  testing::expect_golden(golden("kb_test.json"), test_json(model(), report).dump(2));
}

}  // namespace
}  // namespace mpadvisor::render
