// Diagnosis on hand-made step graphs: a chain, a diamond, two independent roots, unknowns.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "compiled.hpp"
#include "evaluator.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/scratch.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

using testing::model_from;
using testing::profile_from;

// Facts x_a … x_d block steps a … d when true.
std::string kb_with_steps(const std::string& steps) {
  std::string kb = "goal d\n";
  for (char s : std::string("abcd")) {
    kb += std::string("fact x_") + s + " : bool { question zh \"?\" en \"Does " + s + " fail?\" }\n";
    kb += std::string("cause c_") + s + " { title zh \"" + s + "\" en \"" + s +
          "\" explain zh \"e\" en \"e\" fix zh \"f\" en \"f\" }\n";
    kb += std::string("rule r_") + s + " at " + s + " { when x_" + s + " block c_" + s + " }\n";
  }
  return kb + steps;
}

std::vector<std::string> names(const Model& m, const std::vector<StepId>& ids) {
  std::vector<std::string> out;
  for (StepId s : ids) out.push_back(m.steps()[s].name);
  return out;
}

const std::string kChain =
    "step a { title en \"A\" }\nstep b { title en \"B\" requires a }\nstep c { title en \"C\" requires b }\nstep d { "
    "title en \"D\" requires c }\n";
const std::string kDiamond =
    "step a { title en \"A\" }\nstep b { title en \"B\" requires a }\nstep c { title en \"C\" requires a }\nstep d { "
    "title en \"D\" requires b, c }\n";

