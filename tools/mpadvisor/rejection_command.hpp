// `diagnose PROFILE --rejection MESSAGE`: rank the causes that explain a rejection. Without
// --rejection, `diagnose` also ranks the profile's latest rejection, briefly.
#pragma once

#include <string>

#include "cli_context.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "render.hpp"

namespace mpadvisor::cli {

int run_rejection(const GlobalOptions& g, const engine::Model& model, const engine::Profile& profile,
                  const engine::Diagnosis& diagnosis, const std::string& message, const std::string& stage, int limit,
                  const RenderOptions& render);

// The profile's latest rejection (the last one listed), ranked from the KB's message patterns
// and the rules that fire on the profile; the case base is not opened. The renderers show the
// first kLatestRejectionCauses causes.
inline constexpr std::size_t kLatestRejectionCauses = 3;
engine::RejectionRanking rank_latest_rejection(const engine::Model& model, const engine::Diagnosis& diagnosis,
                                               const engine::Rejection& rejection);
Json latest_rejection_json(const engine::Model& model, const engine::Rejection& rejection,
                           const engine::RejectionRanking& ranking, const RenderOptions& render);
std::string latest_rejection_text(const engine::Model& model, const engine::Rejection& rejection,
                                  const engine::RejectionRanking& ranking, const RenderOptions& render);

}  // namespace mpadvisor::cli
