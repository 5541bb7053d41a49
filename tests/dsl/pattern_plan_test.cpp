// Message-pattern plans (mpadvisor/dsl/pattern_plan.hpp): which patterns are planned
// exactly, loosely or not at all, and the steps, texts and gaps of a plan. That the plans
// agree with ICU is tested in tests/engine/message_pattern_test.cpp and by fuzz_pattern.
#include "mpadvisor/dsl/pattern_plan.hpp"

#include <gtest/gtest.h>

#include "mpadvisor/dsl/load.hpp"
#include "support/golden.hpp"

namespace mpadvisor::dsl {
namespace {

// Every literal text of a plan's branch, step by step.
std::vector<std::vector<std::string>> step_texts(const PatternPlan& plan, std::size_t branch) {
  std::vector<std::vector<std::string>> out;
  for (const PlannedStep& s : plan.branches.at(branch).steps) out.push_back(s.texts);
  return out;
}

using Texts = std::vector<std::vector<std::string>>;
constexpr std::uint32_t kInf = Gap::kUnbounded;

TEST(PatternPlan, LiteralsJoinedByGapsArePlannedExactly) {
  PatternPlan p = plan_pattern("名称.*(商业|经营)");
  EXPECT_TRUE(p.exact);
  ASSERT_EQ(p.branches.size(), 1u);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"名称"}, {"商业", "经营"}}));
  EXPECT_EQ(p.branches[0].steps[1].before, (Gap{0, kInf}));

  p = plan_pattern("Business.?licen[cs]e");
  EXPECT_TRUE(p.exact);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"business"}, {"licence", "license"}}));
  EXPECT_EQ(p.branches[0].steps[1].before, (Gap{0, 1}));

  p = plan_pattern("(包含|含有).{0,3}(小程序|微信)");
  EXPECT_TRUE(p.exact);
  EXPECT_EQ(p.branches[0].steps[1].before, (Gap{0, 3}));

  // An optional group inside a literal multiplies the texts instead of the branches.
  p = plan_pattern("应急(联系)?(电话|方式)");
  EXPECT_TRUE(p.exact);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"应急方式", "应急电话", "应急联系方式", "应急联系电话"}}));

  // An optional group beside a gap becomes two branches: with it, and without it.
  p = plan_pattern("核验.*(超时)?.+");
  EXPECT_TRUE(p.exact);
  ASSERT_EQ(p.branches.size(), 2u);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"核验"}, {"超时"}}));
  EXPECT_EQ(p.branches[0].after, (Gap{1, kInf}));
  EXPECT_EQ(step_texts(p, 1), (Texts{{"核验"}}));
  EXPECT_EQ(p.branches[1].after, (Gap{1, kInf}));

  p = plan_pattern("a(b.*c|d)e");
  EXPECT_TRUE(p.exact);
  ASSERT_EQ(p.branches.size(), 2u);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"ab"}, {"ce"}}));
  EXPECT_EQ(step_texts(p, 1), (Texts{{"ade"}}));
}

TEST(PatternPlan, OtherSyntaxIsRelaxedOrLeftToIcu) {
  PatternPlan p = plan_pattern("^名称");  // an anchor: relaxed, the literal still required
  EXPECT_FALSE(p.exact);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"名称"}}));

  p = plan_pattern("名称[a-z]+审核");  // a range, repeated
  EXPECT_FALSE(p.exact);
  EXPECT_EQ(step_texts(p, 0), (Texts{{"名称"}, {"审核"}}));

  // A cased non-ASCII letter: ICU's full case folding can match it, with the ASCII letter
  // before it, against one text character (t + U+0308 matches ẗ).
  for (const char* unreadable :
       {"名称\\d", "(?i)名称", "(?=名称)x", "[[a-z]&&[^b]]", "名称\\Q.\\E", "t\u0308", "Straße", "abc\\"}) {
    p = plan_pattern(unreadable);
    EXPECT_FALSE(p.exact) << unreadable;
    ASSERT_EQ(p.branches.size(), 1u) << unreadable;
    EXPECT_TRUE(p.branches[0].steps.empty()) << unreadable;  // every message goes to ICU
  }
}

// The shipped patterns all take the fast path; a new pattern that does not shows up here
// (and as a note from kb check).
TEST(PatternPlan, EveryShippedPatternIsExact) {
  LoadResult loaded = load(testing::source_dir() / "kb");
  std::size_t patterns = 0;
  for (const ast::Module& m : loaded.kb.modules) {
    for (const ast::Declaration& d : m.declarations) {
      const auto* cause = std::get_if<ast::Cause>(&d);
      if (!cause) continue;
      for (const ast::Pattern& p : cause->patterns) {
        ++patterns;
        EXPECT_TRUE(plan_pattern(p.regex).exact) << p.regex;
      }
    }
  }
  EXPECT_GT(patterns, 100u);
}

}  // namespace
}  // namespace mpadvisor::dsl
