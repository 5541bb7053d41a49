// Choosing the next question: the relevant facts (unknown, askable, and able to change a
// condition that still matters), each weighed by what an answer is sure to settle, per unit
// of effort.
//
// Three-valued evaluation is monotone: a decided condition stays decided whatever the unknown
// facts turn out to be, with two exceptions the interview watches: known(F), false now and
// true once F is answered, and a step's `done when`, which can make a step done and so take
// away the blockers there (and the hold they have on the steps after it).
#include "mpadvisor/engine/interview.hpp"

#include <algorithm>

#include "compiled.hpp"
#include "evaluator.hpp"

namespace mpadvisor::engine {
namespace {

// How much effort an answer takes: a yes/no is quicker than a choice, a choice quicker than
// typing a date, a date quicker than writing a name or a description.
double effort(FactType type) {
  switch (type) {
    case FactType::boolean:
      return 1.0;
    case FactType::enumeration:
      return 1.5;
    case FactType::enum_set:
    case FactType::number:
      return 2.0;
    case FactType::date:
    case FactType::datetime:
      return 2.5;
    case FactType::text:
    case FactType::text_list:
      return 3.0;
  }
  return 3.0;
}

// A blocking rule or a `done when` decides the verdict; a warning or a wait only adds to it.
constexpr double kBlockingWeight = 3.0, kWarningWeight = 1.0;

// One condition an answer could settle: a rule's, or a step's `done when` (rule == kNone).
struct Item {
  std::uint32_t condition = 0;
  RuleId rule = kNone;
  StepId step = kNone;
  bool blocking = true;
};

struct Candidate {
  FactId fact = kNone;
  std::vector<Item> items;  // the unsettled conditions that read it
  bool decides_verdict() const {
    return std::any_of(items.begin(), items.end(), [](const Item& i) { return i.blocking; });
  }
};

struct Candidates {
  bool no_target = false;
  std::vector<Candidate> by_fact;  // by FactId; fact == kNone where not relevant
  std::vector<FactId> assumed;     // skipped facts that verdict-deciding conditions still read
};

// The facts whose answer could still change a condition: all its unknown facts when it is
// undecided, and the unknown facts it tests with known() even when it is decided.
std::vector<FactId> unsettled_facts(const Model& model, const Profile& profile, std::uint32_t condition, Truth value) {
  const CompiledConditions& cc = model.conditions();
  std::vector<FactId> out;
  auto add = [&](FactId f) {
    if (!profile.facts[f].known && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  if (value == Truth::unknown) {
    for (FactId f : cc.facts_of[condition]) add(f);
  }
  for (FactId f : cc.known_facts_of[condition]) add(f);
  return out;
}

// Whether nothing unknown could change the condition any more (unsettled_facts is empty),
// without building the list: this is the inner loop of weighing a question.
bool settled(const Model& model, const Profile& profile, std::uint32_t condition, Truth value) {
  if (value == Truth::unknown) return false;
  for (FactId f : model.conditions().known_facts_of[condition]) {
    if (!profile.facts[f].known) return false;
  }
  return true;
}

Candidates candidates(const Model& model, const Profile& profile, const InterviewOptions& options) {
  Candidates out;
  DiagnoseOptions d_options;
  d_options.target = options.target;
  d_options.evidence = false;
  d_options.needs_info = false;
  Diagnosis const d = diagnose(model, profile, d_options);
  if (d.target == kNone) {
    out.no_target = true;
    return out;
  }
  out.by_fact.resize(model.facts().size());
  std::vector<bool> skipped(model.facts().size(), false);
  for (FactId f : options.skipped) skipped[f] = true;
  auto consider = [&](const std::vector<FactId>& facts, const Item& item) {
    for (FactId f : facts) {
      if (model.facts()[f].derived) continue;
      if (skipped[f]) {
        if (item.blocking && std::find(out.assumed.begin(), out.assumed.end(), f) == out.assumed.end())
          out.assumed.push_back(f);
        continue;
      }
      out.by_fact[f].fact = f;
      out.by_fact[f].items.push_back(item);
    }
  };

  Evaluator eval(model, profile);
  std::size_t const steps = model.steps().size();
  std::vector<Truth> value(model.rules().size(), Truth::unknown);
  for (auto [rule, v] : d.rule_values) value[rule] = v;

  // Which steps are blocked for good: no answer can make them done or take their block away.
  // A step behind one of those cannot become a root, so its own blocking rules cannot change
  // the verdict or the roots and are not asked about.
  std::vector<bool> stably_blocked(steps, false), behind(steps, false), may_be_done(steps, false);
  for (StepId s : model.topological_order()) {
    if (!d.in_scope[s] || profile.done[s]) continue;
    const StepInfo& step = model.steps()[s];
    if (step.done_when >= 0) {
      auto const when = static_cast<std::uint32_t>(step.done_when);
      std::vector<FactId> const facts = unsettled_facts(model, profile, when, eval.condition(when));
      may_be_done[s] = !facts.empty() && d.status[s] != StepStatus::done;
      consider(facts, {when, kNone, s, true});
    }
    for (StepId r : step.requires_) behind[s] = behind[s] || stably_blocked[r] || behind[r];
    if (d.status[s] == StepStatus::done || may_be_done[s]) continue;
    bool own = false;
    for (RuleId r : step.rules) {
      const RuleInfo& rule = model.rules()[r];
      own = own || (rule.effect == Effect::block && value[r] == Truth::yes &&
                    unsettled_facts(model, profile, rule.condition, Truth::yes).empty());
    }
    stably_blocked[s] = own || behind[s];
  }

  for (auto [rule, v] : d.rule_values) {
    const RuleInfo& info = model.rules()[rule];
    if (d.status[info.step] == StepStatus::done) continue;  // rules at a done step are no findings
    bool const blocking = info.effect == Effect::block;
    if (blocking && behind[info.step]) continue;
    if (!blocking && !options.warnings) continue;
    consider(unsettled_facts(model, profile, info.condition, v), {info.condition, rule, info.step, blocking});
  }
  std::sort(out.assumed.begin(), out.assumed.end());
  return out;
}

}  // namespace

std::vector<FactValue> telling_answers(const Model& model, FactId fact, std::int64_t as_of) {
  const InterviewTables& t = model.match_tables().interview.get();
  std::vector<FactValue> out = t.answers[fact];
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (t.relative[fact][i]) out[i].time += as_of;
  }
  return out;
}

std::vector<FactId> relevant_facts(const Model& model, const Profile& profile, const InterviewOptions& options) {
  std::vector<FactId> out;
  for (const Candidate& c : candidates(model, profile, options).by_fact) {
    if (c.fact != kNone) out.push_back(c.fact);
  }
  return out;
}

InterviewState next_question(const Model& model, const Profile& profile, const InterviewOptions& options) {
  InterviewState state;
  Candidates found = candidates(model, profile, options);
  if (found.no_target) {
    state.settled = true;
    return state;
  }
  state.assumed = std::move(found.assumed);
  bool any_blocking = false;
  for (const Candidate& c : found.by_fact) {
    if (c.fact == kNone) continue;
    ++state.remaining_max;
    any_blocking |= c.decides_verdict();
  }
  // Settled: nothing left that could change the verdict or the roots, asked or skipped.
  state.settled = !any_blocking && state.assumed.empty();
  if (state.remaining_max == 0) return state;

  // Weigh each candidate of the current priority by what its answer is sure to settle: the
  // conditions settled under its least telling answer (the worst case), with the average as a
  // small tie-breaker; per unit of effort. Ties go to the fact declared first.
  Profile trial = profile;
  keep_searchable_texts(model, trial);  // every trial reads them
  auto weight = [&](const Item& item) {
    double const base = item.blocking ? kBlockingWeight : kWarningWeight;
    if (item.rule == kNone) return base;
    CauseId const cause = model.rules()[item.rule].cause;
    return base * (cause < options.cause_weights.size() ? options.cause_weights[cause] : 1.0);
  };
  std::optional<Question> best;
  for (const Candidate& c : found.by_fact) {
    if (c.fact == kNone || (any_blocking && !c.decides_verdict())) continue;
    if (options.prefer && best && best->fact == *options.prefer) break;
    std::vector<Item> items;
    for (const Item& i : c.items) {
      if (i.blocking == any_blocking) items.push_back(i);
    }
    double worst = -1, total = 0;
    std::vector<FactValue> const answers = telling_answers(model, c.fact, profile.as_of);
    for (const FactValue& answer : answers) {
      trial.facts[c.fact] = answer;
      Evaluator eval(model, trial);
      double gained = 0;
      for (const Item& i : items) {
        if (settled(model, trial, i.condition, eval.condition(i.condition))) gained += weight(i);
      }
      worst = worst < 0 ? gained : std::min(worst, gained);
      total += gained;
    }
    trial.facts[c.fact] = profile.facts[c.fact];
    double const mean = answers.empty() ? 0 : total / static_cast<double>(answers.size());
    double const score = (std::max(worst, 0.0) + 0.1 * mean) / effort(model.facts()[c.fact].type);
    bool const preferred = options.prefer && c.fact == *options.prefer;
    if (best && score <= best->score && !preferred) continue;
    Question q;
    q.fact = c.fact;
    q.priority = any_blocking ? QuestionPriority::blocking : QuestionPriority::warning;
    for (const Item& i : items) {
      if (i.rule != kNone && std::find(q.rules.begin(), q.rules.end(), i.rule) == q.rules.end())
        q.rules.push_back(i.rule);
    }
    for (StepId s : model.topological_order()) {
      bool const used = std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.step == s; });
      if (used) q.steps.push_back(s);
      bool const done_when =
          std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.step == s && i.rule == kNone; });
      if (done_when) q.done_when.push_back(s);
    }
    q.score = score;
    best = std::move(q);
  }
  state.next = std::move(best);
  return state;
}

}  // namespace mpadvisor::engine
