// The checker's passes, each on a small KB written for it.
#include <gtest/gtest.h>

#include "mpadvisor/dsl/checked_kb.hpp"

namespace mpadvisor::dsl {
namespace {

// A minimal valid KB that tests extend.
const std::string kBase = R"(
goal b
fact entity : enum(personal, enterprise) { question zh "主体" en "Entity" title zh "主体" en "Entity" }
fact name : text { question zh "名称" en "Name" title zh "名称" en "Name" }
fact proofs : set(permit, social) { question zh "证明" en "Proofs" title zh "证明" en "Proofs" }
fact ok : bool { question zh "好" en "OK" title zh "好" en "OK" }
terms words { title zh "词" en "Words" "瑜伽" "yoga" }
reference s { title zh "指南" en "Guide" }
step a { title zh "甲" en "A" }
step b { title zh "乙" en "B" requires a }
cause c { title zh "原因" en "Cause" explain zh "解释" en "Why" fix zh "改" en "Fix" source "https://example.org/guide" checked 2026-11-27 }
)";

Diagnostics check_with(const std::string& extra, CheckOptions options = {}) {
  return dsl::check_text("t.mpk", kBase + extra, options).diagnostics;
}

bool has(const Diagnostics& d, const std::string& code, const std::string& text, Severity s = Severity::error) {
  for (const Diagnostic& x : d.items()) {
    if (x.code == code && x.severity == s && x.message.en.find(text) != std::string::npos) return true;
  }
  return false;
}

const char* kRule =
    "rule r at b { when entity == personal and name contains_any words block c source \"https://example.org/guide\" "
    "}\n";

// A fact the applicant is asked about is named to them in evidence by its title; one that is
// never asked (derived, or filled by the tool) may go without.
TEST(Check, AFactAskedAboutNeedsATitle) {
  Diagnostics const d = check_with(kRule + std::string("fact email : text { question zh \"邮箱\" en \"Email\" }\n") +
                                   "fact today : date { derived }\n");
  EXPECT_FALSE(d.has_errors());
  EXPECT_TRUE(has(d, "missing-text", "the title of 'email' is missing", Severity::warning));
  EXPECT_FALSE(has(d, "missing-text", "'today'", Severity::warning));
  Diagnostics const half =
      check_with(kRule + std::string("fact email : text { title zh \"邮箱\" question zh \"邮箱\" en \"Email\" }\n"));
  EXPECT_TRUE(has(half, "missing-translation", "the title of 'email' has no English (en) text", Severity::warning));
}

// Appending another list of diagnostics copies it, or moves its items (and leaves it empty).
TEST(Check, DiagnosticsAppendByCopyOrByMove) {
  auto one = [](std::string message) {
    Diagnostic d;
    d.severity = Severity::warning;
    d.message = base::english_only(std::move(message));
    return d;
  };
  Diagnostics first, second;
  first.add(one("a"));
  second.add(one("b"));
  second.add(one("c"));
  first.append(second);
  EXPECT_EQ(second.items().size(), 2u);
  first.append(std::move(second));
  EXPECT_TRUE(second.items().empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  std::vector<std::string> got;
  for (const Diagnostic& d : first.items()) got.push_back(d.message.en);
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "c", "b", "c"}));
  EXPECT_EQ(first.warning_count(), 5u);
}

TEST(Check, BaseWithOneRuleIsClean) {
  Diagnostics d = check_with(kRule);
  EXPECT_FALSE(d.has_errors()) << render_text(d);
  EXPECT_EQ(d.warning_count(), 0u) << render_text(d);
}

// A checked KB keeps its rules' conditions as text: checking and compiling read one at a time.
TEST(Check, ACheckedKbHoldsRuleConditionsAsText) {
  KbCheck checked = dsl::check_text("t.mpk", kBase + kRule);
  ASSERT_TRUE(checked.kb) << render_text(checked.diagnostics);
  std::size_t rules = 0;
  for (const ast::Declaration& d : checked.kb->kb().modules.at(0).declarations) {
    if (const auto* r = std::get_if<ast::Rule>(&d)) {
      ++rules;
      EXPECT_TRUE(r->condition_in_text);
      EXPECT_TRUE(r->condition.operands.empty());
    }
  }
  EXPECT_EQ(rules, 1u);
}

