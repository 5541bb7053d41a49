// Explanations: why a rule fired or did not (its proof tree), why a step has its status, and
// what changing facts would change.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

// `why RULE` and `why-not RULE`.
struct RuleExplanation {
  engine::RuleId rule = engine::kNone;
  engine::ProofNode proof;
  bool why_not = false;  // also list the parts that were false or unknown
};
std::string rule_explanation_text(const engine::Model& model, const RuleExplanation& e, const Options& options);
Json rule_explanation_json(const engine::Model& model, const RuleExplanation& e, const Options& options);

// `why STEP`: its status in a diagnosis toward it, the proof of its `done when` if it is
// done, and the proof of every rule that blocks or could block it.
struct StepExplanation {
  engine::StepId step = engine::kNone;
  engine::Diagnosis diagnosis;
  std::optional<engine::ProofNode> done_proof;
  std::vector<std::pair<engine::RuleId, engine::ProofNode>> proofs;
};
std::string step_explanation_text(const engine::Model& model, const StepExplanation& e, const Options& options);
Json step_explanation_json(const engine::Model& model, const StepExplanation& e, const Options& options);

std::string proof_text(const engine::ProofNode& proof, const Options& options);
Json proof_json(const engine::ProofNode& proof);

std::string whatif_text(const engine::Model& model, const engine::WhatIf& w, const Options& options);
Json whatif_json(const engine::Model& model, const engine::WhatIf& w, const Options& options);

}  // namespace mpadvisor::render