TEST(Diagnose, ChainHasOneRootAndBlocksEverythingAfterIt) {
  auto m = model_from(kb_with_steps(kChain));
  ASSERT_TRUE(m);
  Diagnosis d = diagnose(*m, profile_from(*m, R"({"x_a": false, "x_b": true, "x_c": true, "x_d": false})"));
  EXPECT_EQ(d.verdict, Verdict::blocked);
  ASSERT_EQ(d.blockers.size(), 2u);
  EXPECT_EQ(m->steps()[d.blockers[0].step].name, "b");
  EXPECT_TRUE(d.blockers[0].root);
  EXPECT_EQ(names(*m, d.blockers[0].blocks), (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(m->steps()[d.blockers[1].step].name, "c");
  EXPECT_FALSE(d.blockers[1].root);  // c's own cause holds, but b blocks it first
  EXPECT_EQ(names(*m, d.next_steps), (std::vector<std::string>{"a"}));
}

TEST(Diagnose, DiamondRootBlocksBothBranchesAndTheJoin) {
  auto m = model_from(kb_with_steps(kDiamond));
  ASSERT_TRUE(m);
  Diagnosis d = diagnose(*m, profile_from(*m, R"({"x_a": true, "x_b": false, "x_c": false, "x_d": false})"));
  ASSERT_EQ(d.blockers.size(), 1u);
  EXPECT_TRUE(d.blockers[0].root);
  EXPECT_EQ(names(*m, d.blockers[0].blocks), (std::vector<std::string>{"b", "c", "d"}));
  EXPECT_TRUE(d.next_steps.empty());
}

TEST(Diagnose, TwoIndependentRoots) {
  auto m = model_from(kb_with_steps(kDiamond));
  ASSERT_TRUE(m);
  Diagnosis d =
      diagnose(*m, profile_from(*m, R"({"x_a": false, "x_b": true, "x_c": true, "x_d": false, "done": ["a"]})"));
  ASSERT_EQ(d.blockers.size(), 2u);
  EXPECT_TRUE(d.blockers[0].root);
  EXPECT_TRUE(d.blockers[1].root);
  EXPECT_EQ(names(*m, d.blockers[0].blocks), (std::vector<std::string>{"d"}));
  EXPECT_EQ(names(*m, d.blockers[1].blocks), (std::vector<std::string>{"d"}));
  EXPECT_EQ(d.status[*m->find_step("a")], StepStatus::done);
}

TEST(Diagnose, ClearProfileListsTheNextStep) {
  auto m = model_from(kb_with_steps(kChain));
  ASSERT_TRUE(m);
  Diagnosis d =
      diagnose(*m, profile_from(*m, R"({"x_a": false, "x_b": false, "x_c": false, "x_d": false, "done": ["a"]})"));
  EXPECT_EQ(d.verdict, Verdict::clear);
  EXPECT_EQ(names(*m, d.next_steps), (std::vector<std::string>{"b"}));
  EXPECT_EQ(d.status[*m->find_step("c")], StepStatus::pending);
}

TEST(Diagnose, UnknownFactsMakeStepsUndeterminedAndAreListed) {
  auto m = model_from(kb_with_steps(kChain));
  ASSERT_TRUE(m);
  Diagnosis d = diagnose(*m, profile_from(*m, R"({"x_a": false, "x_c": false, "x_d": false})"));
  EXPECT_EQ(d.verdict, Verdict::needs_info);
  ASSERT_EQ(d.needs_info.size(), 1u);
  EXPECT_EQ(m->facts()[d.needs_info[0].fact].name, "x_b");
  EXPECT_EQ(d.status[*m->find_step("b")], StepStatus::undetermined);
}

// A step listed done brings every step it requires with it: the applicant who has done c has
// done a and b, even with a's blocking fact still true and neither listed.
TEST(Diagnose, AStepListedDoneMakesTheStepsItRequiresDone) {
  auto m = model_from(kb_with_steps(kChain));
  ASSERT_TRUE(m);
  Profile const p = profile_from(*m, R"({"x_a": true, "x_b": false, "x_c": false, "x_d": false, "done": ["c"]})");
  for (const char* s : {"a", "b", "c"}) EXPECT_TRUE(p.done[*m->find_step(s)]) << s;
  EXPECT_FALSE(p.done[*m->find_step("d")]);
  Diagnosis const d = diagnose(*m, p);
  EXPECT_EQ(d.verdict, Verdict::clear);
  EXPECT_TRUE(d.blockers.empty());
  EXPECT_EQ(names(*m, d.next_steps), (std::vector<std::string>{"d"}));
}

// The README's profile lists the account entered and activated: choosing the account type,
// which comes before both, is not offered as the next step.
TEST(Diagnose, TheShippedKbTakesTheStepsBeforeADoneStepAsDone) {
  auto m = testing::model_at(testing::source_dir() / "kb");
  Diagnosis const d = diagnose(*m, profile_from(*m, R"({"entity": "personal",
      "done": ["registration.account", "registration.activate"], "as_of": "2026-11-27T10:00:00"})"));
  StepId const choose = *m->find_step("registration.choose_type");
  EXPECT_EQ(d.status[choose], StepStatus::done);
  EXPECT_EQ(std::count(d.next_steps.begin(), d.next_steps.end(), choose), 0);
  // Without the list it is the first step to take.
  Diagnosis const fresh = diagnose(*m, profile_from(*m, R"({"entity": "personal", "as_of": "2026-11-27T10:00:00"})"));
  EXPECT_EQ(fresh.status[choose], StepStatus::ready);
  EXPECT_EQ(std::count(fresh.next_steps.begin(), fresh.next_steps.end(), choose), 1);
}

// A `done when` does not reach back: in the shipped KB it says a step's answer is settled
// (publish.primary_category is done once the category is chosen, before any account
// exists), not that the steps before it happened. Only a step the profile lists brings its
// requirements with it.
TEST(Diagnose, AStepDoneByItsConditionLeavesTheStepsItRequiresAsTheyAre) {
  auto m = model_from(R"(goal d
fact ok : bool { question zh "?" en "?" }
fact x_a : bool { question zh "?" en "Does a fail?" }
cause c_a { title zh "a" en "a" explain zh "e" en "e" fix zh "f" en "f" }
rule r_a at a { when x_a block c_a }
step a { title en "A" }
step b { title en "B" requires a }
step c {
  title en "C"
  requires b
  done when ok
}
step d { title en "D" requires c }
)");
  ASSERT_TRUE(m);
  Diagnosis const d = diagnose(*m, profile_from(*m, R"({"ok": true, "x_a": true})"));
  EXPECT_EQ(d.status[*m->find_step("c")], StepStatus::done);
  EXPECT_EQ(d.status[*m->find_step("a")], StepStatus::blocked);
  EXPECT_EQ(d.status[*m->find_step("b")], StepStatus::blocked);
}

TEST(Diagnose, TargetLimitsTheScope) {
  auto m = model_from(kb_with_steps(kChain));
  ASSERT_TRUE(m);
  DiagnoseOptions o;
  o.target = *m->find_step("a");
  Diagnosis d = diagnose(*m, profile_from(*m, R"({"x_a": false, "x_b": true})"), o);
  EXPECT_EQ(d.verdict, Verdict::clear);  // b's blocker is beyond the target
  EXPECT_FALSE(d.in_scope[*m->find_step("b")]);
}

const std::string kRich = R"(
goal s
fact entity : enum(personal, enterprise) { question en "Entity?" }
fact name : text { question en "Name?" }
fact id_region : text { question en "ID region?" }
fact residence_region : text { question en "Living where?" }
fact proofs : set(permit, social) { question en "Proofs?" }
fact sms_at : datetime { question en "SMS received?" }
fact as_of : datetime
terms commercial { title en "c" "瑜伽" "yoga" "火锅" }
province hunan { names "湖南" "湖南省" "Hunan" cities "长沙" "Changsha" }
province guangdong { names "广东" "Guangdong" cities "深圳" "Shenzhen" "广州" }
alternatives residence { title en "Residence proof" satisfied_by proofs option permit { title en "Permit" } option social { title en "SS" } }
step s { title en "S" }
cause commercial_name { title en "Commercial name" explain en "e" fix { en "Rename" change name = "学习笔记" } }
cause no_proof { title en "No residence proof" explain en "e" fix { en "Add proof" change proofs += social } }
cause sms_late { title en "SMS window missed" explain en "e" fix en "Resubmit" }
rule name_rule at s { when entity == personal and name contains_any commercial block commercial_name }
rule proof_rule at s { when entity == personal and province(id_region) != province(residence_region) and not satisfied(residence) block no_proof }
rule sms_rule at s { when known(sms_at) and hours_since(sms_at) > 24 block sms_late }
)";

TEST(Diagnose, EvidenceNamesTheMatchedTermAndWhereItIs) {
  auto m = model_from(kRich);
  ASSERT_TRUE(m);
  Diagnosis d = diagnose(*m, profile_from(*m, R"({"entity": "personal", "name": "我的ＹＯＧＡ馆"})"));
  ASSERT_FALSE(d.blockers.empty());
  const Finding& f = d.blockers[0].causes[0];
  EXPECT_EQ(m->causes()[f.cause].name, "commercial_name");
  const Evidence* match = nullptr;
  for (const Evidence& e : f.evidence) {
    if (e.match) match = &e;
  }
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->fact, "name");
  EXPECT_EQ(match->match->term, "yoga");
  EXPECT_EQ(match->match->matched, "ＹＯＧＡ");
  EXPECT_EQ(match->match->begin, std::string("我的").size());
}

