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
#include "mpadvisor/engine/plan.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "compiled.hpp"
#include "evaluator.hpp"
#include "plan/planner_detail.hpp"

namespace mpadvisor::engine {

using namespace plan_detail;

double failure_chance(Likelihood likelihood) {
  switch (likelihood) {
    case Likelihood::low:
      return 0.1;
    case Likelihood::medium:
      return 0.3;
    case Likelihood::high:
      return 0.6;
  }
  return 0;
}

std::string_view to_string(ActionKind kind) {
  switch (kind) {
    case ActionKind::fix:
      return "fix";
    case ActionKind::option:
      return "option";
    case ActionKind::step:
      return "step";
  }
  return "";
}

std::string_view to_string(Unresolvable::Reason reason) {
  switch (reason) {
    case Unresolvable::Reason::background:
      return "background";
    case Unresolvable::Reason::kept:
      return "kept";
    case Unresolvable::Reason::no_fix:
      return "no_fix";
    case Unresolvable::Reason::guarded:
      return "guarded";
  }
  return "";
}

std::string_view to_string(PassedOver::Reason reason) {
  return reason == PassedOver::Reason::guard ? "guard" : "new_blocker";
}

namespace {

bool intersects(const std::vector<FactId>& a, const std::vector<FactId>& b) {
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

bool contains(const std::vector<RuleId>& sorted, RuleId r) {
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

double risk_of(const Model& model, const std::vector<RuleId>& warnings, StepId only = kNone) {
  double pass = 1;
  for (RuleId r : warnings) {
    if (only == kNone || model.rules()[r].step == only) pass *= 1 - failure_chance(model.rules()[r].likelihood);
  }
  return 1 - pass;
}

using Set = std::vector<std::size_t>;

}  // namespace

struct Planner::State {
  State(const Model& m, const Profile& p, const PlanOptions& o) : model(m), profile(p), options(o) {}

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

void Planner::State::prepare() {
  const std::size_t facts = model.facts().size();
  frozen.assign(facts, false);
  kept.assign(facts, false);
  for (FactId f = 0; f < facts; ++f) frozen[f] = model.facts()[f].background || model.facts()[f].derived;
  for (FactId f : options.keep) {
    frozen[f] = true;
    kept[f] = true;
  }
  reads = rule_reads(model);
  for (FactId f = 0; f < facts; ++f) all_facts.push_back(f);

  quick.target = options.target;
  quick.evidence = false;
  quick.needs_info = false;
  full = quick;
  full.needs_info = true;
  diagnose(model, profile, full, base);
  base_truth.assign(model.rules().size(), Truth::no);
  for (auto [r, v] : base.rule_values) base_truth[r] = v;
  live_readers.assign(facts, {});
  decides_done.assign(facts, false);
  for (RuleId r = 0; r < model.rules().size(); ++r) {
    StepId const s = model.rules()[r].step;
    if (base.in_scope.empty() || !base.in_scope[s] || base.status[s] == StepStatus::done) continue;
    live_rules.push_back(r);
    for (FactId f : model.conditions().facts_of[model.rules()[r].condition]) live_readers[f].push_back(r);
  }
  for (StepId s = 0; s < model.steps().size(); ++s) {
    std::int32_t const done = model.steps()[s].done_when;
    if (done < 0 || base.in_scope.empty() || !base.in_scope[s]) continue;
    for (FactId f : model.conditions().facts_of[static_cast<std::size_t>(done)]) decides_done[f] = true;
  }

  // Actions follow the steps: the target's own scope first (what publishing needs), then
  // the steps only other goals need, each part in topological order.
  std::vector<bool> primary(model.steps().size(), false);
  if (base.target != kNone) {
    std::vector<StepId> stack{base.target};
    primary[base.target] = true;
    while (!stack.empty()) {
      StepId const s = stack.back();
      stack.pop_back();
      for (StepId r : model.steps()[s].requires_) {
        if (!primary[r]) stack.push_back(r), primary[r] = true;
      }
    }
  }
  for (bool first : {true, false}) {
    for (StepId s : model.topological_order()) {
      if (primary[s] == first) step_order.push_back(s);
    }
  }
  topo_index.assign(model.steps().size(), 0);
  for (std::size_t i = 0; i < step_order.size(); ++i) topo_index[step_order[i]] = i;

  for (const BlockedStep& b : base.blockers) {
    for (const Finding& f : b.causes) base_blocking.push_back(f.rule);
  }
  // Blockers first, then warnings, each in step order: the first cause to offer a change
  // names the action when several offer the same one.
  std::vector<RuleId> ordered = base_blocking;
  for (const Finding& f : base.warnings) ordered.push_back(f.rule);
  base_findings = ordered;
  std::sort(base_blocking.begin(), base_blocking.end());
  std::sort(base_findings.begin(), base_findings.end());

  candidates = repair_candidates(model, profile, frozen, ordered, guarded_causes);
  // Each candidate alone: the findings it lifts by itself (to say what each action of a
  // plan resolves), and the blockers it brings, whose fixes join the candidates (one round).
  std::vector<RuleId> brought;
  auto try_alone = [&](std::size_t i) {
    EditScope scope(model, profile);
    scope.apply(candidates[i].edits);
    diagnose(model, profile, quick, scratch);
    std::vector<RuleId> standing;
    for (const BlockedStep& b : scratch.blockers) {
      for (const Finding& f : b.causes) {
        standing.push_back(f.rule);
        if (!contains(base_findings, f.rule)) brought.push_back(f.rule);
      }
    }
    for (const Finding& f : scratch.warnings) standing.push_back(f.rule);
    std::sort(standing.begin(), standing.end());
    lifts.emplace_back();
    std::set_difference(base_findings.begin(), base_findings.end(), standing.begin(), standing.end(),
                        std::back_inserter(lifts.back()));
  };
  for (std::size_t i = 0; i < candidates.size(); ++i) try_alone(i);
  if (!brought.empty()) {
    std::sort(brought.begin(), brought.end());
    brought.erase(std::unique(brought.begin(), brought.end()), brought.end());
    std::vector<CauseId> ignored;
    for (Candidate& c : repair_candidates(model, profile, frozen, brought, ignored)) {
      bool const known = std::any_of(candidates.begin(), candidates.end(),
                                     [&](const Candidate& k) { return k.action.id == c.action.id; });
      if (!known) candidates.push_back(std::move(c));
    }
    for (std::size_t i = lifts.size(); i < candidates.size(); ++i) try_alone(i);
  }
  for (const Candidate& c : candidates) actions.push_back(c.action);

  // Two actions conflict when they set one fact to different things (or one sets what the
  // other adds to).
  const std::size_t n = candidates.size();
  conflicts.assign(n, std::vector<bool>(n, false));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      for (const Edit& a : candidates[i].edits) {
        for (const Edit& b : candidates[j].edits) {
          bool const whole = a.op == ChangeOp::assign || a.op == ChangeOp::unset || b.op == ChangeOp::assign ||
                             b.op == ChangeOp::unset;
          if (a.fact == b.fact && whole) conflicts[i][j] = conflicts[j][i] = true;
        }
      }
    }
  }

  exempt.assign(model.rules().size(), false);
  find_unresolvable();

  // The bound's fixed part: the schedule and fees of the remaining steps without repairs. It
  // holds for every set only if no repair can mark a step done (change what a `done when`
  // reads); otherwise it is left out.
  bool touches_done = false;
  for (const StepInfo& s : model.steps()) {
    if (s.done_when < 0) continue;
    const auto& facts_read = model.conditions().facts_of[static_cast<std::size_t>(s.done_when)];
    for (const Candidate& c : candidates) touches_done |= intersects(c.touches, facts_read);
  }
  steps_stable = !touches_done;
  touchable.assign(model.rules().size(), false);
  for (RuleId r = 0; r < model.rules().size(); ++r) {
    touchable[r] = std::any_of(candidates.begin(), candidates.end(),
                               [&](const Candidate& c) { return intersects(c.touches, reads[r]); });
  }
  if (!touches_done) {
    Plan bare;
    schedule(model, base, profile.as_of, bare);
    base_days = bare.total.days_max;
    for (StepId s : model.topological_order()) {
      if (base.in_scope[s] && base.status[s] != StepStatus::done && model.steps()[s].cost)
        base_fees += model.steps()[s].cost->amount;
    }
  }
}

// A problem that neither one candidate nor two together lift is left out of what a plan must
// do (a condition that needs three changes at once is beyond what the KB's fixes are written
// for). Blockers among them are reported; guarded warnings only stay as risk.
void Planner::State::find_unresolvable() {
  Outcome const start = outcome_of(base);
  auto liftable = [&](RuleId r) {
    std::vector<std::size_t> touching;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!intersects(candidates[i].touches, reads[r])) continue;
      if (contains(lifts[i], r)) return true;
      touching.push_back(i);
    }
    for (std::size_t a = 0; a < touching.size(); ++a) {
      for (std::size_t b = a + 1; b < touching.size(); ++b) {
        if (conflicts[touching[a]][touching[b]]) continue;
        EditScope scope(model, profile);
        scope.apply(candidates[touching[a]].edits);
        scope.apply(candidates[touching[b]].edits);
        diagnose(model, profile, quick, scratch);
        bool stands = false;
        for (const BlockedStep& bs : scratch.blockers) {
          for (const Finding& f : bs.causes) stands |= f.rule == r;
        }
        for (const Finding& f : scratch.warnings) stands |= f.rule == r;
        if (!stands) return true;
      }
    }
    return false;
  };
  for (RuleId r : start.guards) exempt[r] = !liftable(r);
  for (RuleId r : start.blocking) {
    if (liftable(r)) continue;
    exempt[r] = true;
    const RuleInfo& rule = model.rules()[r];
    Unresolvable u;
    u.step = rule.step;
    u.cause = rule.cause;
    u.rule = r;
    bool any_kept = false, any_background = false;
    for (FactId f : reads[r]) {
      if (kept[f]) any_kept = true;
      if (model.facts()[f].background) any_background = true;
      if (kept[f] || model.facts()[f].background) u.facts.push_back(f);
    }
    bool const guarded = std::binary_search(guarded_causes.begin(), guarded_causes.end(), rule.cause);
    if (any_kept)
      u.reason = Unresolvable::Reason::kept;
    else if (guarded)
      u.reason = Unresolvable::Reason::guarded;
    else if (any_background)
      u.reason = Unresolvable::Reason::background;
    else
      u.reason = Unresolvable::Reason::no_fix;
    unresolvable.push_back(std::move(u));
  }
}

