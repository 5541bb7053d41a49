// Rendering engine results for people (text, optionally coloured) and for programs (JSON,
// see docs/json.md). One module serves every command that shows a diagnosis.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/whatif.hpp"

namespace mpadvisor::cli {

struct RenderOptions {
  engine::Lang lang = engine::Lang::en;
  bool colour = false;
  bool explain = false;  // add the author's trace: rule names, KB file and line, conditions
};

using Json = nlohmann::ordered_json;

std::string diagnosis_text(const engine::Model& model, const engine::Diagnosis& d, const RenderOptions& options);
Json diagnosis_json(const engine::Model& model, const engine::Diagnosis& d, const RenderOptions& options);

Json finding_json(const engine::Model& model, const engine::Finding& f, const RenderOptions& options);
std::string finding_text(const engine::Model& model, const engine::Finding& f, const RenderOptions& options,
                         int indent);

std::string proof_text(const engine::ProofNode& proof, const RenderOptions& options);
Json proof_json(const engine::ProofNode& proof);

std::string whatif_text(const engine::Model& model, const engine::WhatIf& w, const RenderOptions& options);
Json whatif_json(const engine::Model& model, const engine::WhatIf& w, const RenderOptions& options);

}  // namespace mpadvisor::cli
