#include "mpadvisor/render/rejection.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {
namespace {

std::string percent(double x) { return fmt::format("{:.0f}%", x * 100); }
double rounded(double x) { return static_cast<double>(std::llround(x * 1000)) / 1000; }

Msg evidence_label(engine::EvidenceKind k) {
  switch (k) {
    case engine::EvidenceKind::pattern:
      return Msg::rejection_pattern;
    case engine::EvidenceKind::rule:
      return Msg::rejection_rule;
    case engine::EvidenceKind::similar_case:
      return Msg::rejection_similar;
  }
  return Msg::rejection_pattern;
}

// Why a cause is ranked, in words; the message pattern and the rule's name (written for the KB's
// authors) only with --explain.
std::string evidence_text(const engine::CauseEvidence& e, const Options& o) {
  bool const for_authors = e.kind == engine::EvidenceKind::pattern || e.kind == engine::EvidenceKind::rule;
  if (for_authors && !o.explain) return std::string(text(o.lang, evidence_label(e.kind)));
  Msg label = evidence_label(e.kind);
  if (e.kind == engine::EvidenceKind::pattern) label = Msg::rejection_pattern_explained;
  if (e.kind == engine::EvidenceKind::rule) label = Msg::rejection_rule_explained;
  return say(o.lang, label, safe(engine::describe(e)));
}

void write_also_possible_text(std::ostringstream& out, const engine::Model& model,
                              const std::vector<engine::ConditionalCause>& causes, Lang lang) {
  if (causes.empty()) return;
  out << "\n" << text(lang, Msg::heading_also_possible) << "\n";
  for (const engine::ConditionalCause& c : causes) {
    const engine::CauseInfo& info = model.causes()[c.cause];
    out << "- "
        << say(lang, Msg::also_possible_row, safe(info.title.get(lang)), info.name, fact_titles(model, c.facts, lang))
        << "\n";
  }
}

}  // namespace

void rank_report(const engine::Model& model, const engine::Diagnosis& diagnosis,
                 const std::optional<engine::StepId>& stage, RejectionReport& report) {
  std::erase_if(report.similar, [](const casebase::SimilarCase& s) { return !(s.score > 0); });
  std::vector<engine::SimilarCaseInput> votes;
  votes.reserve(report.similar.size());
  for (const casebase::SimilarCase& s : report.similar) votes.push_back({s.value.id, s.score, s.value.causes});
  report.ranking = engine::rank_rejection(model, diagnosis, report.message, stage, votes);
}

std::string_view strength_text(engine::Strength strength, Lang lang) {
  switch (strength) {
    case engine::Strength::strong:
      return text(lang, Msg::strength_strong);
    case engine::Strength::possible:
      return text(lang, Msg::strength_possible);
    case engine::Strength::weak:
      return text(lang, Msg::strength_weak);
  }
  return text(lang, Msg::strength_weak);
}

std::string ranked_cause_headline(const engine::Model& model, const engine::RankedCause& c, Lang lang) {
  const engine::CauseInfo& info = model.causes()[c.cause];
  std::string const title = safe(info.title.get(lang));
  if (c.tied)
    return say(lang, Msg::ranked_cause_tied, title, info.name, strength_text(c.strength, lang), percent(c.confidence),
               c.rank);
  return say(lang, Msg::ranked_cause, title, info.name, strength_text(c.strength, lang), percent(c.confidence));
}

std::string rejection_text(const engine::Model& model, const RejectionReport& r, const Options& o) {
  const Lang lang = o.lang;
  std::ostringstream out;
  out << text(lang, Msg::label_rejection) << one_line(r.message) << "\n\n";
  if (r.ranking.causes.empty()) out << text(lang, Msg::no_known_cause) << "\n";
  for (const engine::RankedCause& c : r.ranking.causes) {
    const engine::CauseInfo& info = model.causes()[c.cause];
    out << c.rank << ". " << ranked_cause_headline(model, c, lang) << "\n";
    out << "   " << text(lang, Msg::label_why) << safe(info.explanation.get(lang)) << "\n";
    for (const engine::CauseEvidence& e : c.evidence) out << "   " << evidence_text(e, o) << "\n";
    for (const engine::Fix& f : info.fixes)
      out << "   " << text(lang, Msg::label_fix) << safe(f.text.get(lang)) << "\n";
  }
  write_also_possible_text(out, model, r.ranking.also_possible, lang);
  if (!r.similar.empty()) {
    out << "\n" << text(lang, Msg::heading_similar_cases) << "\n";
    for (const casebase::SimilarCase& s : r.similar) {
      std::optional<engine::StepId> const stage = model.find_step(s.value.stage);
      std::string const where = stage ? step_title(model, *stage, lang) : safe(s.value.stage);
      out << "#" << s.value.id << " [" << where << "] " << one_line(s.value.message) << "\n";
      if (s.value.fix) out << "   " << text(lang, Msg::label_what_fixed_it) << one_line(*s.value.fix) << "\n";
    }
  }
  return out.str();
}

Json rejection_json(const engine::Model& model, const RejectionReport& r, const Options& o) {
  Json causes = Json::array();
  for (const engine::RankedCause& c : r.ranking.causes) {
    const engine::CauseInfo& info = model.causes()[c.cause];
    Json evidence = Json::array();
    for (const engine::CauseEvidence& e : c.evidence) {
      evidence.push_back({{"kind", std::string(engine::to_string(e.kind))},
                          {"detail", engine::describe(e)},
                          {"weight", rounded(e.weight)}});
    }
    Json fixes = Json::array();
    for (const engine::Fix& f : info.fixes) fixes.push_back(f.text.get(o.lang));
    causes.push_back({{"cause", info.name},
                      {"title", info.title.get(o.lang)},
                      {"rank", c.rank},
                      {"tied", c.tied},
                      {"confidence", rounded(c.confidence)},
                      {"strength", std::string(engine::to_string(c.strength))},
                      {"explanation", info.explanation.get(o.lang)},
                      {"evidence", std::move(evidence)},
                      {"fixes", std::move(fixes)}});
  }
  Json also = Json::array();
  for (const engine::ConditionalCause& c : r.ranking.also_possible) {
    const engine::CauseInfo& info = model.causes()[c.cause];
    Json facts = Json::array();
    for (engine::FactId f : c.facts) facts.push_back(model.facts()[f].name);
    also.push_back({{"cause", info.name},
                    {"title", info.title.get(o.lang)},
                    {"rule", model.rules()[c.rule].name},
                    {"facts", std::move(facts)}});
  }
  Json cases = Json::array();
  for (const casebase::SimilarCase& s : r.similar) {
    cases.push_back({{"id", s.value.id},
                     {"score", rounded(s.score)},
                     {"stage", s.value.stage},
                     {"message", s.value.message},
                     {"causes", s.value.causes},
                     {"fix", s.value.fix ? Json(*s.value.fix) : Json()},
                     {"outcome", std::string(casebase::to_string(s.value.outcome))}});
  }
  return {{"message", r.message},
          {"stage", r.stage},
          {"judged_stage", r.ranking.stage},
          {"causes", std::move(causes)},
          {"also_possible", std::move(also)},
          {"similar_cases", std::move(cases)}};
}

}  // namespace mpadvisor::render
