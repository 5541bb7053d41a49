// The planner's search: best-first over sets of repair actions, cheapest lower bound first.
//
// A set is a plan when, with its changes applied, no blocker stands in scope and no warning
// of medium or high likelihood stands at a step that commits the applicant (the guard: never
// pay a fee that is not refunded, or take a step that cannot be undone, while a known risk
// stands there). A set that is not a plan branches on the actions that could lift its
// remaining problem with the fewest of them (a hitting-set tree: every plan containing the set
// contains one of them); a plan branches on the actions that change what a standing warning
// reads (they alone can lower its risk). The bound of a set — money of its actions and of the
// remaining steps' fees, the longest of its actions and of the schedule without repairs, the
// cheapest action each remaining problem still needs, and the risk no action can touch —
// never exceeds the score of any plan containing it, so once the best K plans found score no
// more than every bound left, no better plan exists. docs/plan.md tells it for users.
//
// The search's state and what is prepared before it are in planner_state.hpp and
// prepare.cpp; turning a set into a plan is in build.cpp.
#include "mpadvisor/engine/plan.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "plan/planner_state.hpp"

namespace mpadvisor::engine {

using namespace plan_detail;

double Planner::State::bound(const Set& set) const {
  double cny = base_fees, days = base_days;
  for (std::size_t i : set) {
    cny += candidates[i].action.cost.cny;
    days = std::max(days, candidates[i].action.cost.days_max);
  }
  return options.weights.cny * cny + options.weights.days * days;
}

// The risk no set containing this one can remove: warnings standing whose facts no
// candidate changes (while no candidate can change a step's status either).
double Planner::State::fixed_risk(const Outcome& o) const {
  if (!steps_stable) return 0;
  double pass = 1;
  for (RuleId r : o.warnings) {
    if (!touchable[r]) pass *= 1 - failure_chance(model.rules()[r].likelihood);
  }
  return 1 - pass;
}

// The candidates outside `set`, compatible with it, that change one of `facts`.
std::vector<std::size_t> Planner::State::applicable(const Set& set, const std::vector<FactId>& facts) const {
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    if (std::binary_search(set.begin(), set.end(), j) || !intersects(candidates[j].touches, facts)) continue;
    if (std::any_of(set.begin(), set.end(), [&](std::size_t i) { return conflicts[i][j]; })) continue;
    out.push_back(j);
  }
  return out;
}

// The actions to try next. Short of a plan, a set must lift every remaining problem, so it
// branches on the one with the fewest actions that could lift it (a hitting-set tree: every
// plan containing the set contains one of them). A plan branches on the actions that could
// lower its risk: those that change a fact a standing warning reads.
std::vector<std::size_t> Planner::State::branches(const Set& set, const Outcome& o) const {
  if (o.plan()) {
    // Only an action that changes what a standing warning reads can lower the risk; the
    // others would only add their cost.
    std::vector<std::size_t> out;
    for (std::size_t j : applicable(set, all_facts)) {
      bool const lowers = std::any_of(o.warnings.begin(), o.warnings.end(),
                                      [&](RuleId r) { return intersects(candidates[j].touches, reads[r]); });
      if (lowers) out.push_back(j);
    }
    return out;
  }
  std::vector<std::size_t> best;
  bool first = true;
  for (const std::vector<RuleId>* list : {&o.blocking, &o.guards}) {
    for (RuleId r : *list) {
      std::vector<std::size_t> options = applicable(set, reads[r]);
      if (first || options.size() < best.size()) {
        best = std::move(options);
        first = false;
      }
      if (best.empty()) return best;  // nothing can lift it: no plan contains this set
    }
  }
  return best;
}

