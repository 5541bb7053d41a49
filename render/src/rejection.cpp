#include "mpadvisor/render/rejection.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
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

}  // namespace

std::string rejection_text(const engine::Model& model, const RejectionReport& r, const Options& o) {
  const Lang lang = o.lang;
  std::ostringstream out;
  out << text(lang, Msg::label_rejection) << one_line(r.message) << "\n\n";
  if (r.ranking.causes.empty()) out << text(lang, Msg::no_known_cause) << "\n";
  int rank = 0;
  for (const engine::RankedCause& c : r.ranking.causes) {
    const engine::CauseInfo& info = model.causes()[c.cause];
    out << ++rank << ". " << safe(info.title.get(lang)) << " [" << info.name << "] — " << percent(c.confidence) << "\n";
    for (const engine::CauseEvidence& e : c.evidence)
      out << "   " << say(lang, evidence_label(e.kind), safe(engine::describe(e))) << "\n";
    for (const engine::Fix& f : info.fixes)
      out << "   " << text(lang, Msg::label_fix) << safe(f.text.get(lang)) << "\n";
  }
  if (!r.similar.empty()) {
    out << "\n" << text(lang, Msg::heading_similar_cases) << "\n";
    for (const casebase::SimilarCase& s : r.similar) {
      out << "#" << s.value.id << " [" << safe(s.value.stage) << "] " << one_line(s.value.message) << "\n";
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
                      {"confidence", rounded(c.confidence)},
                      {"evidence", std::move(evidence)},
                      {"fixes", std::move(fixes)}});
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
  return {
      {"message", r.message}, {"stage", r.stage}, {"causes", std::move(causes)}, {"similar_cases", std::move(cases)}};
}

}  // namespace mpadvisor::render
