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
  double similarity = 0;  // higher is more similar (the case base's −bm25); 0 or less: not similar
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

// The confidence in words, as applicants read it (the thresholds are in RankingWeights; `kb
// eval` reports how often each word was right on the published set).
enum class Strength : std::uint8_t { strong, possible, weak };
std::string_view to_string(Strength s);

struct RankedCause {
  CauseId cause = kNone;
  double confidence = 0;  // 0..1
  Strength strength = Strength::weak;
  // 1-based, shared by causes the evidence cannot tell apart ("1, 1, 3"); `tied` marks them.
  std::uint32_t rank = 0;
  bool tied = false;
  std::vector<CauseEvidence> evidence;
};

// A cause that only an undecided rule points at: it may be the reason if the facts that would
// decide the rule turn out so. Such causes are kept out of the ranking, where they would
// crowd out the causes the message itself speaks of.
struct ConditionalCause {
  CauseId cause = kNone;
  RuleId rule = kNone;
  std::vector<FactId> facts;  // what the applicant could tell to decide it, in fact order
};

struct RejectionRanking {
  // Most likely first. Equal confidences are ordered by evidence: a rule that holds before one
  // that is unknown or false, then a cause reported at the message's own step, then the more
  // specific pattern (PatternMatch). Causes still equal share a rank, in cause-name order.
  std::vector<RankedCause> causes;
  std::vector<ConditionalCause> also_possible;  // in rule order
  // The stage (the part of a step's name before its last dot) the message was judged to come
  // from: the given step's, else the one every matching pattern's cause agrees on; empty when
  // neither says. Rules of other stages are not candidates.
  std::string stage;
};

// Weights of the three kinds of evidence (they add up to 1), and how the ranking uses them.
struct RankingWeights {
  double pattern = 0.5, rule = 0.3, similar_case = 0.2;
  // The share of a pattern's weight kept by a cause whose rules are all false for the profile.
  double ruled_out_factor = 0.3;
  // The share kept by a cause the platform reports at another stage than the message's.
  double other_stage_factor = 0.7;
  // Similar cases vote only when their similarity exceeds this, and reaches this share of the
  // most similar case's; one case alone carries at most half of the case vote.
  double similar_floor = 1.0, similar_relative_floor = 0.5;
  // Confidence at or above these reads "strong", "possible"; below, "weak".
  double strong_at = 0.5, possible_at = 0.25;
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

// The causes whose message patterns match, the first matching pattern of each (used by
// rank_rejection, and by tools that only have a message). The pattern texts view the Model.
struct PatternMatch {
  CauseId cause = kNone;
  std::string_view pattern;  // as written in the KB
  // How much text the pattern needs: the fewest code points of literal text any match holds.
  // Of two causes the message fits equally, the one whose pattern asks for more is the
  // more specific.
  std::uint32_t specificity = 0;
  friend bool operator==(const PatternMatch&, const PatternMatch&) = default;
};
std::vector<PatternMatch> matching_patterns(const Model& model, std::string_view message, Scratch* scratch = nullptr);

}  // namespace mpadvisor::engine