TEST(Check, DuplicateNamesPointAtTheFirst) {
  Diagnostics d = check_with(std::string(kRule) + "step a { title zh \"x\" en \"x\" }\n");
  ASSERT_TRUE(has(d, "duplicate-name", "step 'a' is declared twice"));
  for (const Diagnostic& x : d.items()) {
    if (x.code == "duplicate-name") {
      ASSERT_EQ(x.notes.size(), 1u);
      EXPECT_NE(x.notes[0].en.find("t.mpk:9:6"), std::string::npos);
    }
  }
}

TEST(Check, UndefinedStepGetsDidYouMean) {
  Diagnostics d = check_with(std::string(kRule) + "step c2 { title zh \"x\" en \"x\" requires bb }\ngoal c2\n");
  EXPECT_TRUE(has(d, "undefined-name", "undefined step 'bb'; did you mean 'b'?"));
}

TEST(Check, RequiresCycleIsReportedWithItsWholePath) {
  Diagnostics d =
      check_with(std::string(kRule) +
                 "step x { title zh \"x\" en \"x\" requires z }\nstep y { title zh \"y\" en \"y\" requires x }\n"
                 "step z { title zh \"z\" en \"z\" requires y }\n");
  EXPECT_TRUE(has(d, "requires-cycle", "x → z → y → x")) << render_text(d);
}

TEST(Check, EnumComparedWithUndeclaredValue) {
  Diagnostics d = check_with("rule r at b { when entity == company block c source \"s\" }\n");
  EXPECT_TRUE(has(d, "type-mismatch", "'entity' does not declare the value 'company'"));
}

TEST(Check, TextOperationOnABool) {
  Diagnostics d = check_with("rule r at b { when ok contains_any words block c source \"s\" }\n");
  EXPECT_TRUE(has(d, "type-mismatch", "text operation on 'ok'"));
}

TEST(Check, NonBoolFactAsCondition) {
  Diagnostics d = check_with("rule r at b { when name block c source \"s\" }\n");
  EXPECT_TRUE(has(d, "type-mismatch", "not a condition"));
}

TEST(Check, OrderingOnAnEnumIsRejected) {
  Diagnostics d = check_with("rule r at b { when entity < personal block c source \"s\" }\n");
  EXPECT_TRUE(has(d, "type-mismatch", "only == and != apply"));
}

TEST(Check, ContradictionIsNeverTrue) {
  Diagnostics d = check_with("rule r at b { when entity == personal and entity == enterprise block c source \"s\" }\n");
  EXPECT_TRUE(has(d, "never-true", "can never be true", Severity::warning));
  Diagnostics d2 = check_with("rule r at b { when ok and not ok block c source \"s\" }\n");
  EXPECT_TRUE(has(d2, "never-true", "'ok'", Severity::warning));
  Diagnostics d3 = check_with("rule r at b { when entity == personal and entity != personal block c source \"s\" }\n");
  EXPECT_TRUE(has(d3, "never-true", "'entity'", Severity::warning));
}

std::string rule_when(const std::string& condition) {
  return "rule r at b { when " + condition + " block c source \"s\" }\n";
}

// Parentheses and the order of the tests do not hide a contradiction.
TEST(Check, NeverTrueSeesThroughGroupsAndOrder) {
  for (const char* never : {
           "(known(entity) and entity == personal) and (known(entity) and entity == enterprise)",
           "entity == personal and (ok and (name contains_any words and entity == enterprise))",
           "not ok and (entity == personal and ok)",
           "entity in [personal] and entity == enterprise",
           "entity == enterprise and entity in [personal]",
           "entity in [personal] and (ok and entity in [enterprise])",
           "not known(name) and name contains_any words",
           "name contains_any words and not known(name)",
           "known(ok) and not known(ok)",
           "not (entity == personal) and entity == personal",
       }) {
    EXPECT_TRUE(has(check_with(rule_when(never)), "never-true", "can never be true", Severity::warning)) << never;
  }
  for (const char* possible : {
           "(known(entity) and entity == personal) or (known(entity) and entity == enterprise)",
           "entity == personal and (ok or entity == enterprise)",
           "entity in [personal, enterprise] and entity == enterprise",
           "known(name) and name contains_any words",
           "not known(name) or name contains_any words",
           "entity != personal and entity != enterprise",
       }) {
    EXPECT_FALSE(has(check_with(rule_when(possible)), "never-true", "", Severity::warning)) << possible;
  }
}

