// Why was I rejected: the causes ranked for a rejection message, each with its evidence and
// fixes, and the similar past cases from the case base.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/casebase/store.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

struct RejectionReport {
  std::string message;
  std::string stage;  // the step the rejection came from, or empty
  engine::RejectionRanking ranking;
  std::vector<casebase::SimilarCase> similar;
};

std::string rejection_text(const engine::Model& model, const RejectionReport& report, const Options& options);
// The rejection part of `diagnose --rejection --format json` (the diagnosis is added beside it).
Json rejection_json(const engine::Model& model, const RejectionReport& report, const Options& options);

}  // namespace mpadvisor::render
