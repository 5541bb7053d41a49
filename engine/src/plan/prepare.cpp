// What the search works from, worked out once, and what a set of candidates does. prepare()
// gathers the repair candidates (and the fixes of the blockers they bring), what each lifts
// alone, which pairs conflict, the problems no candidate can lift (find_unresolvable()) and
// the bound's fixed part; outcome_of() and evaluate() say what a set leaves for a plan to do,
// evaluate() incrementally from the tables prepare() fills. Split from plan.cpp (the search)
// so each file holds one idea.
#include <algorithm>
#include <iterator>

#include "compiled.hpp"
#include "evaluator.hpp"
#include "plan/planner_state.hpp"

namespace mpadvisor::engine {

using namespace plan_detail;

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

}  // namespace mpadvisor::engine