// The report points at both halves of the contradiction.
TEST(Check, NeverTrueNamesBothTests) {
  Diagnostics d = check_with(rule_when("(ok and entity == personal) and entity == enterprise"));
  ASSERT_TRUE(has(d, "never-true", "'entity'", Severity::warning));
  for (const Diagnostic& x : d.items()) {
    if (x.code != "never-true") continue;
    ASSERT_EQ(x.notes.size(), 2u);
    EXPECT_EQ(x.notes[0].en.rfind("'entity == personal' at t.mpk:", 0), 0u) << x.notes[0].en;
    EXPECT_EQ(x.notes[1].en.rfind("'entity == enterprise' at t.mpk:", 0), 0u) << x.notes[1].en;
  }
}

// A misspelt name is reported once, without the warnings it would otherwise cause
// (its step unreachable, its cause unused).
TEST(Check, AMisspeltReferenceCausesNoFollowOnWarnings) {
  Diagnostics d = check_with(
      "step lonely { title zh \"孤\" en \"Lonely\" }\nstep more { title zh \"多\" en \"More\" requires lonly }\n" +
      std::string("rule r at b { when ok block cc source \"s\" }\n"));
  EXPECT_TRUE(has(d, "undefined-name", "undefined step 'lonly'; did you mean 'lonely'?"));
  EXPECT_TRUE(has(d, "undefined-name", "undefined cause 'cc'"));
  EXPECT_FALSE(has(d, "unreachable-step", "", Severity::warning));
  EXPECT_FALSE(has(d, "unused-cause", "", Severity::warning));
}

TEST(Check, ImpossibleDatesAreErrors) {
  Diagnostics d = check_with("fact due : date { question zh \"日\" en \"Due\" title zh \"日\" en \"Due\" }\n" +
                             rule_when("due == 2026-02-30") +
                             "step late { title zh \"迟\" en \"Late\" source \"s\" checked 2026-13-01 }\n");
  EXPECT_TRUE(has(d, "invalid-date", "'2026-02-30' is not a date: February 2026 has 28 days"));
  EXPECT_TRUE(has(d, "invalid-date", "is not a date: month 13 does not exist"));
}

TEST(Check, ScenariosFromBaselines) {
  std::string const base =
      "baseline person { given entity = personal, ok = true }\n"
      "baseline firm from person { given entity = enterprise }\n";
  EXPECT_FALSE(check_with(base + "scenario s from firm { given name = \"甲\" expect clear }\n").has_errors());
  Diagnostics d = check_with(base + "scenario s from firm { given ok = true, entity = personal expect clear }\n");
  EXPECT_TRUE(has(d, "restated-given", "scenario 's' restates baseline 'firm' (`given ok = true`)", Severity::warning));
  EXPECT_FALSE(has(d, "restated-given", "entity", Severity::warning));  // personal differs from firm's enterprise
  EXPECT_TRUE(has(check_with(base + "scenario s from frim { expect clear }\n"), "undefined-name",
                  "undefined baseline 'frim'; did you mean 'firm'?"));
  EXPECT_TRUE(has(check_with("baseline x from y { }\nbaseline y from x { }\n"), "baseline-cycle",
                  "baselines start from each other in a cycle: x → y → x"));
  EXPECT_TRUE(has(check_with("scenario s { given nme unknown }\n"), "undefined-name", "undefined fact 'nme'"));
}