TEST(Diagnose, RegionsAreComparedByProvince) {
  auto m = model_from(kRich);
  ASSERT_TRUE(m);
  auto blocked_by_proof = [&](const std::string& json) {
    Diagnosis d = diagnose(*m, profile_from(*m, json));
    for (const BlockedStep& b : d.blockers) {
      for (const Finding& f : b.causes) {
        if (m->causes()[f.cause].name == "no_proof") return true;
      }
    }
    return false;
  };
  EXPECT_FALSE(blocked_by_proof(
      R"({"entity": "personal", "name": "x", "id_region": "湖南省长沙市", "residence_region": "长沙", "proofs": []})"));
  EXPECT_FALSE(blocked_by_proof(
      R"({"entity": "personal", "name": "x", "id_region": "Hunan", "residence_region": "湖南长沙", "proofs": []})"));
  EXPECT_TRUE(blocked_by_proof(
      R"({"entity": "personal", "name": "x", "id_region": "湖南", "residence_region": "深圳市", "proofs": []})"));
  EXPECT_FALSE(blocked_by_proof(
      R"({"entity": "personal", "name": "x", "id_region": "湖南", "residence_region": "深圳市", "proofs": ["social"]})"));
  EXPECT_FALSE(blocked_by_proof(
      R"({"entity": "enterprise", "name": "x", "id_region": "湖南", "residence_region": "深圳市", "proofs": []})"));
}

