// Why was I rejected: rank the KB's causes against a rejection message using three kinds of
// evidence — the causes' message patterns, the rules that fire on the profile, and the
// labelled causes of similar past cases (supplied by the caller, e.g. from the case base).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

struct SimilarCaseInput {
  std::int64_t id = 0;
  double similarity = 0;  // higher is more similar; only the order matters
  std::vector<std::string> causes;
};

enum class EvidenceKind { pattern, rule, similar_case };
std::string_view to_string(EvidenceKind k);

// `detail` views the pattern or the rule name in the Model, which must outlive the ranking
// (as for every id in it).
struct CauseEvidence {
  EvidenceKind kind = EvidenceKind::pattern;
  std::string_view detail;   // the pattern or the rule name; empty for a similar case
  std::int64_t case_id = 0;  // the similar case
  double weight = 0;         // this evidence's share of the confidence
};

// The evidence as people read it: the pattern, the rule name, or "#" and the case id.
std::string describe(const CauseEvidence& e);

struct RankedCause {
  CauseId cause = kNone;
  double confidence = 0;  // 0..1
  std::vector<CauseEvidence> evidence;
};

struct RejectionRanking {
  std::vector<RankedCause> causes;  // most likely first; ties by cause name
};

// Weights of the three kinds of evidence (they add up to 1).
struct RankingWeights {
  double pattern = 0.5, rule = 0.3, similar_case = 0.2;
  // The share of a pattern's weight kept by a cause whose rules are all false for the profile.
  double ruled_out_factor = 0.3;
  bool keep_evidence = true;  // false: only the order and the confidences (case replay)
};

class Scratch;

// `scratch`, when given, keeps pattern matchers between calls on one thread (see scratch.hpp).
RejectionRanking rank_rejection(const Model& model, const Diagnosis& diagnosis, std::string_view message,
                                const std::optional<StepId>& stage, const std::vector<SimilarCaseInput>& similar,
                                const RankingWeights& weights = {}, Scratch* scratch = nullptr);

// The profile's latest rejection ranked without similar cases and without evidence: the
// short summary a plain diagnosis adds (its stage was checked when the profile was read).
RejectionRanking rank_latest_rejection(const Model& model, const Diagnosis& diagnosis, const Rejection& rejection);

// The causes whose message patterns match (used by rank_rejection, and by tools that only
// have a message).
// The pattern texts view the Model.
std::vector<std::pair<CauseId, std::string_view>> matching_patterns(const Model& model, std::string_view message,
                                                                    Scratch* scratch = nullptr);

}  // namespace mpadvisor::engine
