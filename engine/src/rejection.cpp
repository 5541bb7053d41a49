#include "mpadvisor/engine/rejection.hpp"

#include <unicode/regex.h>

#include <algorithm>
#include <optional>

#include "compiled.hpp"
#include "mpadvisor/engine/normalize.hpp"
#include "mpadvisor/engine/scratch.hpp"

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

// Matchers are costly to create, and not thread-safe: a Scratch keeps one per loosely
// planned pattern of the model it was last used with.
struct detail::PatternMatchers {
  std::uint64_t instance = 0;
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;

  icu::RegexMatcher* get(const MatchTables& t, std::uint32_t pattern) {
    if (instance != t.instance) {
      matchers.clear();
      for (const CompiledPattern& p : t.patterns) {
        UErrorCode status = U_ZERO_ERROR;
        matchers.emplace_back(p.regex ? p.regex->matcher(status) : nullptr);
        if (U_FAILURE(status)) matchers.back().reset();
      }
      instance = t.instance;
    }
    return matchers[pattern].get();
  }
};

Scratch::Scratch() : matchers_(std::make_unique<detail::PatternMatchers>()) {}
Scratch::~Scratch() = default;
Scratch::Scratch(Scratch&&) noexcept = default;
Scratch& Scratch::operator=(Scratch&&) noexcept = default;

std::string describe(const CauseEvidence& e) {
  if (e.kind != EvidenceKind::similar_case) return std::string(e.detail);
  // Built with append: GCC 12's -Wrestrict misfires on "#" + std::to_string(…).
  std::string id = "#";
  id.append(std::to_string(e.case_id));
  return id;
}

std::vector<std::pair<CauseId, std::string_view>> matching_patterns(const Model& model, std::string_view message,
                                                                    Scratch* scratch) {
  std::optional<Scratch> own;  // only made when a pattern needs ICU and the caller lent none
  std::vector<std::pair<CauseId, std::string_view>> out;
  const MatchTables& t = model.match_tables();
  // Patterns are matched against the normalised message (docs/dsl.md), so full-width letters,
  // punctuation, spaces inside Chinese words and Traditional characters do not hide a match.
  std::string const normalized = normalize_text(message);
  LiteralHits const hits(t.pattern_literals, normalized);
  std::optional<icu::UnicodeString> utf16;  // for the few patterns ICU decides
  for (std::uint32_t i : t.pattern_index.candidates(hits)) {
    const CompiledPattern& p = t.patterns[i];
    if (!out.empty() && out.back().first == p.cause) continue;
    if (!hits.matches(p.plan)) continue;
    if (!p.plan.exact) {
      if (!scratch) scratch = &own.emplace();
      icu::RegexMatcher* m = scratch->pattern_matchers().get(t, i);
      if (!m) continue;
      if (!utf16) utf16 = icu::UnicodeString::fromUTF8(normalized);
      UErrorCode status = U_ZERO_ERROR;
      m->reset(*utf16);
      if (!m->find(status) || U_FAILURE(status)) continue;
    }
    out.emplace_back(p.cause, p.source);
  }
  return out;
}

RejectionRanking rank_rejection(const Model& model, const Diagnosis& d, std::string_view message,
                                const std::optional<StepId>& stage, const std::vector<SimilarCaseInput>& similar,
                                const RankingWeights& w, Scratch* scratch) {
  // Pattern and rule evidence have no message-only counterpart, so only the strongest piece
  // of each kind counts; case votes add up (they are shares of one vote).
  struct Score {
    double pattern = 0, rule = 0, cases = 0;
    bool has_rule = false;
  };
  RejectionRanking out;
  std::vector<Score> scores;
  std::size_t const expected = d.blockers.size() + d.warnings.size() + d.undetermined.size() + 4;
  out.causes.reserve(expected);
  scores.reserve(expected);
  std::vector<std::uint32_t> slot(model.causes().size(), UINT32_MAX);  // cause → its entry in out
  auto add = [&](CauseId c, CauseEvidence e) {
    if (slot[c] == UINT32_MAX) {
      slot[c] = static_cast<std::uint32_t>(out.causes.size());
      out.causes.push_back({c, 0, {}});
      scores.emplace_back();
    }
    Score& score = scores[slot[c]];
    switch (e.kind) {
      case EvidenceKind::pattern:
        score.pattern = std::max(score.pattern, e.weight);
        break;
      case EvidenceKind::rule:
        if (score.has_rule) return;  // the first (strongest) rule speaks for the cause
        score.rule = e.weight;
        score.has_rule = true;
        break;
      case EvidenceKind::similar_case:
        score.cases += e.weight;
        break;
    }
    if (w.keep_evidence) out.causes[slot[c]].evidence.push_back(e);
  };
  // A cause whose every rule this profile makes false (a personal-subject cause for an
  // enterprise, a name cause for a name without the word) keeps only a little of its
  // message's weight: the message fits its wording, the applicant does not fit the cause.
  enum class Fit : std::uint8_t { untested, ruled_out, possible };
  std::vector<Fit> fit(model.causes().size(), Fit::untested);
  for (RuleId rule : d.ruled_out) fit[model.rules()[rule].cause] = Fit::ruled_out;
  for (const auto& [rule, value] : d.rule_values) {
    if (value != Truth::no) fit[model.rules()[rule].cause] = Fit::possible;
  }
  for (const auto& [cause, pattern] : matching_patterns(model, message, scratch)) {
    double const weight = fit[cause] == Fit::ruled_out ? w.pattern * w.ruled_out_factor : w.pattern;
    add(cause, {EvidenceKind::pattern, pattern, 0, weight});
  }
  // A blocking rule that holds is strong support; a warning or an undecided rule less so.
  auto rule_support = [&](const std::vector<Finding>& findings, double factor) {
    for (const Finding& f : findings)
      add(f.cause, {EvidenceKind::rule, model.rules()[f.rule].name, 0, w.rule * factor});
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
      add(*c,
          {EvidenceKind::similar_case, {}, similar[i].id, w.similar_case / static_cast<double>(i + 1) / total_vote});
    }
  }
  for (std::size_t i = 0; i < out.causes.size(); ++i) {
    RankedCause& r = out.causes[i];
    double score = scores[i].pattern + scores[i].rule + scores[i].cases;
    // A cause the platform reports at another stage is less likely to explain this message.
    StepId const reported = model.causes()[r.cause].stage;
    if (stage && reported != kNone && reported != *stage) score *= 0.7;
    r.confidence = std::min(1.0, score);
  }
  const std::vector<std::uint32_t>& by_name = model.match_tables().cause_name_order;
  std::sort(out.causes.begin(), out.causes.end(), [&](const RankedCause& a, const RankedCause& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return by_name[a.cause] < by_name[b.cause];
  });
  return out;
}

RejectionRanking rank_latest_rejection(const Model& model, const Diagnosis& diagnosis, const Rejection& rejection) {
  std::optional<StepId> const stage = model.find_step(rejection.stage);
  RankingWeights weights;
  weights.keep_evidence = false;  // only causes and confidences are shown
  return rank_rejection(model, diagnosis, rejection.message, stage, {}, weights);
}

}  // namespace mpadvisor::engine
