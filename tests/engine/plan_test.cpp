// The planner on the shipped KB and on small fixtures: renames come first with a name of the
// applicant's own, a paid step waits for the risk before it, blockers nothing can lift are
// reported with their reason, and public holidays move the release window.
#include "mpadvisor/engine/plan.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mpadvisor/engine/calendar.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const Model& shipped() {
  static auto m = testing::model_at(testing::source_dir() / "kb");
  return *m;
}

Profile example(const std::string& name) {
  std::ifstream in(testing::source_dir() / "kb/examples" / (name + ".json"));
  std::stringstream text;
  text << in.rdbuf();
  return parse_profile(shipped(), text.str(), 0);
}

FactId fact(const Model& m, const char* name) { return *m.find_fact(name); }
StepId step(const Model& m, const char* name) { return *m.find_step(name); }

std::size_t position(const Plan& p, const std::string& id) {
  for (std::size_t i = 0; i < p.actions.size(); ++i) {
    if (p.actions[i].id == id) return i;
  }
  return SIZE_MAX;
}

const Action* first_repair(const Plan& p) {
  for (const Action& a : p.actions) {
    if (a.kind != ActionKind::step) return &a;
  }
  return nullptr;
}

// No rule that reads `fact` fires (blocks or warns) with the value.
bool passes_every_rule_on(const Model& m, const Profile& base, FactId f, const std::string& value) {
  Profile p = base;
  set_fact_from_text(m, p, f, value);
  Diagnosis const d = diagnose(m, p);
  auto reads = [&](const Finding& finding) {
    std::string_view const condition = m.condition_text(finding.rule);
    return condition.find(m.facts()[f].name) != std::string::npos;
  };
  for (const BlockedStep& b : d.blockers) {
    for (const Finding& finding : b.causes) {
      if (reads(finding)) return false;
    }
  }
  return std::none_of(d.warnings.begin(), d.warnings.end(), reads);
}

TEST(Plan, ARejectedNameIsRenamedFirstToANameOfTheApplicantsOwn) {
  const Model& m = shipped();
  Profile const p = example("yoga_name_rejected");
  PlanResult const r = plan(m, p);
  ASSERT_FALSE(r.plans.empty());
  EXPECT_TRUE(r.unresolvable.empty());
  const Action* rename = first_repair(r.plans.front());
  ASSERT_NE(rename, nullptr);
  ASSERT_EQ(rename->changes.size(), 1u);
  EXPECT_EQ(rename->changes[0].fact, fact(m, "name"));
  const std::string& name = rename->changes[0].value;
  EXPECT_NE(name.find("悦心"), std::string::npos) << name;  // keeps part of 悦心瑜伽预约
  EXPECT_EQ(name.find("瑜伽"), std::string::npos) << name;
  EXPECT_EQ(name.find("预约"), std::string::npos) << name;
  for (const std::string& s : rename->changes[0].suggestions)
    EXPECT_TRUE(passes_every_rule_on(m, p, fact(m, "name"), s)) << s;
  EXPECT_EQ(rename->step, step(m, "filing.submit"));  // settled before the filing uses it
  EXPECT_LT(position(r.plans.front(), rename->id), position(r.plans.front(), "filing.submit"));
}

TEST(Plan, SuggestedNamesDifferByApplicant) {
  const Model& m = shipped();
  Profile a = example("yoga_name_rejected");
  Profile b = a;
  set_fact_from_text(m, b, fact(m, "name"), "晨曦火锅预约");
  auto suggested = [&](const Profile& p) {
    PlanResult const r = plan(m, p);
    const Action* rename = r.plans.empty() ? nullptr : first_repair(r.plans.front());
    return rename && !rename->changes.empty() ? rename->changes[0].value : std::string();
  };
  std::string const x = suggested(a), y = suggested(b);
  EXPECT_FALSE(x.empty());
  EXPECT_FALSE(y.empty());
  EXPECT_NE(x, y);
  EXPECT_NE(y.find("晨曦"), std::string::npos) << y;
}