Outcome Planner::State::outcome_of(const Diagnosis& d) const {
  Outcome o;
  for (const BlockedStep& b : d.blockers) {
    for (const Finding& f : b.causes) {
      if (!exempt[f.rule]) o.blocking.push_back(f.rule);
      if (!contains(base_blocking, f.rule)) o.fresh.push_back(f.rule);
    }
  }
  for (const Finding& f : d.warnings) {
    o.warnings.push_back(f.rule);
    const RuleInfo& rule = model.rules()[f.rule];
    if (rule.likelihood != Likelihood::low && commits(model.steps()[rule.step]) && !exempt[f.rule])
      o.guards.push_back(f.rule);
  }
  for (const BlockedStep& b : d.blockers) {
    for (const Finding& f : b.causes) o.standing.push_back(f.rule);
  }
  o.standing.insert(o.standing.end(), o.warnings.begin(), o.warnings.end());
  // In rule order, as the incremental evaluation lists them.
  for (auto* list : {&o.blocking, &o.fresh, &o.warnings, &o.guards, &o.standing}) std::sort(list->begin(), list->end());
  return o;
}

// A set's outcome. Most sets change no fact a `done when` reads, so no step changes status
// and only the rules reading a changed fact can change value: those are evaluated again and
// the rest keep their value from the base profile. Otherwise the profile is diagnosed anew.
Outcome Planner::State::evaluate(const Set& set) {
  ++evaluations;
  EditScope scope(model, profile);
  bool statuses_change = false;
  for (std::size_t i : set) {
    scope.apply(candidates[i].edits);
    for (FactId f : candidates[i].touches) statuses_change |= decides_done[f];
  }
  if (statuses_change) {
    diagnose(model, profile, quick, scratch);
    return outcome_of(scratch);
  }
  truth = base_truth;
  Evaluator eval(model, profile);
  for (std::size_t i : set) {
    for (FactId f : candidates[i].touches) {
      for (RuleId r : live_readers[f]) truth[r] = eval.condition(model.rules()[r].condition);
    }
  }
  Outcome o;
  for (RuleId r : live_rules) {
    if (truth[r] != Truth::yes) continue;
    const RuleInfo& rule = model.rules()[r];
    if (rule.effect != Effect::wait) o.standing.push_back(r);
    if (rule.effect == Effect::block) {
      if (!exempt[r]) o.blocking.push_back(r);
      if (!contains(base_blocking, r)) o.fresh.push_back(r);
    } else if (rule.effect == Effect::warn) {
      o.warnings.push_back(r);
      if (rule.likelihood != Likelihood::low && commits(model.steps()[rule.step]) && !exempt[r]) o.guards.push_back(r);
    }
  }
  return o;
}

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