TEST(Diagnose, TimeWindowsUseAsOf) {
  auto m = model_from(kRich);
  ASSERT_TRUE(m);
  auto verdict = [&](const std::string& json) { return diagnose(*m, profile_from(*m, json)).verdict; };
  std::string base =
      R"({"entity": "enterprise", "name": "x", "proofs": [], "id_region": "湖南", "residence_region": "湖南", )";
  EXPECT_EQ(verdict(base + R"("sms_at": "2026-11-26T09:00:00", "as_of": "2026-11-27T10:00:00"})"), Verdict::blocked);
  EXPECT_EQ(verdict(base + R"("sms_at": "2026-11-27T09:00:00", "as_of": "2026-11-27T10:00:00"})"), Verdict::clear);
  // No SMS yet: the window cannot have been missed.
  EXPECT_EQ(verdict(base + R"("as_of": "2026-11-27T10:00:00"})"), Verdict::clear);
}

// Everything a diagnosis says, as one text, to compare two diagnoses.
std::string summary(const Model& m, const Diagnosis& d) {
  std::ostringstream out;
  auto findings = [&](const char* what, const std::vector<Finding>& fs) {
    out << what << ":";
    for (const Finding& f : fs) out << " " << m.rules()[f.rule].name << "=" << to_string(f.value);
    out << "\n";
  };
  out << "target " << d.target << " verdict " << to_string(d.verdict) << "\nstatus:";
  for (std::size_t s = 0; s < d.status.size(); ++s) {
    if (d.in_scope[s]) out << " " << m.steps()[s].name << "=" << to_string(d.status[s]);
  }
  out << "\n";
  for (const BlockedStep& b : d.blockers) {
    out << "blocked " << m.steps()[b.step].name << (b.root ? " root" : "") << " blocks";
    for (StepId s : b.blocks) out << " " << m.steps()[s].name;
    findings(" by", b.causes);
  }
  findings("warnings", d.warnings);
  findings("waiting", d.waiting);
  findings("undetermined", d.undetermined);
  for (const NeededFact& n : d.needs_info)
    out << "needs " << m.facts()[n.fact].name << " for " << n.rules.size() << "\n";
  out << "next " << names(m, d.next_steps).size() << " values";
  for (auto [rule, value] : d.rule_values) out << " " << rule << "=" << to_string(value);
  return out.str();
}

