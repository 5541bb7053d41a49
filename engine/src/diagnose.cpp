// Diagnosis toward a target step: statuses in topological order, root blockers and what
// they hold up, the facts still needed, and the steps the applicant can take now.
#include <algorithm>
#include <bit>
#include <optional>

#include "evaluator.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/scratch.hpp"
#include "places.hpp"
#include "working_memory.hpp"

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

namespace {

// The next blocker entry, reusing one a previous diagnosis left (and the storage of its
// lists) rather than freeing and allocating again: a batch diagnoses line after line into the
// same Diagnosis.
BlockedStep& next_blocker(std::vector<BlockedStep>& blockers, std::size_t used, StepId step,
                          std::vector<BlockedStep>& spare) {
  if (used == blockers.size()) {
    if (spare.empty()) {
      blockers.emplace_back();
    } else {
      blockers.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
  BlockedStep& b = blockers[used];
  b.step = step;
  b.root = false;
  b.causes.clear();
  b.blocks.clear();
  return b;
}

// What each root blocker holds up: every blocked step in scope downstream of it through blocked
// steps (a done step is not held up), in topological order. Found in the same topological pass
// that finds the statuses: a blocked step is held up by the roots that hold up its blocked
// requirements, and is its own root when its own rules block it. One bit per root in a row per
// scope position; only blocked positions' rows are written and read, so nothing is cleared by
// the scope's size and no second pass walks it.
class RootReach {
 public:
  RootReach(std::vector<std::uint64_t>& rows, std::vector<std::uint32_t>& roots, std::size_t scope_size)
      : rows_(rows), roots_(roots), words_((scope_size + 63) / 64) {
    if (rows_.size() < scope_size * words_) rows_.resize(scope_size * words_);
    roots_.clear();
  }

  // Scope position `at` is blocked; `root`: its own entry in `blockers` when it is a root
  // blocker. Adds the step to the `blocks` of every root that holds it up.
  void blocked(const StepScope& scope, const std::vector<StepStatus>& status, std::uint32_t at, const BlockedStep* root,
               std::vector<BlockedStep>& blockers) {
    std::uint64_t* const row = rows_.data() + std::size_t{at} * words_;
    std::fill_n(row, words_, 0);
    for (std::uint32_t e = scope.require_begin[at]; e < scope.require_begin[at + 1]; ++e) {
      std::uint32_t const required = scope.requires_at[e];
      if (status[scope.steps[required]] != StepStatus::blocked) continue;
      const std::uint64_t* const theirs = rows_.data() + std::size_t{required} * words_;
      for (std::size_t w = 0; w < words_; ++w) row[w] |= theirs[w];
    }
    for (std::size_t w = 0; w < words_; ++w) {
      for (std::uint64_t bits = row[w]; bits != 0; bits &= bits - 1)
        blockers[roots_[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))]].blocks.push_back(scope.steps[at]);
    }
    if (root != nullptr) {  // after the walk above: a root does not hold itself up
      std::size_t const r = roots_.size();
      roots_.push_back(static_cast<std::uint32_t>(root - blockers.data()));
      row[r / 64] |= std::uint64_t{1} << (r % 64);
    }
  }

 private:
  std::vector<std::uint64_t>& rows_;
  std::vector<std::uint32_t>& roots_;  // by root bit: the root's entry in `blockers`
  std::size_t words_;
};

// The root blockers first, each group in its own order (a stable partition without
// std::stable_partition's temporary buffer; a diagnosis has few blockers).
void roots_first(std::vector<BlockedStep>& blockers) {
  auto roots_end = blockers.begin();
  for (auto b = blockers.begin(); b != blockers.end(); ++b) {
    if (!b->root) continue;
    std::rotate(roots_end, b, b + 1);
    ++roots_end;
  }
}

}  // namespace

