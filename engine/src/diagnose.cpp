// Diagnosis toward a target step: statuses in topological order, root blockers and what
// they hold up, the facts still needed, and the steps the applicant can take now.
#include <algorithm>

#include "evaluator.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "places.hpp"

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
  d.ruled_out.clear();
  // Arrays by StepId are cleared where the previous diagnosis wrote (its scope), not over the
  // whole KB: a diagnosis costs what its scope holds.
  std::size_t const n = model.steps().size();
  if (d.status.size() != n || d.in_scope.size() != n) {
    d.status.assign(n, StepStatus::pending);
    d.in_scope.assign(n, false);
  } else {
    for (StepId s : d.scope) {
      d.status[s] = StepStatus::pending;
      d.in_scope[s] = false;
    }
  }
  d.scope.clear();
  d.target = options.target.value_or(model.goal());
  if (d.target == kNone) return;
  const StepScope& scope = model.scope(options.target.value_or(kNone));
  d.scope = scope.steps;
  for (StepId s : scope.steps) d.in_scope[s] = true;
  Evaluator eval(model, profile);
  const CompiledConditions& cc = model.conditions();
  std::size_t const k = scope.steps.size();
  // By position in the scope: the root blockers holding each step up, and where its own
  // blocker entry is.
  std::vector<std::vector<std::uint32_t>> roots_of(k);
  std::vector<std::size_t> blocker_index(k, SIZE_MAX);

  auto finding = [&](const HotRule& rule, Truth v) {
    Finding f{rule.id, rule.cause, rule.step, v, {}};
    if (options.evidence) eval.evidence(rule.root, f.evidence);
    return f;
  };

  for (std::uint32_t at = 0; at < k; ++at) {
    StepId const s = scope.steps[at];
    const HotRule* const rules_begin = cc.rules_by_step.data() + scope.rule_begin[at];
    const HotRule* const rules_end = cc.rules_by_step.data() + scope.rule_end[at];
    if (eval.step_done(s)) {
      d.status[s] = StepStatus::done;
      // A done step's rules no longer matter to the applicant, but their values still count
      // for scenario coverage and case replay.
      for (const HotRule* rule = rules_begin; rule != rules_end; ++rule)
        d.rule_values.emplace_back(rule->id, eval.eval(rule->root));
      continue;
    }
    bool own_block = false, own_unknown = false, wait = false;
    std::vector<Finding> blocking;
    std::vector<RuleId> risks;  // warnings of medium or high likelihood here
    for (const HotRule* it = rules_begin; it != rules_end; ++it) {
      const HotRule& rule = *it;
      Truth const v = eval.eval(rule.root);
      d.rule_values.emplace_back(rule.id, v);
      if (v == Truth::no) {
        // False whatever the unknown facts turn out to be (three-valued logic), unless a
        // known(F) test is false only because F is not given yet: the rejection ranking
        // discounts such a rule's cause.
        const FactId* guards = cc.known_fact_ids.data() + rule.known_begin;
        if (std::all_of(guards, guards + rule.known_count, [&](FactId f) { return profile.facts[f].known; }))
          d.ruled_out.push_back(rule.id);
        continue;
      }
      switch (rule.effect) {
        case Effect::block:
          if (v == Truth::yes) {
            own_block = true;
            blocking.push_back(finding(rule, v));
          } else {
            own_unknown = true;
            d.undetermined.push_back(finding(rule, v));
          }
          break;
        case Effect::warn:
          if (v == Truth::yes) {
            d.warnings.push_back(finding(rule, v));
            if (rule.likelihood != Likelihood::low) risks.push_back(rule.id);
          }
          break;
        case Effect::wait:
          if (v == Truth::yes) {
            wait = true;
            d.waiting.push_back(finding(rule, v));
          }
          break;
      }
    }
    bool upstream_blocked = false, requirements_done = true;
    for (std::uint32_t e = scope.require_begin[at]; e < scope.require_begin[at + 1]; ++e) {
      std::uint32_t const req_at = scope.requires_at[e];
      StepStatus const req_status = d.status[scope.steps[req_at]];
      if (req_status == StepStatus::blocked) {
        upstream_blocked = true;
        for (std::uint32_t root : roots_of[req_at]) {
          if (std::find(roots_of[at].begin(), roots_of[at].end(), root) == roots_of[at].end())
            roots_of[at].push_back(root);
        }
      }
      requirements_done &= req_status == StepStatus::done;
    }
    if (own_block) {
      if (!upstream_blocked) roots_of[at] = {at};
      blocker_index[at] = d.blockers.size();
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
      if (!risks.empty() && commits(model.steps()[s]))
        d.held.push_back({s, std::move(risks)});
      else
        d.next_steps.push_back(s);
    }
  }

  // What each root holds up, in topological order.
  for (std::uint32_t at = 0; at < k; ++at) {
    for (std::uint32_t root : roots_of[at]) {
      if (root != at) d.blockers[blocker_index[root]].blocks.push_back(scope.steps[at]);
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
        if (it == d.needs_info.end()) {
          NeededFact needed;
          needed.fact = fact;
          it = d.needs_info.insert(d.needs_info.end(), std::move(needed));
          if (profile.facts[fact].known) {  // a region we could not place
            it->unplaced = profile.facts[fact].text;
            it->did_you_mean = closest_places(model, profile.facts[fact].text);
          }
        }
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