TEST(Plan, TheCertificationFeeWaitsForTheNameRisk) {
  const Model& m = shipped();
  Profile const p = example("risky_certification");
  PlanOptions options;
  options.target = step(m, "certification.done");
  PlanResult const r = plan(m, p, options);
  ASSERT_FALSE(r.plans.empty());
  for (const Plan& plan : r.plans) {
    std::size_t const pay = position(plan, "certification.submit");
    ASSERT_NE(pay, SIZE_MAX);
    EXPECT_EQ(plan.actions[pay].cost.cny, 30);
    EXPECT_FALSE(plan.actions[pay].cost.refundable);
    const Action* rename = first_repair(plan);
    ASSERT_NE(rename, nullptr);
    EXPECT_LT(position(plan, rename->id), pay);
    for (RuleId risk : plan.risks) EXPECT_NE(m.causes()[m.rules()[risk].cause].name, "certification_name_risk");
  }
  // Paying at once looked cheaper; the guard is why it is not a plan.
  ASSERT_FALSE(r.passed_over.empty());
  EXPECT_EQ(r.passed_over.front().reason, PassedOver::Reason::guard);
  EXPECT_TRUE(r.passed_over.front().actions.empty());
  EXPECT_EQ(m.causes()[r.passed_over.front().cause].name, "certification_name_risk");
  // It is quicker, but the risk it keeps makes it score worse than renaming first.
  EXPECT_GT(r.passed_over.front().score, r.plans.front().score);
}

TEST(Plan, DiagnoseHoldsThePaidStepWhileTheRiskStands) {
  const Model& m = shipped();
  DiagnoseOptions options;
  options.target = step(m, "certification.done");
  Diagnosis const d = diagnose(m, example("risky_certification"), options);
  ASSERT_EQ(d.held.size(), 1u);
  EXPECT_EQ(d.held[0].step, step(m, "certification.submit"));
  EXPECT_EQ(std::count(d.next_steps.begin(), d.next_steps.end(), step(m, "certification.submit")), 0);
}

TEST(Plan, AKeptResidenceWithoutProofIsUnresolvable) {
  const Model& m = shipped();
  PlanOptions options;
  options.keep = {fact(m, "residence_proofs"), fact(m, "filing_province")};
  PlanResult const r = plan(m, example("nonlocal_no_proof"), options);
  ASSERT_EQ(r.unresolvable.size(), 1u);
  EXPECT_EQ(m.causes()[r.unresolvable[0].cause].name, "residence_proof_missing");
  EXPECT_EQ(r.unresolvable[0].reason, Unresolvable::Reason::kept);
  auto const& facts = r.unresolvable[0].facts;
  EXPECT_NE(std::find(facts.begin(), facts.end(), fact(m, "residence_proofs")), facts.end());
  EXPECT_NE(std::find(facts.begin(), facts.end(), fact(m, "id_region")), facts.end());

  // Without --keep the proof is an option, the cheapest one first.
  PlanResult const free = plan(m, example("nonlocal_no_proof"));
  EXPECT_TRUE(free.unresolvable.empty());
  ASSERT_FALSE(free.plans.empty());
  const Action* proof = first_repair(free.plans.front());
  ASSERT_EQ(proof->changes.size(), 1u);
  EXPECT_EQ(proof->changes[0].op, ChangeOp::add);
  EXPECT_EQ(proof->changes[0].value, "social_security_proof");
}

TEST(Plan, AKeptFeatureClosedToPersonalSubjectsIsUnresolvable) {
  const Model& m = shipped();
  PlanOptions options;
  options.keep = {fact(m, "features")};
  PlanResult const r = plan(m, example("ugc_code_review"), options);
  ASSERT_FALSE(r.unresolvable.empty());
  bool found = false;
  for (const Unresolvable& u : r.unresolvable) {
    if (m.causes()[u.cause].name == "personal_ugc_closed") {
      found = true;
      EXPECT_EQ(u.reason, Unresolvable::Reason::kept);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Plan, BackgroundFactsAreNeverChanged) {
  const Model& m = shipped();
  for (const char* name : {"nonlocal_no_proof", "yoga_name_rejected", "ugc_code_review", "email_taken"}) {
    Planner planner(m, example(name), {});
    for (const Action& a : planner.candidates()) {
      for (const PlannedChange& c : a.changes) EXPECT_FALSE(m.facts()[c.fact].background) << a.id;
    }
  }
}

// A two-step KB: a fix to make, then a review of 1–5 working days.
std::string review_kb(bool with_calendar) {
  std::string kb = R"(
goal review
fact ok : bool { question zh "好" en "OK?" }
cause bad {
  title zh "不好" en "Not OK"
  explain zh "解释" en "Why"
  fix {
    zh "改好" en "Make it OK"
    change ok = true
    duration 1d
  }
  source "https://example.org/guide" checked 2026-11-27
}
step submit { title zh "提交" en "Submit" actor applicant duration 1h }
step review { title zh "审核" en "Review" actor platform requires submit duration 1wd..5wd }
rule r at submit { when not ok block bad source "https://example.org/guide" checked 2026-11-27 }
)";
  if (with_calendar) {
    kb += R"(
calendar holidays {
  title zh "假期" en "Holidays"
  covers 2026-01-01..2026-12-31
  holiday 2026-10-01..2026-10-07 zh "国庆节" en "National Day"
  source "https://example.org/holidays" checked 2026-12-01 certainty official
}
)";
  }
  return kb;
}