Plan Planner::State::plan_of(const Set& set) {
  EditScope scope(model, profile);
  for (std::size_t i : set) scope.apply(candidates[i].edits);
  return build(set);
}

// The repairs of a set, each credited with what it resolves and placed before the steps
// where those findings stood. `standing`: the findings that still hold with the set applied;
// `status`: a diagnosis giving the steps' statuses with the set applied.
std::vector<Action> Planner::State::repairs_of(const Set& set, const std::vector<RuleId>& standing,
                                               const Diagnosis& status) const {
  auto remaining = [&](StepId s) { return s != kNone && status.in_scope[s] && status.status[s] != StepStatus::done; };
  std::vector<Action> repairs;
  for (std::size_t i : set) {
    Action a = candidates[i].action;
    StepId first = kNone;
    for (RuleId r : base_findings) {
      if (contains(standing, r)) continue;
      // Lifted by the plan: credited to the actions that lift it alone, or, where it takes
      // several together, to every action that changes what it reads.
      bool const alone = std::any_of(set.begin(), set.end(), [&](std::size_t j) { return contains(lifts[j], r); });
      if (alone ? !contains(lifts[i], r) : !intersects(candidates[i].touches, reads[r])) continue;
      const RuleInfo& rule = model.rules()[r];
      if (std::find(a.resolves.begin(), a.resolves.end(), rule.cause) == a.resolves.end())
        a.resolves.push_back(rule.cause);
      if (remaining(rule.step) && std::find(a.before.begin(), a.before.end(), rule.step) == a.before.end())
        a.before.push_back(rule.step);
      for (FactId f : model.conditions().facts_of[rule.condition]) {
        if (!profile.facts[f].known && !model.facts()[f].derived &&
            std::find(a.assumes.begin(), a.assumes.end(), f) == a.assumes.end())
          a.assumes.push_back(f);
      }
      if (remaining(rule.step) && (first == kNone || topo_index[rule.step] < topo_index[first])) first = rule.step;
    }
    std::sort(a.resolves.begin(), a.resolves.end());
    std::sort(a.assumes.begin(), a.assumes.end());
    if (first == kNone && a.cause != kNone && remaining(model.causes()[a.cause].stage))
      first = model.causes()[a.cause].stage;
    a.step = first;
    if (first != kNone && a.before.empty()) a.before.push_back(first);
    std::sort(a.before.begin(), a.before.end(), [&](StepId x, StepId y) { return topo_index[x] < topo_index[y]; });
    repairs.push_back(std::move(a));
  }
  std::sort(repairs.begin(), repairs.end(), [&](const Action& x, const Action& y) {
    auto key = [&](const Action& a) { return a.step == kNone ? 0 : topo_index[a.step] + 1; };
    return std::forward_as_tuple(key(x), x.id) < std::forward_as_tuple(key(y), y.id);
  });
  return repairs;
}

