// why / why-not: proof trees and the failing parts of a rule that did not fire.
#include "mpadvisor/engine/explain.hpp"

#include <gtest/gtest.h>

#include "mpadvisor/engine/whatif.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const std::string kKb = R"(
goal s
fact entity : enum(personal, enterprise)
fact name : text
terms commercial { "瑜伽" "yoga" }
step s { title en "S" }
cause c { title en "Commercial name" fix en "Rename" }
rule r at s { when entity == personal and name contains_any commercial block c }
)";

TEST(Explain, ProofTreeOfAFiredRule) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal", "name": "瑜伽馆"})");
  ProofNode proof = prove_rule(*m, p, *m->find_rule("r"));
  EXPECT_EQ(proof.value, Truth::yes);
  EXPECT_EQ(proof.text, "entity == personal and name contains_any commercial");
  ASSERT_EQ(proof.children.size(), 2u);
  EXPECT_EQ(proof.children[0].text, "entity == personal");
  ASSERT_EQ(proof.children[1].facts.size(), 1u);
  ASSERT_TRUE(proof.children[1].facts[0].match);
  EXPECT_EQ(proof.children[1].facts[0].match->term, "瑜伽");
}

TEST(Explain, WhyNotNamesTheFalsePart) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "enterprise", "name": "瑜伽馆"})");
  ProofNode proof = prove_rule(*m, p, *m->find_rule("r"));
  EXPECT_EQ(proof.value, Truth::no);
  auto parts = failing_parts(proof);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0]->text, "entity == personal");
}

TEST(Explain, WhyNotNamesTheUnknownPart) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal"})");
  ProofNode proof = prove_rule(*m, p, *m->find_rule("r"));
  EXPECT_EQ(proof.value, Truth::unknown);
  auto parts = failing_parts(proof);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0]->text, "name contains_any commercial");
  EXPECT_EQ(parts[0]->facts[0].value, "unknown");
}

TEST(WhatIf, RenamingResolvesTheBlocker) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal", "name": "瑜伽馆"})");
  WhatIf w = what_if(*m, p, {{*m->find_fact("name"), false, "英语单词学习工具"}});
  EXPECT_EQ(w.before.verdict, Verdict::blocked);
  EXPECT_EQ(w.after.verdict, Verdict::clear);
  ASSERT_EQ(w.resolved.size(), 1u);
  EXPECT_EQ(m->causes()[w.resolved[0].cause].name, "c");
  EXPECT_TRUE(w.introduced.empty());
}

TEST(WhatIf, UnsetMakesAFactUnknown) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal", "name": "学习"})");
  WhatIf w = what_if(*m, p, {{*m->find_fact("name"), true, ""}});
  EXPECT_EQ(w.after.verdict, Verdict::needs_info);
}

TEST(WhatIf, BadValueIsAProfileError) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal"})");
  EXPECT_THROW(what_if(*m, p, {{*m->find_fact("entity"), false, "company"}}), ProfileError);
}

}  // namespace
}  // namespace mpadvisor::engine
