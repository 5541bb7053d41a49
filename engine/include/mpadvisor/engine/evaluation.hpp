// The rejection ranking measured on labelled, published rejection messages (kb/eval/*.jsonl):
// how often the right cause comes first and within the first three, overall, by stage and
// by subject, and which entries it missed. This is how a KB maintainer sees that a change made
// the advisor better or worse (`mpadvisor kb eval`, docs/json.md).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/engine/rejection.hpp"

namespace mpadvisor::engine {

// One labelled message: what the source published and what it says about the applicant.
struct EvalEntry {
  std::string file;  // where it was read, for messages
  std::size_t line = 0;
  std::string id;
  std::string message;
  std::string source;   // the address it was published at
  std::string subject;  // personal, enterprise, individual_business, government, organisation, unknown
  std::optional<StepId> stage;
  Profile profile;                // the facts the source states, nothing more
  std::vector<CauseId> expected;  // any of them first counts as right
};

// A line that is not a valid entry: "FILE:LINE: what is wrong".
struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads JSON Lines of entries; blank lines are skipped. Throws EvalError on the first bad line.
std::vector<EvalEntry> read_eval_entries(const Model& model, std::string_view text, const std::string& file,
                                         std::int64_t now);

struct EvalOutcome {
  const EvalEntry* entry = nullptr;
  RejectionRanking ranking;
  Verdict verdict = Verdict::clear;  // the profile's own diagnosis
  int rank = 0;                      // the best rank of an expected cause (1-based); 0: not ranked
  // It shares that rank with a cause not expected: a tie at the top is not a right first answer.
  bool tied_with_wrong = false;
  bool top1() const { return rank == 1 && !tied_with_wrong; }
  bool top3() const { return rank >= 1 && rank <= 3; }
};

// How often the first cause was right when the ranking called its confidence strong,
// possible or weak: whether the words mean something.
struct StrengthTally {
  Strength strength = Strength::weak;
  std::size_t shown = 0, right = 0;
};

struct EvalTally {
  std::string key;  // "" overall, else the stage or subject
  std::size_t entries = 0, top1 = 0, top3 = 0, clear = 0;
};

struct EvalReport {
  std::vector<EvalOutcome> outcomes;  // in input order
  EvalTally overall;
  std::vector<EvalTally> by_stage;         // by stage name ("" for entries without one), sorted
  std::vector<EvalTally> by_subject;       // sorted
  std::vector<StrengthTally> reliability;  // strong, possible, weak
};

// Diagnoses each entry's profile and ranks its message (no similar cases: the set must not
// vote for itself).
EvalReport evaluate(const Model& model, const std::vector<EvalEntry>& entries);

}  // namespace mpadvisor::engine