// A lower bound on the score of any plan containing `set`: each remaining problem needs one
// of its actions, so the plan pays at least the cheapest of them and lasts at least as long
// as the shortest of them, for the dearest problem.
double Planner::State::completion_bound(const Set& set, const Outcome& o) const {
  if (o.plan()) return bound(set);
  // Problems whose possible actions share none need one action each: their cheapest prices
  // add up. Over all problems, the longest of the shortest durations bounds the days.
  double cny = 0, days = 0;
  std::vector<bool> used(candidates.size(), false);
  for (const std::vector<RuleId>* list : {&o.blocking, &o.guards}) {
    for (RuleId r : *list) {
      std::vector<std::size_t> const options = applicable(set, reads[r]);
      if (options.empty()) return INFINITY;
      double least_cny = INFINITY, least_days = INFINITY;
      bool disjoint = true;
      for (std::size_t j : options) {
        least_cny = std::min(least_cny, candidates[j].action.cost.cny);
        least_days = std::min(least_days, candidates[j].action.cost.days_max);
        disjoint &= !used[j];
      }
      days = std::max(days, least_days);
      if (!disjoint) continue;
      cny += least_cny;
      for (std::size_t j : options) used[j] = true;
    }
  }
  double set_cny = base_fees, set_days = base_days;
  for (std::size_t i : set) {
    set_cny += candidates[i].action.cost.cny;
    set_days = std::max(set_days, candidates[i].action.cost.days_max);
  }
  return options.weights.cny * (set_cny + cny) + options.weights.days * std::max(set_days, days);
}
Planner::Planner(const Model& model, const Profile& profile, const PlanOptions& options)
    : state_(std::make_unique<State>(model, profile, options)) {
  state_->prepare();
}

Planner::~Planner() = default;

const std::vector<Action>& Planner::candidates() const { return state_->actions; }

std::optional<Plan> Planner::evaluate(const std::vector<std::size_t>& chosen) {
  State& st = *state_;
  Set set = chosen;
  std::sort(set.begin(), set.end());
  for (std::size_t i = 0; i < set.size(); ++i) {
    for (std::size_t j = i + 1; j < set.size(); ++j) {
      if (st.conflicts[set[i]][set[j]]) return std::nullopt;
    }
  }
  if (!st.evaluate(set).plan()) return std::nullopt;
  return st.plan_of(set);
}

