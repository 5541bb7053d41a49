// `kb eval`: the rejection ranking's accuracy on the labelled set, as text or JSON
// (docs/json.md), with every entry whose right cause was not first.
#pragma once

#include <string>

#include "mpadvisor/engine/evaluation.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

std::string eval_text(const engine::Model& model, const engine::EvalReport& report, const Options& options);
Json eval_json(const engine::Model& model, const engine::EvalReport& report);

// "first 51 (85%)" style shares, for the summary and the threshold message.
std::string share(std::size_t part, std::size_t whole);

}  // namespace mpadvisor::render