TEST(Check, SourcesNameAnAddressOrAReference) {
  EXPECT_FALSE(check_with(rule_when("ok")).has_errors());  // `source "s"`: the reference declared in kBase
  Diagnostics d = check_with("rule r2 at b { when ok block c source \"seed:001 §x\" }\n" +
                             std::string("rule r3 at b { when ok block c source \"gide §2\" }\n"));
  EXPECT_TRUE(has(d, "bare-source", "source 'seed:001 §x' is neither an address", Severity::warning));
  EXPECT_TRUE(has(d, "bare-source", "did you mean 's'?", Severity::warning) ||
              has(d, "bare-source", "source 'gide §2' is neither", Severity::warning));
  EXPECT_FALSE(d.has_errors());  // a KB with such sources still loads
}

TEST(Check, UnusedCauseAndUnreachableStepWarn) {
  Diagnostics d = check_with("step lonely { title zh \"孤\" en \"Lonely\" }\n");
  EXPECT_TRUE(has(d, "unused-cause", "no rule uses cause 'c'", Severity::warning));
  EXPECT_TRUE(has(d, "unreachable-step", "no goal reaches step 'lonely'", Severity::warning));
  EXPECT_FALSE(d.has_errors());
}

TEST(Check, SecondGoalMakesItsStepsReachable) {
  Diagnostics d = check_with(std::string(kRule) + "step side { title zh \"旁\" en \"Side\" }\ngoal side\n");
  EXPECT_FALSE(has(d, "unreachable-step", "side", Severity::warning)) << render_text(d);
}

TEST(Check, MissingTranslationAndSourceWarn) {
  Diagnostics d = check_with("step d { title zh \"丁\" }\ngoal d\nrule r at b { when ok block c }\n");
  EXPECT_TRUE(has(d, "missing-translation", "has no English (en) text", Severity::warning));
  EXPECT_TRUE(has(d, "missing-source", "rule 'r' cites no source", Severity::warning));
}

TEST(Check, StaleSourcesWarnOnlyWithALimit) {
  std::string rule = "rule r at b { when ok block c source \"s\" checked 2025-01-01 }\n";
  EXPECT_FALSE(has(check_with(rule), "stale-source", "", Severity::warning));
  CheckOptions options;
  options.stale_after_days = 180;
  options.today = std::chrono::year{2026} / 11 / 27;
  EXPECT_TRUE(has(check_with(rule, options), "stale-source", "days ago (limit 180 days)", Severity::warning));
}

TEST(Check, SatisfiedByNeedsASetFact) {
  Diagnostics d = check_with(
      std::string(kRule) +
      "alternatives p { title zh \"证\" en \"P\" satisfied_by name option x { title zh \"x\" en \"x\" } }\n");
  EXPECT_TRUE(has(d, "type-mismatch", "`satisfied_by` needs a set fact"));
  Diagnostics d2 = check_with(
      std::string(kRule) +
      "alternatives p { title zh \"证\" en \"P\" satisfied_by proofs option rent { title zh \"x\" en \"x\" } }\n");
  EXPECT_TRUE(has(d2, "type-mismatch", "does not declare the value 'rent'"));
}

TEST(Check, ScenarioValuesAreTyped) {
  Diagnostics d =
      check_with(std::string(kRule) + "scenario s { given entity = \"x\", ok = 3, done = [zz] expect clear }\n");
  EXPECT_TRUE(has(d, "type-mismatch", "does not declare the value 'x'"));
  EXPECT_TRUE(has(d, "type-mismatch", "expected true or false"));
  EXPECT_TRUE(has(d, "undefined-name", "undefined step 'zz'"));
}

TEST(Check, BadMessagePatternIsAnError) {
  Diagnostics d = check_with(std::string(kRule) + "cause c2 { title zh \"x\" en \"x\" message en \"(unclosed\" }\n");
  EXPECT_TRUE(has(d, "bad-pattern", "not a valid regular expression"));
}

TEST(Check, ReservedFactName) {
  Diagnostics d = check_with("fact done : bool\n");
  EXPECT_TRUE(has(d, "reserved-name", "'done'"));
}

}  // namespace
}  // namespace mpadvisor::dsl
