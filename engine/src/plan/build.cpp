// A set of candidates made into a plan: its repairs, each credited with what it resolves and
// placed before the step it belongs to, the applicant's remaining steps, the changes to make,
// the risk left, the timeline and the score (and the score alone, cheaply, while no step can
// change status). Also the words and numbers a plan is reported with. Split from plan.cpp
// (the search) so each file holds one idea.
#include <algorithm>
#include <tuple>

#include "compiled.hpp"
#include "plan/planner_state.hpp"

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

double risk_of(const Model& model, const std::vector<RuleId>& warnings, StepId only = kNone) {
  double pass = 1;
  for (RuleId r : warnings) {
    if (only == kNone || model.rules()[r].step == only) pass *= 1 - failure_chance(model.rules()[r].likelihood);
  }
  return 1 - pass;
}

}  // namespace

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

}  // namespace mpadvisor::engine
