// Diagnosing a profile: which steps are blocked and why, what information is missing, and
// what to do next. The result is plain data; tools render it as text or JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine {

enum class StepStatus {
  done,          // listed as done, or its `done when` holds
  ready,         // every requirement done, nothing blocks: the applicant can act now
  pending,       // some requirement is not done yet, nothing blocks
  blocked,       // a blocking rule holds here or on a step it requires
  waiting,       // in an outside actor's hands (a review, an SMS)
  undetermined,  // a blocking rule is unknown: facts are missing
};

std::string_view to_string(StepStatus s);

// A term of a list found in a fact's text.
struct TermMatch {
  std::string list;
  std::string term;         // as the KB writes it
  std::string matched;      // the applicant's text that matched
  std::uint32_t begin = 0;  // byte range in the fact's original text
  std::uint32_t end = 0;
};

// One fact a conclusion rests on. `fact` and `test` view strings owned by the Model, which
// must outlive the diagnosis (as for every id in it); copying them made up a large share of
// a diagnosis's cost.
// For a `done(STEP)` test, `fact` is "done" and `value` the step's name; `outcome` says
// whether it is done.
struct Evidence {
  std::string_view fact;
  std::string value;      // as the KB would write it; "unknown" when not given
  std::string_view test;  // the part of the condition it answered, e.g. `name contains_any commercial_words`
  Truth outcome = Truth::yes;
  bool known = true;  // the fact has a value
  std::optional<TermMatch> match;
};

// A rule that fired (or could not be decided).
struct Finding {
  RuleId rule = kNone;
  CauseId cause = kNone;
  StepId step = kNone;
  Effect effect = Effect::block;  // the rule's, as an answer needs it without the rule's record
  Truth value = Truth::yes;
  std::vector<Evidence> evidence;
};

struct BlockedStep {
  StepId step = kNone;
  bool root = false;            // none of the steps it requires is blocked
  std::vector<Finding> causes;  // its own blocking rules that hold
  std::vector<StepId> blocks;   // steps in scope that cannot proceed because of it (roots only)
};

// A step the applicant could take now but should not yet: taking it commits them (money that
// is not refunded, or a step that cannot be undone) while a warning of at least medium
// likelihood stands at it. The fixes of those warnings come first.
struct HeldStep {
  StepId step = kNone;
  std::vector<RuleId> risks;  // the standing warnings, in rule order
};

// Whether taking a step commits the applicant: it cannot be undone, or it costs money that a
// failure does not return.
inline bool commits(const StepInfo& step) {
  return step.irreversible || (step.cost && !step.cost->refundable && step.cost->amount > 0);
}

struct NeededFact {
  FactId fact = kNone;
  std::vector<RuleId> rules;  // the undecided rules it would decide
  // The fact has a value, but a region the KB cannot place in a province ("火星"): that
  // value, and the question is which province it is in. Empty when the fact has no value.
  std::string unplaced;
  std::vector<std::string> did_you_mean;  // division names close to `unplaced` (at most three)
};

struct Diagnosis {
  StepId target = kNone;
  Verdict verdict = Verdict::clear;
  std::vector<StepStatus> status;     // by StepId (meaningful where in_scope)
  std::vector<bool> in_scope;         // the target and everything it requires
  std::vector<StepId> scope;          // the same steps, in topological order
  std::vector<BlockedStep> blockers;  // roots first, each group in topological order
  std::vector<Finding> warnings;
  std::vector<Finding> waiting;
  std::vector<Finding> undetermined;
  std::vector<NeededFact> needs_info;
  std::vector<StepId> next_steps;  // ready steps, in topological order, except held ones
  std::vector<HeldStep> held;      // ready steps held back by a risk (see HeldStep)
  // Every rule evaluated, in scope order (empty unless DiagnoseOptions::rule_values).
  std::vector<std::pair<RuleId, Truth>> rule_values;
  // Rules false whatever the facts still unknown turn out to be (no known(F) test waiting on
  // an unknown F): their causes do not fit this applicant (also only with rule_values).
  std::vector<RuleId> ruled_out;
};

struct DiagnoseOptions {
  std::optional<StepId> target;  // default: every goal of the KB (the first one is reported as the target)
  bool evidence = true;          // collect evidence for findings (costs a second, traced pass)
  bool needs_info = true;        // list the facts that would decide the undetermined rules
  // Fill rule_values and ruled_out: what the rejection ranking, the interview, plans and
  // scenarios read; an answer without any of them (the batch, most lines) can leave them out.
  bool rule_values = true;
};

class Scratch;

Diagnosis diagnose(const Model& model, const Profile& profile, const DiagnoseOptions& options = {});
// The same into an existing diagnosis, reusing its storage (for loops over many profiles), and
// with the working memory of `scratch` when one is lent (scratch.hpp).
void diagnose(const Model& model, const Profile& profile, const DiagnoseOptions& options, Diagnosis& into,
              Scratch* scratch = nullptr);

}  // namespace mpadvisor::engine