// More roots than one 64-bit word of the bit sets that find what each root holds up; and a done
// step between a root and the target holds nothing up, nor passes the root on.
// z is listed done, so r0, which z requires, is done too and no longer a root; the other 69
// roots each hold up the join, and m, behind the done z, is ready.
TEST(Diagnose, SeventyRootsEachHoldUpTheJoinButADoneStepsRequirementIsDone) {
  constexpr int kRoots = 70;
  std::string kb = "goal j\n", requires_all = "m";
  std::string profile = R"({"done": ["z"])";
  for (int k = 0; k < kRoots; ++k) {
    std::string const n = std::to_string(k);
    kb += "fact x" + n + " : bool { question zh \"?\" en \"?\" }\n";
    kb += "cause c" + n + " { title zh \"c\" en \"c\" explain zh \"e\" en \"e\" fix zh \"f\" en \"f\" }\n";
    kb += "step r" + n + " { title en \"R\" }\n";
    kb += "rule b" + n + " at r" + n + " { when x" + n + " block c" + n + " }\n";
    requires_all += ", r" + n;
    profile += ", \"x" + n + "\": true";
  }
  kb += "step z { title en \"Z\" requires r0 }\nstep m { title en \"M\" requires z }\n";
  kb += "step j { title en \"J\" requires " + requires_all + " }\n";
  auto m = model_from(kb);
  ASSERT_TRUE(m);
  Diagnosis d = diagnose(*m, profile_from(*m, profile + "}"));
  ASSERT_EQ(d.blockers.size(), static_cast<std::size_t>(kRoots - 1));
  for (const BlockedStep& b : d.blockers) {
    EXPECT_NE(m->steps()[b.step].name, "r0");
    EXPECT_TRUE(b.root) << m->steps()[b.step].name;
    EXPECT_EQ(names(*m, b.blocks), (std::vector<std::string>{"j"})) << m->steps()[b.step].name;
  }
  EXPECT_EQ(d.status[*m->find_step("r0")], StepStatus::done);
  EXPECT_EQ(d.status[*m->find_step("z")], StepStatus::done);
  EXPECT_EQ(d.status[*m->find_step("m")], StepStatus::ready);
  EXPECT_EQ(d.status[*m->find_step("j")], StepStatus::blocked);
}

// Leaving the rule values out changes nothing else of the diagnosis.
TEST(Diagnose, WithoutRuleValuesTheRestIsTheSame) {
  auto m = testing::model_at(testing::source_dir() / "kb");
  DiagnoseOptions lean;
  lean.rule_values = false;
  std::size_t ruled_out = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() / "kb/examples")) {
    Profile const p = profile_from(*m, dsl::read_file(entry.path()));
    Diagnosis full = diagnose(*m, p);
    Diagnosis const without = diagnose(*m, p, lean);
    EXPECT_FALSE(full.rule_values.empty());
    ruled_out += full.ruled_out.size();
    full.rule_values.clear();
    EXPECT_EQ(summary(*m, without), summary(*m, full)) << entry.path();
    EXPECT_TRUE(without.rule_values.empty());
    EXPECT_TRUE(without.ruled_out.empty());
  }
  EXPECT_GT(ruled_out, 0u);  // the examples do rule causes out
}

