#include "mpadvisor/engine/rejection.hpp"

#include <unicode/regex.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "compiled.hpp"
#include "mpadvisor/engine/normalize.hpp"
#include "mpadvisor/engine/scratch.hpp"
#include "working_memory.hpp"

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

std::string describe(const CauseEvidence& e) {
  if (e.kind != EvidenceKind::similar_case) return std::string(e.detail);
  // Built with append: GCC 12's -Wrestrict misfires on "#" + std::to_string(…).
  std::string id = "#";
  id.append(std::to_string(e.case_id));
  return id;
}

std::vector<PatternMatch> matching_patterns(const Model& model, std::string_view message, Scratch* scratch) {
  std::optional<Scratch> own;  // only made when a pattern needs ICU and the caller lent none
  std::vector<PatternMatch> out;
  const MatchTables& t = model.match_tables();
  // Patterns are matched against the normalised message (docs/dsl.md), so full-width letters,
  // punctuation, spaces inside Chinese words and Traditional characters do not hide a match.
  std::string const normalized = normalize_text(message);
  LiteralHits const hits(t.pattern_literals, normalized);
  std::optional<icu::UnicodeString> utf16;  // for the few patterns ICU decides
  for (std::uint32_t i : t.pattern_index.candidates(hits)) {
    const CompiledPattern& p = t.patterns[i];
    if (!out.empty() && out.back().cause == p.cause) continue;
    std::optional<std::uint32_t> specificity = hits.matching_specificity(p.plan);
    if (!specificity) continue;
    if (!p.plan.exact) {
      // The expression decides; which branch it took is not known, so the least is assumed.
      specificity = p.plan.specificity();
      if (!scratch) scratch = &own.emplace();
      icu::RegexMatcher* m = scratch->working_memory().matchers.get(t, i);
      if (!m) continue;
      if (!utf16) utf16 = icu::UnicodeString::fromUTF8(normalized);
      UErrorCode status = U_ZERO_ERROR;
      m->reset(*utf16);
      if (!m->find(status) || U_FAILURE(status)) continue;
    }
    out.push_back({p.cause, p.source, *specificity});
  }
  return out;
}

namespace {

// The stage of a step: its name up to the last dot (docs/dsl.md).
std::string_view stage_of(const Model& model, StepId step) {
  if (step == kNone) return {};
  std::string_view const name = model.steps()[step].name;
  std::size_t const dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(0, dot);
}

// How firmly the profile's own rules stand behind a cause, weakest first. A rule that is
// undecided says as little as no rule at all.
enum class RuleTier : std::uint8_t { ruled_out, unknown, warning, blocking };

// Everything known about one cause while the ranking is made.
struct Candidate {
  double pattern = 0, rule = 0, cases = 0;
  RuleTier tier = RuleTier::unknown;
  RuleId undetermined_rule = kNone;  // the first undecided rule, for "also possible"
  std::uint32_t specificity = 0;
  bool has_pattern = false, has_case = false, same_step = false;
};

// Which similar cases vote, and with what share of the case vote (see RankingWeights).
std::vector<double> case_shares(const std::vector<SimilarCaseInput>& similar, const RankingWeights& w) {
  double best = 0;
  for (const SimilarCaseInput& s : similar) {
    if (!s.causes.empty()) best = std::max(best, s.similarity);
  }
  std::vector<double> shares(similar.size(), 0.0);
  double total = 0;
  for (std::size_t i = 0; i < similar.size(); ++i) {
    const SimilarCaseInput& s = similar[i];
    if (s.causes.empty() || s.similarity <= w.similar_floor || s.similarity < best * w.similar_relative_floor) continue;
    shares[i] = s.similarity;
    total += s.similarity;
  }
  // Dividing by at least twice the best keeps one lone match to half of the vote.
  double const denominator = std::max(total, 2 * best);
  if (denominator > 0) {
    for (double& share : shares) share /= denominator;
  }
  return shares;
}

Strength strength_of(double confidence, const RankingWeights& w) {
  if (confidence >= w.strong_at) return Strength::strong;
  if (confidence >= w.possible_at) return Strength::possible;
  return Strength::weak;
}

bool same_confidence(double a, double b) { return std::abs(a - b) < 1e-9; }

}  // namespace

