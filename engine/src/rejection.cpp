#include "mpadvisor/engine/rejection.hpp"

#include <unicode/regex.h>

#include <algorithm>
#include <map>

#include "compiled.hpp"
#include "mpadvisor/engine/normalize.hpp"

namespace mpadvisor::engine {

std::string_view to_string(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::pattern:
      return "pattern";
    case EvidenceKind::rule:
      return "rule";
    case EvidenceKind::similar_case:
      return "similar_case";
  }
  return "";
}

namespace {

// Matchers are costly to create; each thread keeps one per pattern of the model it last used.
std::vector<std::unique_ptr<icu::RegexMatcher>>& matchers_for(const MatchTables& t) {
  thread_local std::uint64_t instance = 0;
  thread_local std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;
  if (instance != t.instance) {
    matchers.clear();
    for (const CompiledPattern& p : t.patterns) {
      UErrorCode status = U_ZERO_ERROR;
      matchers.emplace_back(p.regex->matcher(status));
      if (U_FAILURE(status)) matchers.back().reset();
    }
    instance = t.instance;
  }
  return matchers;
}

}  // namespace

std::vector<std::pair<CauseId, std::string>> matching_patterns(const Model& model, std::string_view message) {
  std::vector<std::pair<CauseId, std::string>> out;
  const MatchTables& t = model.match_tables();
  // Patterns are matched against the normalised message (docs/dsl.md), so full-width letters,
  // punctuation, spaces inside Chinese words and Traditional characters do not hide a match.
  std::string const normalized_text = normalize(message).text;
  icu::UnicodeString const normalized = icu::UnicodeString::fromUTF8(normalized_text);
  // Which required texts the message contains; a pattern is worth trying when one of its
  // alternatives has all its requirements met.
  std::vector<bool> present(t.required_texts.size(), false);
  for (const TermHit& hit : t.required_texts.find_all(normalized_text)) present[hit.term] = true;
  auto possible = [&](const CompiledPattern& p) {
    return std::any_of(p.required.begin(), p.required.end(), [&](const auto& branch) {
      return std::all_of(branch.begin(), branch.end(), [&](const std::vector<std::uint32_t>& any_of) {
        return std::any_of(any_of.begin(), any_of.end(), [&](std::uint32_t id) { return present[id]; });
      });
    });
  };
  auto& matchers = matchers_for(t);
  for (std::size_t i = 0; i < t.patterns.size(); ++i) {
    const CompiledPattern& p = t.patterns[i];
    if (!matchers[i] || !possible(p)) continue;
    if (!out.empty() && out.back().first == p.cause) continue;
    icu::RegexMatcher& m = *matchers[i];
    UErrorCode status = U_ZERO_ERROR;
    m.reset(normalized);
    if (m.find(status) && U_SUCCESS(status)) out.emplace_back(p.cause, p.source);
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
      bool const seen = std::any_of(r.evidence.begin(), r.evidence.end(),
                                    [](const CauseEvidence& e) { return e.kind == EvidenceKind::rule; });
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
      entry(*c).evidence.push_back(
          {EvidenceKind::similar_case, std::move(id), w.similar_case / static_cast<double>(i + 1) / total_vote});
    }
  }
  RejectionRanking out;
  for (auto& [cause, r] : by_cause) {
    // Pattern and rule evidence have no message-only counterpart, so only the strongest
    // piece of each kind counts; case votes add up (they are shares of one vote).
    double pattern = 0, rule = 0, cases = 0;
    for (const CauseEvidence& e : r.evidence) {
      if (e.kind == EvidenceKind::pattern)
        pattern = std::max(pattern, e.weight);
      else if (e.kind == EvidenceKind::rule)
        rule = std::max(rule, e.weight);
      else
        cases += e.weight;
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
