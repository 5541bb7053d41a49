// Properties of every plan, over generated profiles of the shipped KB and of synthetic KBs:
// applied with what-if, a plan leaves no blocker it did not report as unresolvable; and no
// cheaper plan exists — checked against a brute-force search over every subset of the
// candidate actions (a test oracle, kept out of the product).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "kbgen.hpp"
#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/engine/plan.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kOracleLimit = 12;  // candidates the brute force still enumerates

// The best score over every subset of the candidates that is a plan (the oracle), and the
// actions of that plan (for the failure message).
std::optional<double> brute_force_best(Planner& planner, std::string& actions) {
  std::size_t const n = planner.candidates().size();
  std::optional<double> best;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<std::size_t> set;
    for (std::size_t i = 0; i < n; ++i) {
      if (mask & (1u << i)) set.push_back(i);
    }
    if (auto p = planner.evaluate(set); p && (!best || p->score < *best)) {
      best = p->score;
      actions.clear();
      for (std::size_t i : set) actions += planner.candidates()[i].id + " ";
    }
  }
  return best;
}

std::string action_ids(const Plan& p) {
  std::string out;
  for (const Action& a : p.actions) {
    if (a.kind != ActionKind::step) out += a.id + " ";
  }
  return out;
}

// The plan's changes, applied the way `whatif --set` applies them, leave no blocker except
// the ones reported as unresolvable.
void expect_no_blocker_after(const Model& m, const Profile& p, const PlanResult& r, const PlanOptions& o,
                             const std::string& what) {
  for (const Plan& plan : r.plans) {
    std::vector<FactEdit> edits;
    for (const PlannedChange& c : plan.changes) edits.push_back({c.fact, c.op == ChangeOp::unset, c.value});
    DiagnoseOptions d;
    d.target = o.target;
    WhatIf const w = what_if(m, p, edits, d);
    for (const BlockedStep& b : w.after.blockers) {
      for (const Finding& f : b.causes) {
        bool const reported = std::any_of(r.unresolvable.begin(), r.unresolvable.end(),
                                          [&](const Unresolvable& u) { return u.rule == f.rule; });
        EXPECT_TRUE(reported) << what << ": blocker " << m.rules()[f.rule].name << " stands after the plan";
      }
    }
  }
}

void check(const Model& m, const Profile& p, const PlanOptions& o, const std::string& what, std::size_t& oracle_runs) {
  PlanResult const r = plan(m, p, o);
  ASSERT_FALSE(r.search_limited) << what;
  expect_no_blocker_after(m, p, r, o, what);
  for (std::size_t i = 1; i < r.plans.size(); ++i) EXPECT_LE(r.plans[i - 1].score, r.plans[i].score + 1e-9) << what;
  Planner planner(m, p, o);
  ASSERT_EQ(planner.candidates().size(), r.candidates) << what;
  if (planner.candidates().size() > kOracleLimit) return;
  ++oracle_runs;
  std::string oracle_actions;
  std::optional<double> const best = brute_force_best(planner, oracle_actions);
  if (!best) {
    EXPECT_TRUE(r.plans.empty()) << what << ": the search found a plan the oracle does not accept";
    return;
  }
  ASSERT_FALSE(r.plans.empty()) << what << ": the oracle found a plan scoring " << *best;
  EXPECT_NEAR(r.plans.front().score, *best, 1e-6)
      << what << ": the search chose " << action_ids(r.plans.front()) << "; the oracle " << oracle_actions;
}

std::vector<Profile> shipped_profiles(const Model& m, std::size_t per_example) {
  std::vector<Profile> out;
  std::mt19937 rng(20261202);
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "kb/examples")) {
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    Profile const base = parse_profile(m, text.str(), 0);
    out.push_back(base);
    // Variations: a few facts set to answers that matter to some rule.
    for (std::size_t k = 0; k < per_example; ++k) {
      Profile p = base;
      for (int changes = 0; changes < 3; ++changes) {
        auto const f = static_cast<FactId>(rng() % m.facts().size());
        if (m.facts()[f].derived) continue;
        std::vector<FactValue> answers = telling_answers(m, f, p.as_of);
        if (!answers.empty()) p.facts[f] = answers[rng() % answers.size()];
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

TEST(PlanProperty, ShippedKbPlansHoldAndNoneIsCheaper) {
  auto m = testing::model_at(testing::source_dir() / "kb");
  ASSERT_TRUE(m);
  std::size_t oracle_runs = 0, n = 0;
  for (const Profile& p : shipped_profiles(*m, 12)) {
    for (std::optional<StepId> target : {std::optional<StepId>{}, m->find_step("certification.done")}) {
      PlanOptions o;
      o.target = target;
      check(*m, p, o, "shipped profile " + std::to_string(n), oracle_runs);
    }
    ++n;
  }
  EXPECT_GT(oracle_runs, n);  // most profiles are small enough for the oracle
}

TEST(PlanProperty, SyntheticKbPlansHoldAndNoneIsCheaper) {
  std::size_t oracle_runs = 0;
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {
    kbgen::Options g;
    g.steps = 12;
    g.rules_per_step = 2;
    g.terms_per_list = 10;
    g.lane_length = 6;
    g.seed = seed;
    g.fixes = true;
    auto m = testing::model_from(kbgen::generate_kb(g));
    ASSERT_TRUE(m);
    for (int i = 0; i < 20; ++i) {
      Profile const p = parse_profile(*m, kbgen::generate_profile(g, i), base::parse_time("2026-11-27T10:00").seconds);
      // Weights that favour days, money or certainty in turn.
      for (PlanWeights w : {PlanWeights{}, PlanWeights{1, 1, 200}, PlanWeights{10, 1, 0}}) {
        PlanOptions o;
        o.weights = w;
        check(*m, p, o, "seed " + std::to_string(seed) + " profile " + std::to_string(i), oracle_runs);
      }
    }
  }
  EXPECT_GT(oracle_runs, 10u);
}

}  // namespace
}  // namespace mpadvisor::engine
