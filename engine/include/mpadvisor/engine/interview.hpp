// The question engine of the interview: which fact to ask next, so that the applicant answers
// only what can still change the answer, most useful first. Pure and stateless: the caller
// holds the answers (a profile) and the facts the applicant chose to skip.
//
// A fact is asked only when it is unknown, not derived, not skipped, and read by a rule of the
// target's scope that is still undecided (its condition is unknown). Rules that decide the
// verdict come first: blocking rules at steps no blocked step holds up. Once none of those
// is left the verdict and the root blockers are settled: no answer to the remaining facts can
// change them, because three-valued evaluation never turns a decided rule around. Warnings
// (and waits) may still be asked about after that.
#pragma once

#include <optional>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

enum class QuestionPriority { blocking, warning };

struct Question {
  FactId fact = kNone;
  QuestionPriority priority = QuestionPriority::blocking;
  std::vector<RuleId> rules;      // the undecided rules an answer could decide: why it is asked
  std::vector<StepId> steps;      // their steps, in topological order
  std::vector<StepId> done_when;  // steps whose `done when` the answer could settle
  double score = 0;               // value of the answer per unit of effort (higher first)
};

struct InterviewOptions {
  std::optional<StepId> target;  // default: every goal
  std::vector<FactId> skipped;   // facts the applicant said they do not know
  std::optional<FactId> prefer;  // ask this fact next if it is still worth asking (an answer being edited)
  bool warnings = true;          // go on to undecided warnings once the verdict is settled
  // By CauseId: how often each cause occurred (e.g. from the case base); empty means equal.
  std::vector<double> cause_weights;
};

struct InterviewState {
  // No answer to the facts still askable can change the verdict or the root blockers.
  bool settled = false;
  std::optional<Question> next;   // nothing more worth asking when empty
  std::size_t remaining_max = 0;  // at most this many more questions (the askable facts)
  std::vector<FactId> assumed;    // skipped facts that undecided blocking rules still read
};

InterviewState next_question(const Model& model, const Profile& profile, const InterviewOptions& options = {});

// Every fact worth asking now (the candidates next_question chooses from), in declaration
// order: unknown, askable, read by an undecided rule that still matters. Facts outside this
// set cannot change the verdict or the root blockers, whatever their answer.
std::vector<FactId> relevant_facts(const Model& model, const Profile& profile, const InterviewOptions& options = {});

// The values an answer to `fact` could take that make a difference to the KB's conditions:
// each enum value, true and false, the thresholds numbers are compared with, a text with a
// term of each list it is searched for, … (used to weigh questions; also by tests).
std::vector<FactValue> telling_answers(const Model& model, FactId fact, std::int64_t as_of);

}  // namespace mpadvisor::engine
