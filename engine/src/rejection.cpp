#include "mpadvisor/engine/rejection.hpp"

#include <unicode/regex.h>

#include <algorithm>
#include <map>

#include "compiled.hpp"
#include "mpadvisor/engine/normalize.hpp"

namespace mpadvisor::engine {

std::string_view to_string(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::pattern: return "pattern";
    case EvidenceKind::rule: return "rule";
    case EvidenceKind::similar_case: return "similar_case";
  }
  return "";
}

std::vector<std::pair<CauseId, std::string>> matching_patterns(const Model& model, std::string_view message) {
  std::vector<std::pair<CauseId, std::string>> out;
  const MatchTables& t = model.match_tables();
  // Patterns are tried on the message as written and on its normalised form, so full-width
  // letters, spaces inside Chinese words and Traditional characters do not hide a match.
  icu::UnicodeString const raw = icu::UnicodeString::fromUTF8(icu::StringPiece(message.data(), static_cast<int32_t>(message.size())));
  icu::UnicodeString const normalized = icu::UnicodeString::fromUTF8(normalize(message).text);
  for (const CompiledPattern& p : t.patterns) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(p.regex->matcher(raw, status));
    bool hit = U_SUCCESS(status) && m->find(status);
    if (!hit) {
      status = U_ZERO_ERROR;
      m->reset(normalized);
      hit = m->find(status) && U_SUCCESS(status);
    }
    if (hit && (out.empty() || out.back().first != p.cause)) out.emplace_back(p.cause, p.source);
  }
  return out;
}

RejectionRanking rank_rejection(const Model& model, const Diagnosis& d, std::string_view message,
                                const std::optional<StepId>& stage, const std::vector<SimilarCaseInput>& similar,
                                const RankingWeights& w) {
  std::map<CauseId, RankedCause> by_cause;
  auto entry = [&](CauseId c) -> RankedCause& {
    RankedCause& r = by_cause[c];
    r.cause = c;
    return r;
  };
  for (const auto& [cause, pattern] : matching_patterns(model, message)) {
    entry(cause).evidence.push_back({EvidenceKind::pattern, pattern, w.pattern});
  }
  // A blocking rule that holds is strong support; a warning or an undecided rule less so.
  auto rule_support = [&](const std::vector<Finding>& findings, double factor) {
    for (const Finding& f : findings) {
      RankedCause& r = entry(f.cause);
      bool const seen = std::any_of(r.evidence.begin(), r.evidence.end(), [](const CauseEvidence& e) { return e.kind == EvidenceKind::rule; });
      if (!seen) r.evidence.push_back({EvidenceKind::rule, model.rules()[f.rule].name, w.rule * factor});
    }
  };
  for (const BlockedStep& b : d.blockers) rule_support(b.causes, 1.0);
  rule_support(d.warnings, 0.6);
  rule_support(d.undetermined, 0.3);
  // Similar cases vote for their labelled causes, nearer cases more (1, 1/2, 1/3, …).
  double total_vote = 0;
  for (std::size_t i = 0; i < similar.size(); ++i) {
    if (!similar[i].causes.empty()) total_vote += 1.0 / static_cast<double>(i + 1);
  }
  for (std::size_t i = 0; i < similar.size() && total_vote > 0; ++i) {
    for (const std::string& name : similar[i].causes) {
      auto c = model.find_cause(name);
      if (!c) continue;  // a label from another KB version
      // Built with append: GCC 12's -Wrestrict misfires on "#" + std::to_string(…).
      std::string id = "#";
      id.append(std::to_string(similar[i].id));
      entry(*c).evidence.push_back({EvidenceKind::similar_case, std::move(id),
                                    w.similar_case / static_cast<double>(i + 1) / total_vote});
    }
  }
  RejectionRanking out;
  for (auto& [cause, r] : by_cause) {
    // Pattern and rule evidence have no message-only counterpart, so only the strongest
    // piece of each kind counts; case votes add up (they are shares of one vote).
    double pattern = 0, rule = 0, cases = 0;
    for (const CauseEvidence& e : r.evidence) {
      if (e.kind == EvidenceKind::pattern) pattern = std::max(pattern, e.weight);
      else if (e.kind == EvidenceKind::rule) rule = std::max(rule, e.weight);
      else cases += e.weight;
    }
    double score = pattern + rule + cases;
    // A cause the platform reports at another stage is less likely to explain this message.
    StepId const reported = model.causes()[cause].stage;
    if (stage && reported != kNone && reported != *stage) score *= 0.7;
    r.confidence = std::min(1.0, score);
    out.causes.push_back(std::move(r));
  }
  std::sort(out.causes.begin(), out.causes.end(), [&](const RankedCause& a, const RankedCause& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return model.causes()[a.cause].name < model.causes()[b.cause].name;
  });
  return out;
}

}  // namespace mpadvisor::engine
