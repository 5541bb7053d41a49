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
  EXPECT_EQ(e.expected, "expect blocked at s by c");
  EXPECT_EQ(e.actual, "s is ready, blocking causes there: none");
  ASSERT_EQ(r.uncovered().size(), 1u);  // never seen firing
}

}  // namespace
}  // namespace mpadvisor::engine