TEST(Plan, TheReleaseWindowIsScheduledFromAsOf) {
  auto m = testing::model_from(review_kb(false));
  ASSERT_TRUE(m);
  // Monday 2026-09-21 10:00: the fix takes a day, submitting an hour, then 1–5 working days.
  Profile const p = parse_profile(*m, R"({"ok": false})", base::parse_time("2026-09-21T10:00").seconds);
  PlanResult const r = plan(*m, p);
  ASSERT_EQ(r.plans.size(), 1u);
  const Plan& plan = r.plans.front();
  EXPECT_EQ(base::format_datetime(plan.release_earliest), "2026-09-23T11:00:00");
  EXPECT_EQ(base::format_datetime(plan.release_latest), "2026-09-29T11:00:00");
  EXPECT_EQ(plan.critical_path, (std::vector<std::string>{"bad#1", "submit", "review"}));
  ASSERT_EQ(plan.actions.size(), 2u);
  EXPECT_EQ(plan.actions[0].id, "bad#1");
  EXPECT_EQ(plan.actions[1].id, "submit");
}

TEST(Plan, APublicHolidayInsideTheWindowMovesTheLatestDate) {
  auto plain = testing::model_from(review_kb(false));
  auto holidays = testing::model_from(review_kb(true));
  ASSERT_TRUE(plain && holidays);
  char const* const profile = R"({"ok": false})";
  std::int64_t const as_of = base::parse_time("2026-09-28T10:00").seconds;
  Plan const a = plan(*plain, parse_profile(*plain, profile, as_of)).plans.at(0);
  Plan const b = plan(*holidays, parse_profile(*holidays, profile, as_of)).plans.at(0);
  // Submitted 29 September 11:00; five working days end on 6 October without the holiday
  // table, and on 13 October when 1–7 October are off.
  EXPECT_EQ(base::format_datetime(a.release_latest), "2026-10-06T11:00:00");
  EXPECT_EQ(base::format_datetime(b.release_latest), "2026-10-13T11:00:00");
  EXPECT_EQ(base::format_datetime(b.release_earliest), "2026-09-30T11:00:00");
}

TEST(Plan, PlansPastTheHolidayTableSaySo) {
  auto m = testing::model_from(review_kb(true));
  ASSERT_TRUE(m);
  PlanResult const r = plan(*m, parse_profile(*m, R"({"ok": false})", base::parse_time("2026-12-28T10:00").seconds));
  ASSERT_TRUE(r.calendar_ends.has_value());
  EXPECT_EQ(base::format_date(std::int64_t{*r.calendar_ends} * 86400), "2026-12-31");
}

TEST(Plan, WeightsChangeTheRanking) {
  // Two ways out: a free fix taking 10 days, or a paid one taking an hour.
  auto m = testing::model_from(R"(
goal s
fact a : bool { question zh "甲" en "A?" }
fact b : bool { question zh "乙" en "B?" }
cause c {
  title zh "原因" en "Cause"
  explain zh "解释" en "Why"
  fix {
    zh "慢" en "Slow"
    change a = false
    duration 10d
  }
  fix {
    zh "贵" en "Dear"
    change b = false
    duration 1h
    cost 100 cny
  }
  source "https://example.org/guide" checked 2026-11-27
}
step s { title zh "步" en "Step" actor applicant }
rule r at s { when a and b block c source "https://example.org/guide" checked 2026-11-27 }
)");
  ASSERT_TRUE(m);
  Profile const p = parse_profile(*m, R"({"a": true, "b": true})", base::parse_time("2026-11-27T10:00").seconds);
  PlanOptions time_is_money;
  time_is_money.weights = {1, 20, 200};
  EXPECT_EQ(first_repair(plan(*m, p, time_is_money).plans.at(0))->id, "c#2");
  PlanOptions thrifty;
  thrifty.weights = {1, 1, 200};
  EXPECT_EQ(first_repair(plan(*m, p, thrifty).plans.at(0))->id, "c#1");
}

}  // namespace
}  // namespace mpadvisor::engine
