// Diagnosis toward a target step: statuses in topological order, root blockers and what
// they hold up, the facts still needed, and the steps the applicant can take now.
#include <algorithm>

#include "evaluator.hpp"
#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

std::string_view to_string(StepStatus s) {
  switch (s) {
    case StepStatus::done:
      return "done";
    case StepStatus::ready:
      return "ready";
    case StepStatus::pending:
      return "pending";
    case StepStatus::blocked:
      return "blocked";
    case StepStatus::waiting:
      return "waiting";
    case StepStatus::undetermined:
      return "undetermined";
  }
  return "";
}

namespace {

// The targets and every step they require, in the model's topological order. Only these
// steps' rules are evaluated, so the cost follows the targets' scope, not the KB's size.
std::vector<StepId> scope_of(const Model& model, const std::vector<StepId>& targets, std::vector<bool>& in_scope) {
  in_scope.assign(model.steps().size(), false);
  std::vector<StepId> stack;
  std::size_t count = 0;
  for (StepId t : targets) {
    if (!in_scope[t]) {
      in_scope[t] = true;
      stack.push_back(t);
      ++count;
    }
  }
  while (!stack.empty()) {
    StepId s = stack.back();
    stack.pop_back();
    for (StepId r : model.steps()[s].requires_) {
      if (!in_scope[r]) {
        in_scope[r] = true;
        ++count;
        stack.push_back(r);
      }
    }
  }
  std::vector<StepId> order;
  order.reserve(count);
  for (StepId s : model.topological_order()) {
    if (in_scope[s]) order.push_back(s);
  }
  return order;
}

}  // namespace

Diagnosis diagnose(const Model& model, const Profile& profile, const DiagnoseOptions& options) {
  Diagnosis d;
  diagnose(model, profile, options, d);
  return d;
}

void diagnose(const Model& model, const Profile& profile, const DiagnoseOptions& options, Diagnosis& d) {
  d.verdict = Verdict::clear;
  d.blockers.clear();
  d.warnings.clear();
  d.waiting.clear();
  d.undetermined.clear();
  d.needs_info.clear();
  d.next_steps.clear();
  d.held.clear();
  d.rule_values.clear();
  d.rule_values.reserve(model.rules().size());
  d.target = options.target.value_or(model.goal());
  if (d.target == kNone) {
    d.status.clear();
    d.in_scope.clear();
    return;
  }
  const std::vector<StepId> order =
      scope_of(model, options.target ? std::vector<StepId>{*options.target} : model.goals(), d.in_scope);
  Evaluator eval(model, profile);
  const std::size_t n = model.steps().size();
  d.status.assign(n, StepStatus::pending);
  std::vector<std::vector<StepId>> roots_of(n);  // the root blockers holding each step up
  std::vector<std::size_t> blocker_index(n, SIZE_MAX);

  auto finding = [&](RuleId r, Truth v) {
    Finding f{r, model.rules()[r].cause, model.rules()[r].step, v, {}};
    if (options.evidence) eval.evidence(model.conditions().roots[model.rules()[r].condition], f.evidence);
    return f;
  };

  for (StepId s : order) {
    const StepInfo& step = model.steps()[s];
    if (eval.step_done(s)) {
      d.status[s] = StepStatus::done;
      // A done step's rules no longer matter to the applicant, but their values still count
      // for scenario coverage and case replay.
      for (RuleId r : step.rules) d.rule_values.emplace_back(r, eval.condition(model.rules()[r].condition));
      continue;
    }
    bool own_block = false, own_unknown = false, wait = false;
    std::vector<Finding> blocking;
    std::vector<RuleId> risks;  // warnings of medium or high likelihood here
    for (RuleId r : step.rules) {
      const RuleInfo& rule = model.rules()[r];
      Truth const v = eval.condition(rule.condition);
      d.rule_values.emplace_back(r, v);
      if (v == Truth::no) continue;
      switch (rule.effect) {
        case Effect::block:
          if (v == Truth::yes) {
            own_block = true;
            blocking.push_back(finding(r, v));
          } else {
            own_unknown = true;
            d.undetermined.push_back(finding(r, v));
          }
          break;
        case Effect::warn:
          if (v == Truth::yes) {
            d.warnings.push_back(finding(r, v));
            if (rule.likelihood != Likelihood::low) risks.push_back(r);
          }
          break;
        case Effect::wait:
          if (v == Truth::yes) {
            wait = true;
            d.waiting.push_back(finding(r, v));
          }
          break;
      }
    }
    bool upstream_blocked = false, requirements_done = true;
    for (StepId req : step.requires_) {
      if (d.status[req] == StepStatus::blocked) {
        upstream_blocked = true;
        for (StepId root : roots_of[req]) {
          if (std::find(roots_of[s].begin(), roots_of[s].end(), root) == roots_of[s].end()) roots_of[s].push_back(root);
        }
      }
      requirements_done &= d.status[req] == StepStatus::done;
    }
    if (own_block) {
      if (!upstream_blocked) roots_of[s] = {s};
      blocker_index[s] = d.blockers.size();
      d.blockers.push_back({s, !upstream_blocked, std::move(blocking), {}});
    }
    if (own_block || upstream_blocked)
      d.status[s] = StepStatus::blocked;
    else if (own_unknown)
      d.status[s] = StepStatus::undetermined;
    else if (wait)
      d.status[s] = StepStatus::waiting;
    else
      d.status[s] = requirements_done ? StepStatus::ready : StepStatus::pending;
    if (d.status[s] == StepStatus::ready) {
      if (commits(step) && !risks.empty())
        d.held.push_back({s, std::move(risks)});
      else
        d.next_steps.push_back(s);
    }
  }

  // What each root holds up, in topological order.
  for (StepId s : order) {
    for (StepId root : roots_of[s]) {
      if (root != s) d.blockers[blocker_index[root]].blocks.push_back(s);
    }
  }
  std::stable_partition(d.blockers.begin(), d.blockers.end(), [](const BlockedStep& b) { return b.root; });

  if (options.needs_info) {
    for (const Finding& f : d.undetermined) {
      std::vector<FactId> facts;
      eval.unknown_facts(model.conditions().roots[model.rules()[f.rule].condition], facts);
      for (FactId fact : facts) {
        auto it = std::find_if(d.needs_info.begin(), d.needs_info.end(),
                               [&](const NeededFact& nf) { return nf.fact == fact; });
        if (it == d.needs_info.end()) it = d.needs_info.insert(d.needs_info.end(), NeededFact{fact, {}});
        it->rules.push_back(f.rule);
      }
    }
  }

  if (!d.blockers.empty())
    d.verdict = Verdict::blocked;
  else if (!d.undetermined.empty())
    d.verdict = Verdict::needs_info;
  else
    d.verdict = Verdict::clear;
}

}  // namespace mpadvisor::engine
