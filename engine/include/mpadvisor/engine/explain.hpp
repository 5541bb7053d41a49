// Explanations: the proof tree of a rule's condition, every sub-condition with its value
// and the facts behind it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

struct ProofNode {
  std::string text;  // the sub-condition as the KB writes it
  Truth value = Truth::unknown;
  std::vector<ProofNode> children;
  std::vector<Evidence> facts;  // for a test: the facts it read
};

ProofNode prove_rule(const Model& model, const Profile& profile, RuleId rule);
ProofNode prove_done(const Model& model, const Profile& profile, StepId step);  // a step's `done when`
// The text of prove_done's node for a step done because the profile lists it, or lists a step
// that requires it (mark_done), rather than by a `done when` condition. The JSON shows it as
// written; the text output words it in the reader's language.
inline constexpr std::string_view kListedDone = "listed in the profile's done";

// For a rule that did not fire: the sub-conditions that were false or unknown, deepest first
// (the parts that would have to change for it to fire).
std::vector<const ProofNode*> failing_parts(const ProofNode& root);

}  // namespace mpadvisor::engine