// A known(F) that is a conjunct of the whole condition guards the rule: F unknown makes it
// false before its nodes are read. A known(F) under `or` or `not` guards nothing. Each rule's
// value must be the one the full evaluation gives, and without the rule values (when only the
// rules whose guards hold are evaluated) the diagnosis must be the same.
TEST(Diagnose, OnlyConjunctKnownTestsGuardARule) {
  std::string kb = "goal s\nstep s { title en \"S\" }\n";
  for (std::string f : {"a", "b", "c", "d", "e"})
    kb += "fact " + f + " : number { question zh \"?\" en \"" + f + "?\" }\n";
  kb += "cause k { title zh \"k\" en \"k\" explain zh \"e\" en \"e\" fix zh \"f\" en \"f\" }\n";
  const std::vector<std::pair<std::string, std::string>> rules = {
      {"guarded", "known(a) and a > 1"},
      {"in_or", "known(a) or b > 1"},
      {"negated", "not known(a)"},
      {"nested", "(known(a) and known(b)) and (b > 1 or known(c))"},
      {"unguarded", "a > 1 and (known(c) or b > 1)"},
      {"five", "known(a) and known(b) and known(c) and known(d) and known(e) and e > 1"},
      {"only_guards", "known(a) and known(b)"},
      {"many", "a > 1 and b > 1 and (c > 1 and d > 1) and e > 1"}};
  for (const auto& [name, when] : rules) kb += "rule " + name + " at s { when " + when + " block k }\n";
  auto m = model_from(kb);
  ASSERT_TRUE(m);
  std::map<std::string, std::size_t> guards;
  for (const HotRule& r : m->conditions().rules_by_step)
    guards[m->rules()[r.id].name] = m->conditions().guard_facts(r).size();
  EXPECT_EQ(guards, (std::map<std::string, std::size_t>{{"guarded", 1},
                                                        {"in_or", 0},
                                                        {"negated", 0},
                                                        {"nested", 2},
                                                        {"unguarded", 0},
                                                        {"five", 4},
                                                        {"only_guards", 2},
                                                        {"many", 0}}));
  // Once the guards hold, what is left to test: the conjuncts without the guards' known().
  std::map<std::string, int> conjuncts;
  for (const HotRule& r : m->conditions().rules_by_step) conjuncts[m->rules()[r.id].name] = r.conjunct_count;
  EXPECT_EQ(conjuncts, (std::map<std::string, int>{{"guarded", 1},
                                                   {"in_or", 1},
                                                   {"negated", 1},
                                                   {"nested", 1},
                                                   {"unguarded", 2},
                                                   {"five", 2},
                                                   {"only_guards", 0},
                                                   {"many", HotRule::kWholeCondition}}));
  DiagnoseOptions lean;
  lean.rule_values = false;
  for (const char* json : {R"({})", R"({"b": 2})", R"({"a": 2})", R"({"a": 2, "b": 0})", R"({"a": 0, "b": 2, "c": 1})",
                           R"({"a": 2, "b": 2, "c": 2, "d": 2})", R"({"a": 2, "b": 2, "c": 2, "d": 2, "e": 2})"}) {
    Profile const p = profile_from(*m, json);
    Diagnosis d = diagnose(*m, p);
    Evaluator const full(*m, p);
    ASSERT_EQ(d.rule_values.size(), rules.size());
    for (auto [rule, value] : d.rule_values) {
      EXPECT_EQ(value, full.condition(m->rules()[rule].condition)) << m->rules()[rule].name << " on " << json;
    }
    d.rule_values.clear();
    d.ruled_out.clear();
    EXPECT_EQ(summary(*m, diagnose(*m, p, lean)), summary(*m, d)) << json;
  }
  Diagnosis const none = diagnose(*m, profile_from(*m, R"({"b": 2})"));
  std::map<std::string, Truth> values;
  for (auto [rule, value] : none.rule_values) values[m->rules()[rule].name] = value;
  EXPECT_EQ(values["guarded"], Truth::no);
  EXPECT_EQ(values["in_or"], Truth::yes);
  EXPECT_EQ(values["negated"], Truth::yes);
}

// A step's rules are sorted out 64 at a time: a step with more keeps every rule that holds,
// in order, with or without the rule values.
TEST(Diagnose, AStepWithMoreThan64RulesKeepsEveryOneThatHolds) {
  std::string kb = "goal s\nstep s { title en \"S\" }\n";
  kb += "fact a : number { question zh \"?\" en \"a?\" }\nfact b : number { question zh \"?\" en \"b?\" }\n";
  kb += "cause k { title zh \"k\" en \"k\" explain zh \"e\" en \"e\" fix zh \"f\" en \"f\" }\n";
  std::vector<std::string> holding;
  for (int r = 0; r < 150; ++r) {
    std::string const fact = r % 3 == 0 ? "b" : "a";
    kb += "rule r" + std::to_string(r) + " at s { when known(" + fact + ") and " + fact + " > " +
          std::to_string(r % 5) + " block k }\n";
    if (fact == "a" && r % 5 < 3) holding.push_back("r" + std::to_string(r));
  }
  auto m = model_from(kb);
  ASSERT_TRUE(m);
  Profile const p = profile_from(*m, R"({"a": 3})");
  DiagnoseOptions lean;
  lean.rule_values = false;
  for (const DiagnoseOptions& options : {DiagnoseOptions{}, lean}) {
    Diagnosis const d = diagnose(*m, p, options);
    ASSERT_EQ(d.blockers.size(), 1u);
    std::vector<std::string> got;
    for (const Finding& f : d.blockers[0].causes) got.push_back(m->rules()[f.rule].name);
    EXPECT_EQ(got, holding);
  }
}