void diagnose(const Model& model, const Profile& profile, const DiagnoseOptions& options, Diagnosis& d, Scratch* lent) {
  std::optional<detail::DiagnosisMemory> own;
  detail::DiagnosisMemory& memory = lent != nullptr ? lent->working_memory().diagnosis : own.emplace();
  d.verdict = Verdict::clear;
  d.warnings.clear();
  d.waiting.clear();
  d.undetermined.clear();
  d.needs_info.clear();
  d.next_steps.clear();
  d.held.clear();
  d.rule_values.clear();
  d.ruled_out.clear();
  std::size_t blockers_used = 0;
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
  if (d.target == kNone) {
    d.blockers.clear();
    return;
  }
  const StepScope& scope = model.scope(options.target.value_or(kNone));
  d.scope = scope.steps;
  for (StepId s : scope.steps) d.in_scope[s] = true;
  Evaluator eval(model, profile, memory.memo);
  const CompiledConditions& cc = model.conditions();
  std::size_t const k = scope.steps.size();
  RootReach reach(memory.reach, memory.roots, k);

  auto finding = [&](const HotRule& rule, Truth v) {
    Finding f{rule.id, rule.cause, rule.step, rule.effect, v, {}};
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
      if (options.rule_values) {
        for (const HotRule* rule = rules_begin; rule != rules_end; ++rule)
          d.rule_values.emplace_back(rule->id, eval.rule(*rule));
      }
      continue;
    }
    BlockedStep* blocker = nullptr;  // its entry, once one of its blocking rules holds
    bool own_unknown = false, wait = false;
    std::vector<RuleId> risks;  // warnings of medium or high likelihood here
    // A rule that holds or may hold (three-valued logic) at this step.
    auto take = [&](const HotRule& rule, Truth v) {
      switch (rule.effect) {
        case Effect::block:
          if (v == Truth::yes) {
            if (blocker == nullptr) blocker = &next_blocker(d.blockers, blockers_used, s, memory.spare);
            blocker->causes.push_back(finding(rule, v));
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
    };
    if (options.rule_values) {
      for (const HotRule* rule = rules_begin; rule != rules_end; ++rule) {
        Truth const v = eval.rule(*rule);
        d.rule_values.emplace_back(rule->id, v);
        if (v != Truth::no) {
          take(*rule, v);
          continue;
        }
        // False whatever the unknown facts turn out to be (three-valued logic), unless a
        // known(F) test is false only because F is not given yet: the rejection ranking
        // discounts such a rule's cause.
        const FactId* known = cc.known_fact_ids.data() + rule->known_begin;
        if (std::all_of(known, known + rule->known_count, [&](FactId f) { return profile.facts[f].known; }))
          d.ruled_out.push_back(rule->id);
      }
    } else {
      // Only the rules whose guards hold are evaluated, found 64 at a time without a branch
      // per rule: which guard is unknown is as good as random, and a guess missed costs more
      // than the test.
      for (const HotRule* word = rules_begin; word < rules_end; word += 64) {
        auto const n = static_cast<std::size_t>(std::min<std::ptrdiff_t>(64, rules_end - word));
        std::uint64_t hold = 0;
        for (std::size_t i = 0; i < n; ++i) hold |= std::uint64_t{eval.guards_hold(word[i])} << i;
        for (; hold != 0; hold &= hold - 1) {
          const HotRule& rule = word[std::countr_zero(hold)];
          Truth const v = eval.given_guards(rule);
          if (v != Truth::no) take(rule, v);
        }
      }
    }
    bool upstream_blocked = false, requirements_done = true;
    for (std::uint32_t e = scope.require_begin[at]; e < scope.require_begin[at + 1]; ++e) {
      StepStatus const req_status = d.status[scope.steps[scope.requires_at[e]]];
      upstream_blocked |= req_status == StepStatus::blocked;
      requirements_done &= req_status == StepStatus::done;
    }
    if (blocker != nullptr) {
      ++blockers_used;
      blocker->root = !upstream_blocked;
    }
    if (blocker != nullptr || upstream_blocked) {
      d.status[s] = StepStatus::blocked;
      reach.blocked(scope, d.status, at, blocker != nullptr && blocker->root ? blocker : nullptr, d.blockers);
    } else if (own_unknown) {
      d.status[s] = StepStatus::undetermined;
    } else if (wait) {
      d.status[s] = StepStatus::waiting;
    } else {
      d.status[s] = requirements_done ? StepStatus::ready : StepStatus::pending;
    }
    if (d.status[s] == StepStatus::ready) {
      if (!risks.empty() && commits(model.steps()[s]))
        d.held.push_back({s, std::move(risks)});
      else
        d.next_steps.push_back(s);
    }
  }
  while (d.blockers.size() > blockers_used) {
    memory.spare.push_back(std::move(d.blockers.back()));
    d.blockers.pop_back();
  }
  roots_first(d.blockers);

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
