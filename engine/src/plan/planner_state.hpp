// The planner's state, shared by its three parts: prepare.cpp (what is worked out once before
// the search: the candidates, what each lifts, the problems nothing can lift, and a set's
// outcome), build.cpp (a set of candidates made into a plan and its score), and plan.cpp (the
// search: bounds, branches and the best-first loop). Private to engine/src/plan/.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "mpadvisor/engine/plan.hpp"
#include "plan/planner_detail.hpp"

namespace mpadvisor::engine {

namespace plan_detail {

inline bool intersects(const std::vector<FactId>& a, const std::vector<FactId>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    if (*i < *j)
      ++i;
    else
      ++j;
  }
  return false;
}

inline bool contains(const std::vector<RuleId>& sorted, RuleId r) {
  return std::binary_search(sorted.begin(), sorted.end(), r);
}

// What a diagnosis leaves for a plan to do.
struct Outcome {
  std::vector<RuleId> blocking;  // blocking rules that hold (except unresolvable ones)
  std::vector<RuleId> guards;    // guarded warnings that hold (except ones nothing can lift)
  std::vector<RuleId> warnings;  // every warning that holds
  std::vector<RuleId> fresh;     // blocking rules that did not hold before any change
  std::vector<RuleId> standing;  // every blocking rule and warning that holds, sorted
  bool plan() const { return blocking.empty() && guards.empty(); }
};

using Set = std::vector<std::size_t>;

}  // namespace plan_detail

struct Planner::State {
  using Candidate = plan_detail::Candidate;
  using Outcome = plan_detail::Outcome;
  using Set = plan_detail::Set;

  // Every trial reads the profile's texts: normalised once here, not once a trial.
  State(const Model& m, const Profile& p, const PlanOptions& o) : model(m), profile(p), options(o) {
    keep_searchable_texts(model, profile);
  }

  const Model& model;
  Profile profile;  // edited in place and restored after each evaluation
  PlanOptions options;
  DiagnoseOptions quick, full;
  Diagnosis base, scratch;
  std::vector<std::vector<FactId>> reads;
  std::vector<bool> frozen, kept;
  std::vector<std::size_t> topo_index;
  std::vector<StepId> step_order;  // the target's scope first, then the other goals' steps
  std::vector<Candidate> candidates;
  std::vector<Action> actions;
  std::vector<std::vector<bool>> conflicts;
  std::vector<RuleId> base_blocking, base_findings;  // sorted
  std::vector<std::vector<RuleId>> lifts;            // by candidate: the findings it lifts alone, sorted
  std::vector<FactId> all_facts;                     // every fact id, for "any fact" queries
  // For evaluating a set incrementally (see evaluate()): each rule's value in the base
  // profile, the rules at steps in scope not done yet (in rule order), the ones of them that
  // read each fact, and the facts a `done when` in scope reads.
  std::vector<Truth> base_truth, truth;
  std::vector<RuleId> live_rules;
  std::vector<std::vector<RuleId>> live_readers;
  std::vector<bool> decides_done;
  std::vector<bool> exempt;  // by RuleId: a problem no action can touch
  std::vector<Unresolvable> unresolvable;
  std::vector<CauseId> guarded_causes;
  double base_fees = 0, base_days = 0;  // of the remaining steps with no repair (see bound())
  bool steps_stable = false;            // no candidate changes what a `done when` reads
  std::vector<bool> touchable;          // by RuleId: some candidate changes what it reads
  std::size_t evaluations = 0;

  void prepare();
  Outcome outcome_of(const Diagnosis& d) const;
  Outcome evaluate(const Set& set);
  Plan build(const Set& set);  // with the set's edits applied
  Plan plan_of(const Set& set);
  std::vector<Action> repairs_of(const Set& set, const std::vector<RuleId>& standing, const Diagnosis& status) const;
  double score_of(const Set& set, const Outcome& o);
  double bound(const Set& set) const;
  std::vector<std::size_t> applicable(const Set& set, const std::vector<FactId>& facts) const;
  std::vector<std::size_t> branches(const Set& set, const Outcome& o) const;
  double completion_bound(const Set& set, const Outcome& o) const;
  double fixed_risk(const Outcome& o) const;
  void find_unresolvable();
};

}  // namespace mpadvisor::engine