// Diagnosing into a used Diagnosis gives what a fresh one gives, whatever came before.
TEST(Diagnose, ReusedDiagnosisEqualsAFreshOne) {
  auto m = testing::model_at(testing::source_dir() / "kb");
  std::vector<Profile> profiles;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() / "kb/examples"))
    profiles.push_back(profile_from(*m, dsl::read_file(entry.path())));
  ASSERT_GE(profiles.size(), 5u);
  DiagnoseOptions options;
  options.evidence = false;
  Diagnosis reused;
  for (int round = 0; round < 2; ++round) {
    for (const Profile& p : profiles) {
      diagnose(*m, p, options, reused);
      EXPECT_EQ(summary(*m, reused), summary(*m, diagnose(*m, p, options)));
    }
    std::reverse(profiles.begin(), profiles.end());
  }
  options.target = m->find_step("filing.submit");
  diagnose(*m, profiles.front(), options, reused);
  EXPECT_EQ(summary(*m, reused), summary(*m, diagnose(*m, profiles.front(), options)));
}

// Working memory lent through a Scratch (memos stamped per diagnosis, spare blocker entries,
// the reader's key stamps) gives what fresh memory gives: profile after profile, with and
// without evidence, and again after another model used the same Scratch.
TEST(Diagnose, LentWorkingMemoryGivesWhatFreshMemoryGives) {
  auto shipped = testing::model_at(testing::source_dir() / "kb");
  auto other = model_from(
      "goal s\nstep s { title en \"S\" }\nfact a : number { question zh \"?\" en \"a?\" }\n"
      "cause k { title zh \"k\" en \"k\" explain zh \"e\" en \"e\" fix zh \"f\" en \"f\" }\n"
      "rule r at s { when known(a) and a > 1 block k }\n");
  ASSERT_TRUE(other);
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() / "kb/examples"))
    texts.push_back(dsl::read_file(entry.path()));
  ASSERT_GE(texts.size(), 5u);
  auto evidence_of = [&](const Model& m, const Diagnosis& d) {
    std::string out;
    for (const BlockedStep& b : d.blockers) {
      for (const Finding& f : b.causes) {
        out += m.rules()[f.rule].name + ":";
        for (const Evidence& e : f.evidence)
          out += " " + std::string(e.fact) + "=" + e.value + "@" + std::string(e.test);
        out += "\n";
      }
    }
    return out;
  };
  std::int64_t const now = base::parse_time("2026-11-27T10:00").seconds;
  Scratch scratch;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      for (bool evidence : {false, true}) {
        DiagnoseOptions options;
        options.evidence = evidence;
        parse_profile(*shipped, text, now, scratch.profile, &scratch);
        Profile const fresh_profile = parse_profile(*shipped, text, now);
        EXPECT_EQ(scratch.profile, fresh_profile);
        diagnose(*shipped, scratch.profile, options, scratch.diagnosis, &scratch);
        Diagnosis const fresh = diagnose(*shipped, fresh_profile, options);
        EXPECT_EQ(summary(*shipped, scratch.diagnosis), summary(*shipped, fresh));
        EXPECT_EQ(evidence_of(*shipped, scratch.diagnosis), evidence_of(*shipped, fresh));
      }
    }
    // Another model in between: the memos are sized and stamped for it, then for the first again.
    std::optional<std::size_t> const taken =
        read_profile_at(*other, R"({"a": 2} trailing)", now, scratch.profile, &scratch);
    EXPECT_EQ(taken, std::optional<std::size_t>(8));
    diagnose(*other, scratch.profile, {}, scratch.diagnosis, &scratch);
    ASSERT_EQ(scratch.diagnosis.blockers.size(), 1u);
    EXPECT_EQ(other->rules()[scratch.diagnosis.blockers[0].causes.at(0).rule].name, "r");
    std::reverse(texts.begin(), texts.end());
  }
}

}  // namespace
}  // namespace mpadvisor::engine
