// The repair actions the KB offers against a diagnosis: each fix with machine-readable
// changes, and each option of an alternatives set a standing rule reads. Two fixes that make
// the same change are one action (renaming resolves every naming cause at once).
#include <algorithm>
#include <map>

#include "evaluator.hpp"
#include "mpadvisor/engine/calendar.hpp"
#include "plan/planner_detail.hpp"

namespace mpadvisor::engine::plan_detail {
namespace {

ActionCost cost_of(const Model& model, std::int64_t as_of, const std::optional<Cost>& cost,
                   const std::optional<Duration>& duration) {
  ActionCost out;
  if (cost) {
    out.cny = cost->amount;
    out.per_attempt = cost->per_attempt;
    out.per_year = cost->per_year;
    out.refundable = cost->refundable;
  }
  out.days_min = days_of(model, as_of, duration, false);
  out.days_max = days_of(model, as_of, duration, true);
  return out;
}

// What two candidates change, as one comparable text: equal texts are the same action.
std::string signature(const Model& model, const std::vector<Edit>& edits) {
  std::string out;
  for (const Edit& e : edits) {
    out += std::to_string(e.fact) + ":" + std::to_string(static_cast<int>(e.op)) + ":" +
           (e.op == ChangeOp::assign ? command_line_value(model, e.fact, e.value) : e.item) + ";";
  }
  return out;
}

}  // namespace

double days_of(const Model& model, std::int64_t from, const std::optional<Duration>& d, bool high) {
  if (!d) return 0;
  return static_cast<double>(add_time(model.calendar(), from, high ? d->high : d->low) - from) / 86400.0;
}

std::vector<Candidate> repair_candidates(const Model& model, const Profile& profile, const std::vector<bool>& frozen,
                                         const std::vector<RuleId>& findings, std::vector<CauseId>& guarded) {
  std::vector<CauseId> causes;  // in the order of the findings, each once
  std::vector<bool> read(model.facts().size(), false);
  for (RuleId r : findings) {
    CauseId const c = model.rules()[r].cause;
    if (std::find(causes.begin(), causes.end(), c) == causes.end()) causes.push_back(c);
    for (FactId f : model.conditions().facts_of[model.rules()[r].condition]) read[f] = true;
  }

  std::vector<Candidate> out;
  std::map<std::string, std::size_t> by_signature;
  auto add = [&](Candidate c) {
    std::string const key = signature(model, c.edits);
    if (auto it = by_signature.find(key); it != by_signature.end()) {
      // The same change written twice (a fix and an option, say): one action, priced at the
      // dearer of the two so the plan does not promise more than either says.
      Action& kept = out[it->second].action;
      if (c.action.cause != kNone) kept.also_fixes.push_back(c.action.cause);
      kept.cost.cny = std::max(kept.cost.cny, c.action.cost.cny);
      kept.cost.days_min = std::max(kept.cost.days_min, c.action.cost.days_min);
      kept.cost.days_max = std::max(kept.cost.days_max, c.action.cost.days_max);
      return;
    }
    for (const Edit& e : c.edits) c.touches.push_back(e.fact);
    std::sort(c.touches.begin(), c.touches.end());
    c.touches.erase(std::unique(c.touches.begin(), c.touches.end()), c.touches.end());
    by_signature.emplace(key, out.size());
    out.push_back(std::move(c));
  };

  Profile trial = profile;  // where literal values are turned into fact values
  Evaluator guard_eval(model, profile);
  for (CauseId cause : causes) {
    const CauseInfo& info = model.causes()[cause];
    for (std::uint32_t i = 0; i < info.fixes.size(); ++i) {
      const Fix& fix = info.fixes[i];
      if (fix.changes.empty()) continue;
      bool const touches_frozen =
          std::any_of(fix.changes.begin(), fix.changes.end(), [&](const FactChange& ch) { return frozen[ch.fact]; });
      if (touches_frozen) continue;
      if (fix.guard >= 0 && guard_eval.condition(static_cast<std::uint32_t>(fix.guard)) == Truth::no) {
        guarded.push_back(cause);
        continue;
      }
      Candidate c;
      c.action.kind = ActionKind::fix;
      c.action.id = info.name + "#" + std::to_string(i + 1);
      c.action.cause = cause;
      c.action.fix = i;
      c.action.cost = cost_of(model, profile.as_of, fix.cost, fix.duration);
      c.action.irreversible = fix.irreversible;
      bool usable = true;
      for (const FactChange& ch : fix.changes) {
        Edit e;
        e.fact = ch.fact;
        e.op = ch.op;
        PlannedChange planned;
        planned.fact = ch.fact;
        planned.op = ch.op;
        switch (ch.op) {
          case ChangeOp::assign:
            set_fact(model, trial, ch.fact, ch.value);
            e.value = trial.facts[ch.fact];
            planned.value = command_line_value(model, ch.fact, e.value);
            break;
          case ChangeOp::suggest: {
            planned.suggestions = suggest_values(model, profile, ch, 3);
            if (planned.suggestions.empty()) {
              usable = false;  // no value passes the rules: nothing to offer
              break;
            }
            set_fact_from_text(model, trial, ch.fact, planned.suggestions.front());
            e.op = planned.op = ChangeOp::assign;
            e.value = trial.facts[ch.fact];
            planned.value = planned.suggestions.front();
            break;
          }
          case ChangeOp::add:
          case ChangeOp::remove:
            e.item = planned.value = ch.value.text;
            break;
          case ChangeOp::unset:
            break;
        }
        if (!usable) break;
        c.edits.push_back(std::move(e));
        c.action.changes.push_back(std::move(planned));
      }
      trial.facts = profile.facts;  // forget the values made above
      if (usable) add(std::move(c));
    }
  }

  for (std::uint32_t a = 0; a < model.alternatives().size(); ++a) {
    const AlternativesInfo& alt = model.alternatives()[a];
    if (frozen[alt.fact] || !read[alt.fact]) continue;
    const FactValue& held = profile.facts[alt.fact];
    for (std::uint32_t o = 0; o < alt.options.size(); ++o) {
      const OptionInfo& option = alt.options[o];
      if (held.known && std::find(held.list.begin(), held.list.end(), option.name) != held.list.end()) continue;
      Candidate c;
      c.action.kind = ActionKind::option;
      c.action.id = alt.name + "." + option.name;
      c.action.alternatives = a;
      c.action.option = o;
      c.action.cost = cost_of(model, profile.as_of, option.cost, option.duration);
      c.edits.push_back({alt.fact, ChangeOp::add, {}, option.name});
      c.action.changes.push_back({alt.fact, ChangeOp::add, option.name, {}});
      add(std::move(c));
    }
  }
  std::sort(guarded.begin(), guarded.end());
  guarded.erase(std::unique(guarded.begin(), guarded.end()), guarded.end());
  return out;
}

}  // namespace mpadvisor::engine::plan_detail
