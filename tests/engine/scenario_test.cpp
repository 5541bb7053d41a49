// The scenario runner: passes, readable failures, coverage.
#include "mpadvisor/engine/scenario.hpp"

#include <gtest/gtest.h>

#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const std::string kKb = R"(
goal s
fact entity : enum(personal, enterprise)
fact name : text
terms commercial { "瑜伽" }
step s { title en "S" }
cause c { title en "Commercial name" fix en "Rename" }
rule r at s { when entity == personal and name contains_any commercial block c }
)";

TEST(Scenarios, PassingScenariosCoverTheRule) {
  auto m = testing::model_from(kKb + R"(
scenario fires { given entity = personal, name = "瑜伽" expect blocked at s by c expect blocked }
scenario does_not_fire { given entity = personal, name = "学习" expect not blocked at s by c expect clear }
scenario unknown { given entity = personal expect needs_info about name expect needs_info }
)");
  ScenarioReport r = run_scenarios(*m, 0);
  EXPECT_EQ(r.failed(), 0u);
  EXPECT_TRUE(r.uncovered().empty());
}

TEST(Scenarios, AWrongExpectationFailsWithExpectedAndActual) {
  auto m = testing::model_from(kKb + R"(
scenario wrong { given entity = enterprise, name = "瑜伽" expect blocked at s by c }
)");
  ScenarioReport r = run_scenarios(*m, 0);
  ASSERT_EQ(r.failed(), 1u);
  const ExpectationResult& e = r.results[0].expectations[0];
  EXPECT_FALSE(e.passed);
  EXPECT_EQ(e.expectation->text, "expect blocked at s by c");
  EXPECT_EQ(e.status, StepStatus::ready);  // what the diagnosis said instead: s is ready,
  EXPECT_TRUE(e.causes.empty());           // with no blocking cause there
  ASSERT_EQ(r.uncovered().size(), 1u);     // never seen firing
}

// A scenario is its baseline chain's facts, each replaced by what a later link (or the
// scenario) says of the same fact; `unknown` takes a fact away.
TEST(Scenarios, BaselinesMergeInOrder) {
  auto m = testing::model_from(kKb + R"(
baseline person { given entity = personal, name = "学习" target s }
baseline yoga from person { given name = "瑜伽" }
scenario a from yoga { expect blocked at s by c }
scenario b from yoga { given entity = enterprise expect clear }
scenario c from yoga { given name unknown expect needs_info about name }
scenario d from person { expect clear }
)");
  ASSERT_EQ(m->scenarios().size(), 4u);
  EXPECT_EQ(m->scenarios()[0].baseline, "yoga");
  EXPECT_EQ(m->scenarios()[0].target, *m->find_step("s"));  // inherited through the chain
  EXPECT_EQ(m->scenarios()[2].given.size(), 1u);            // entity only
  ScenarioReport r = run_scenarios(*m, 0);
  for (const ScenarioResult& result : r.results) {
    for (const ExpectationResult& e : result.expectations) EXPECT_TRUE(e.passed) << e.expectation->text;
  }
}

}  // namespace
}  // namespace mpadvisor::engine
