// `diagnose PROFILE --rejection MESSAGE`: rank the causes that explain a rejection.
#pragma once

#include <string>

#include "cli_context.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "render.hpp"

namespace mpadvisor::cli {

int run_rejection(const GlobalOptions& g, const engine::Model& model, const engine::Profile& profile,
                  const engine::Diagnosis& diagnosis, const std::string& message, const std::string& stage, int limit,
                  const RenderOptions& render);

}  // namespace mpadvisor::cli