std::string_view to_string(Strength s) {
  switch (s) {
    case Strength::strong:
      return "strong";
    case Strength::possible:
      return "possible";
    case Strength::weak:
      return "weak";
  }
  return "";
}

RejectionRanking rank_rejection(const Model& model, const Diagnosis& d, std::string_view message,
                                const std::optional<StepId>& stage, const std::vector<SimilarCaseInput>& similar,
                                const RankingWeights& w, Scratch* scratch) {
  RejectionRanking out;
  std::vector<Candidate> candidates(model.causes().size());
  std::vector<std::vector<CauseEvidence>> evidence(w.keep_evidence ? model.causes().size() : 0);
  std::vector<CauseId> touched;  // causes with any evidence, in the order first seen
  std::vector<bool> seen(model.causes().size(), false);
  auto touch = [&](CauseId c) -> Candidate& {
    if (!seen[c]) touched.push_back(c);
    seen[c] = true;
    return candidates[c];
  };
  auto note = [&](CauseId c, const CauseEvidence& e) -> Candidate& {
    if (w.keep_evidence) evidence[c].push_back(e);
    return touch(c);
  };

  // A cause whose every rule this profile makes false (a personal-subject cause for an
  // enterprise, a name cause for a name without the word) keeps only a little of its
  // message's weight: the message fits its wording, the applicant does not fit the cause.
  std::vector<bool> ruled_out(model.causes().size(), false), possible(model.causes().size(), false);
  for (RuleId rule : d.ruled_out) ruled_out[model.rules()[rule].cause] = true;
  for (const auto& [rule, value] : d.rule_values) {
    if (value != Truth::no) possible[model.rules()[rule].cause] = true;
  }
  std::vector<PatternMatch> const patterns = matching_patterns(model, message, scratch);
  for (const PatternMatch& m : patterns) {
    bool const out_of_fit = ruled_out[m.cause] && !possible[m.cause];
    double const weight = out_of_fit ? w.pattern * w.ruled_out_factor : w.pattern;
    Candidate& k = note(m.cause, {EvidenceKind::pattern, m.pattern, 0, weight});
    k.pattern = std::max(k.pattern, weight);
    k.specificity = std::max(k.specificity, m.specificity);
    k.has_pattern = true;
    if (out_of_fit) k.tier = RuleTier::ruled_out;
  }

  // The message's stage: the given step's, else the one all matching patterns agree on.
  if (stage) {
    out.stage = stage_of(model, *stage);
  } else {
    bool agreed = true;
    for (const PatternMatch& m : patterns) {
      std::string_view const s = stage_of(model, model.causes()[m.cause].stage);
      if (s.empty()) continue;
      if (out.stage.empty()) out.stage = s;
      agreed = agreed && s == out.stage;
    }
    if (!agreed) out.stage.clear();
  }

  // A blocking rule that holds is strong support, a warning less so; the first (strongest)
  // rule speaks for the cause. An undecided rule adds nothing, but is remembered: a cause
  // only it points at is "also possible".
  auto rule_support = [&](const std::vector<Finding>& findings, double factor, RuleTier tier) {
    for (const Finding& f : findings) {
      // A low-likelihood warning is a reminder (not certified yet), not a reason to reject.
      if (tier == RuleTier::warning && model.rules()[f.rule].likelihood == Likelihood::low) continue;
      Candidate& k = candidates[f.cause];
      if (k.rule > 0) continue;
      double const weight = w.rule * factor;
      note(f.cause, {EvidenceKind::rule, model.rules()[f.rule].name, 0, weight});
      k.rule = weight;
      k.tier = std::max(k.tier, tier);
    }
  };
  for (const BlockedStep& b : d.blockers) rule_support(b.causes, 1.0, RuleTier::blocking);
  rule_support(d.warnings, 0.6, RuleTier::warning);
  for (const Finding& f : d.undetermined) {
    Candidate& k = touch(f.cause);
    if (k.undetermined_rule == kNone) k.undetermined_rule = f.rule;
  }

  // Similar cases vote for their labelled causes, each by its share of the case vote.
  std::vector<double> const shares = case_shares(similar, w);
  for (std::size_t i = 0; i < similar.size(); ++i) {
    if (shares[i] <= 0) continue;
    for (const std::string& name : similar[i].causes) {
      auto c = model.find_cause(name);
      if (!c) continue;  // a label from another KB version
      double const weight = w.similar_case * shares[i];
      Candidate& k = note(*c, {EvidenceKind::similar_case, {}, similar[i].id, weight});
      k.cases += weight;
      k.has_case = true;
    }
  }

  // Facts that would decide each undecided rule, for "also possible, if …".
  auto deciding_facts = [&](RuleId rule) {
    std::vector<FactId> facts;
    for (const NeededFact& n : d.needs_info) {
      if (std::find(n.rules.begin(), n.rules.end(), rule) != n.rules.end()) facts.push_back(n.fact);
    }
    std::sort(facts.begin(), facts.end());
    return facts;
  };
  out.causes.reserve(touched.size());
  for (CauseId c : touched) {
    Candidate& k = candidates[c];
    StepId const reported = model.causes()[c].stage;
    std::string_view const reported_stage = stage_of(model, reported);
    bool const other_stage = !out.stage.empty() && !reported_stage.empty() && reported_stage != out.stage;
    if (!k.has_pattern && !k.has_case) {
      // Only the profile's rules point here: a rule of another stage did not cause this
      // message, and an undecided one waits on facts.
      if (other_stage) continue;
      if (k.rule == 0) {
        out.also_possible.push_back({c, k.undetermined_rule, deciding_facts(k.undetermined_rule)});
        continue;
      }
    }
    k.same_step = stage && reported == *stage;
    double score = k.pattern + k.rule + k.cases;
    if (other_stage) score *= w.other_stage_factor;
    RankedCause r;
    r.cause = c;
    r.confidence = std::min(1.0, score);
    r.strength = strength_of(r.confidence, w);
    if (w.keep_evidence) r.evidence = std::move(evidence[c]);
    out.causes.push_back(std::move(r));
  }
  // Equal confidence: the evidence decides (RejectionRanking); what it cannot tell apart ties.
  auto order = [&](const RankedCause& a, const RankedCause& b) {
    const Candidate& x = candidates[a.cause];
    const Candidate& y = candidates[b.cause];
    if (!same_confidence(a.confidence, b.confidence)) return a.confidence > b.confidence ? -1 : 1;
    if (x.tier != y.tier) return x.tier > y.tier ? -1 : 1;
    if (x.same_step != y.same_step) return x.same_step ? -1 : 1;
    if (x.specificity != y.specificity) return x.specificity > y.specificity ? -1 : 1;
    return 0;
  };
  const std::vector<std::uint32_t>& by_name = model.match_tables().cause_name_order;
  std::sort(out.causes.begin(), out.causes.end(), [&](const RankedCause& a, const RankedCause& b) {
    int const o = order(a, b);
    return o != 0 ? o < 0 : by_name[a.cause] < by_name[b.cause];
  });
  for (std::size_t i = 0; i < out.causes.size(); ++i) {
    RankedCause& r = out.causes[i];
    bool const ties_previous = i > 0 && order(out.causes[i - 1], r) == 0;
    r.rank = ties_previous ? out.causes[i - 1].rank : static_cast<std::uint32_t>(i + 1);
    if (ties_previous) r.tied = out.causes[i - 1].tied = true;
  }
  std::sort(out.also_possible.begin(), out.also_possible.end(),
            [](const ConditionalCause& a, const ConditionalCause& b) { return a.rule < b.rule; });
  return out;
}

RejectionRanking rank_latest_rejection(const Model& model, const Diagnosis& diagnosis, const Rejection& rejection) {
  std::optional<StepId> const stage = model.find_step(rejection.stage);
  RankingWeights weights;
  weights.keep_evidence = false;  // only causes and confidences are shown
  return rank_rejection(model, diagnosis, rejection.message, stage, {}, weights);
}

}  // namespace mpadvisor::engine