// A plan's score without building the plan: while no candidate can change a step's status,
// the steps left are the profile's own, so the base diagnosis schedules them. Must agree with
// build(), which the tests' oracle checks.
double Planner::State::score_of(const Set& set, const Outcome& o) {
  if (!steps_stable) return plan_of(set).score;
  Plan light;
  light.actions = repairs_of(set, o.standing, base);
  schedule(model, base, profile.as_of, light);
  double cny = base_fees;
  for (const Action& a : light.actions) cny += a.cost.cny;
  const PlanWeights& w = options.weights;
  return w.cny * cny + w.days * light.total.days_max + w.risk * risk_of(model, o.warnings);
}

Plan Planner::State::build(const Set& set) {
  Diagnosis after;
  diagnose(model, profile, full, after);
  std::vector<RuleId> standing;
  for (const BlockedStep& b : after.blockers) {
    for (const Finding& f : b.causes) standing.push_back(f.rule);
  }
  for (const Finding& f : after.warnings) standing.push_back(f.rule);
  std::sort(standing.begin(), standing.end());
  auto remaining = [&](StepId s) { return s != kNone && after.in_scope[s] && after.status[s] != StepStatus::done; };

  Plan plan;
  std::vector<Action> repairs = repairs_of(set, standing, after);

  // Repairs before the step they belong to; the applicant's own steps in topological order.
  std::size_t next = 0;
  while (next < repairs.size() && repairs[next].step == kNone) plan.actions.push_back(repairs[next++]);
  for (StepId s : step_order) {
    if (!remaining(s)) continue;
    while (next < repairs.size() && repairs[next].step == s) plan.actions.push_back(repairs[next++]);
    const StepInfo& step = model.steps()[s];
    if (step.actor != "applicant") continue;
    Action a;
    a.kind = ActionKind::step;
    a.id = step.name;
    a.step = s;
    a.irreversible = step.irreversible;
    if (step.cost) {
      a.cost.cny = step.cost->amount;
      a.cost.per_attempt = step.cost->per_attempt;
      a.cost.per_year = step.cost->per_year;
      a.cost.refundable = step.cost->refundable;
    }
    a.cost.days_min = days_of(model, profile.as_of, step.duration, false);
    a.cost.days_max = days_of(model, profile.as_of, step.duration, true);
    plan.actions.push_back(std::move(a));
  }
  while (next < repairs.size()) plan.actions.push_back(repairs[next++]);

  std::vector<FactId> touched;
  for (std::size_t i : set) touched.insert(touched.end(), candidates[i].touches.begin(), candidates[i].touches.end());
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (FactId f : touched) {
    bool const unset = !profile.facts[f].known;
    plan.changes.push_back({f,
                            unset ? ChangeOp::unset : ChangeOp::assign,
                            unset ? "" : command_line_value(model, f, profile.facts[f]),
                            {}});
  }

  for (const Finding& f : after.warnings) plan.risks.push_back(f.rule);
  for (Action& a : plan.actions) {
    if (a.step != kNone) a.risk = risk_of(model, plan.risks, a.step);
  }
  for (const Action& a : repairs) plan.total.cny += a.cost.cny;
  for (StepId s : model.topological_order()) {
    if (remaining(s) && model.steps()[s].cost) plan.total.cny += model.steps()[s].cost->amount;
  }
  plan.total.risk = risk_of(model, plan.risks);
  for (const NeededFact& nf : after.needs_info) plan.assumes.push_back(nf.fact);
  std::sort(plan.assumes.begin(), plan.assumes.end());
  schedule(model, after, profile.as_of, plan);
  std::stable_sort(plan.timeline.begin(), plan.timeline.end(), [&](const ScheduledStep& x, const ScheduledStep& y) {
    return topo_index[x.step] < topo_index[y.step];
  });
  const PlanWeights& w = options.weights;
  plan.score = w.cny * plan.total.cny + w.days * plan.total.days_max + w.risk * plan.total.risk;
  return plan;
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