PlanResult Planner::run() {
  State& st = *state_;
  PlanResult result;
  result.target = st.base.target;
  result.candidates = st.candidates.size();
  result.unresolvable = st.unresolvable;
  if (result.target == kNone) return result;

  // Cheapest bound first; among equal bounds the largest set (closest to a plan), then by index.
  using Node = std::tuple<double, std::ptrdiff_t, Set>;  // bound, -size, set
  std::set<Node> queue;
  std::set<Set> seen;
  queue.emplace(st.bound({}), 0, Set{});
  seen.insert(Set{});
  std::vector<std::pair<Set, double>> found;  // plans found: their actions and score
  std::optional<std::pair<PassedOver, double>> passed[2];
  std::size_t const top = std::max<std::size_t>(st.options.top, 1);
  auto kth_score = [&] {
    std::vector<double> scores(found.size());
    std::transform(found.begin(), found.end(), scores.begin(), [](const auto& f) { return f.second; });
    std::nth_element(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(top - 1), scores.end());
    return scores[top - 1];
  };
  // What a plan costs before its risk is counted: how cheap it looks.
  auto looks = [&](const Plan& p) { return p.score - st.options.weights.risk * p.total.risk; };
  auto pass_over = [&](PassedOver::Reason reason, const Set& set, RuleId rule) {
    Plan p = st.plan_of(set);
    auto& slot = passed[reason == PassedOver::Reason::guard ? 0 : 1];
    if (slot && slot->second <= looks(p)) return;
    PassedOver po;
    po.reason = reason;
    for (std::size_t i : set) po.actions.push_back(st.candidates[i].action.id);
    std::sort(po.actions.begin(), po.actions.end());
    po.score = p.score;
    po.step = st.model.rules()[rule].step;
    po.cause = st.model.rules()[rule].cause;
    slot = std::make_pair(std::move(po), looks(p));
  };

  // A first plan, found greedily (each time the action that keeps the bound lowest, among
  // those that could lift the problem with the fewest of them): it gives the search a score
  // to beat from the start, and a plan even when the search has to stop at its limit.
  {
    Set set;
    for (std::size_t depth = 0; depth <= st.candidates.size(); ++depth) {
      Outcome const o = st.evaluate(set);
      if (o.plan()) {
        found.emplace_back(set, st.score_of(set, o));
        break;
      }
      std::vector<std::size_t> const next = st.branches(set, o);
      if (next.empty()) break;
      std::size_t best = next.front();
      double best_bound = INFINITY;
      for (std::size_t j : next) {
        Set child = set;
        child.insert(std::upper_bound(child.begin(), child.end(), j), j);
        if (double const b = st.bound(child); b < best_bound) best_bound = b, best = j;
      }
      set.insert(std::upper_bound(set.begin(), set.end(), best), best);
    }
  }

  while (!queue.empty()) {
    auto [lb, negative_size, set] = *queue.begin();
    queue.erase(queue.begin());
    // Nothing left can beat the K-th plan found (an equal score adds nothing new).
    if (found.size() >= top && lb >= kth_score() - 1e-9) break;
    if (st.evaluations >= st.options.max_evaluations) {
      result.search_limited = true;
      break;
    }
    Outcome const o = st.evaluate(set);
    if (o.plan()) {
      found.emplace_back(set, st.score_of(set, o));
    } else if (o.blocking.empty()) {
      pass_over(PassedOver::Reason::guard, set, o.guards.front());
    } else if (std::all_of(o.blocking.begin(), o.blocking.end(),
                           [&](RuleId r) { return !contains(st.base_blocking, r); })) {
      pass_over(PassedOver::Reason::new_blocker, set, o.fresh.front());
    }
    std::vector<std::size_t> const next = st.branches(set, o);
    // Every set containing this one must also lift each remaining problem: the cheapest
    // action that could lift the dearest of them bounds all of them from below.
    double const floor = std::max(lb, st.completion_bound(set, o) + st.options.weights.risk * st.fixed_risk(o));
    if (found.size() >= top && floor >= kth_score() - 1e-9) continue;
    for (std::size_t j : next) {
      Set child = set;
      child.insert(std::upper_bound(child.begin(), child.end(), j), j);
      if (!seen.insert(child).second) continue;
      double const child_bound = std::max(floor, st.bound(child));
      auto const size = static_cast<std::ptrdiff_t>(child.size());
      queue.emplace(child_bound, -size, std::move(child));
    }
  }
  result.evaluations = st.evaluations;

  // Best first; a plan that only adds actions to a cheaper-or-equal plan is no alternative.
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::forward_as_tuple(a.second, a.first.size(), a.first) <
           std::forward_as_tuple(b.second, b.first.size(), b.first);
  });
  std::vector<const Set*> chosen;
  for (const auto& entry : found) {
    const Set& set = entry.first;
    if (result.plans.size() >= top) break;
    bool const padded = std::any_of(chosen.begin(), chosen.end(), [&](const Set* c) {
      return std::includes(set.begin(), set.end(), c->begin(), c->end());
    });
    if (padded) continue;
    chosen.push_back(&set);
    result.plans.push_back(st.plan_of(set));
  }
  // Passed over only matters when it looked cheaper than what is offered instead.
  double const best = result.plans.empty() ? INFINITY : looks(result.plans.front());
  for (auto& slot : passed) {
    if (slot && slot->second < best - 1e-9) result.passed_over.push_back(std::move(slot->first));
  }

  // Where the holiday table runs out before a plan's latest date, the dates after it count
  // weekends only: say so.
  if (const HolidayCalendar* cal = st.model.calendar()) {
    for (const Plan& p : result.plans) {
      for (const ScheduledStep& s : p.timeline) {
        if (s.latest_end / 86400 > cal->covers_last) result.calendar_ends = cal->covers_last;
      }
    }
  }
  if (result.plans.empty() && result.unresolvable.empty()) {
    // Every problem had actions touching it, yet no set lifted them all.
    for (RuleId r : st.outcome_of(st.base).blocking) {
      const RuleInfo& rule = st.model.rules()[r];
      result.unresolvable.push_back({Unresolvable::Reason::no_fix, rule.step, rule.cause, r, {}});
    }
  }
  return result;
}

PlanResult plan(const Model& model, const Profile& profile, const PlanOptions& options) {
  return Planner(model, profile, options).run();
}

}  // namespace mpadvisor::engine
