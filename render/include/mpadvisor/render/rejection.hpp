// Why was I rejected: the causes ranked for a rejection message, each with its evidence and
// fixes, and the similar past cases from the case base.
#pragma once

#include <optional>
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

// Fills report.ranking from report.message and the report's similar cases, which vote for
// their labelled causes. Cases that share nothing with the message (score 0 or less) are
// dropped first: they are neither shown nor counted.
void rank_report(const engine::Model& model, const engine::Diagnosis& diagnosis,
                 const std::optional<engine::StepId>& stage, RejectionReport& report);

// "Title [id] — strong (50%)", with the tie spelled out: one ranked cause's headline.
std::string ranked_cause_headline(const engine::Model& model, const engine::RankedCause& cause, engine::Lang lang);
std::string_view strength_text(engine::Strength strength, engine::Lang lang);

std::string rejection_text(const engine::Model& model, const RejectionReport& report, const Options& options);
// The rejection part of `diagnose --rejection --format json` (the diagnosis is added beside it).
Json rejection_json(const engine::Model& model, const RejectionReport& report, const Options& options);

}  // namespace mpadvisor::render
