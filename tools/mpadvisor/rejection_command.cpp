#include "rejection_command.hpp"

#include <iomanip>
#include <iostream>
#include <sstream>

#include "case_store.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "ui_text.hpp"

namespace mpadvisor::cli {

namespace {

std::string percent(double x) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(0) << x * 100 << "%";
  return out.str();
}

double rounded(double x) { return static_cast<double>(static_cast<long long>(x * 1000 + 0.5)) / 1000; }

std::string_view no_cause_text(engine::Lang lang) {
  return say(lang, "No known cause matches this message or this profile.\n",
             "没有已知原因与该驳回信息或该资料相符。\n");
}

}  // namespace

int run_rejection(const GlobalOptions& g, const engine::Model& model, const engine::Profile&,
                  const engine::Diagnosis& diagnosis, const std::string& message, const std::string& stage_name,
                  int limit, const RenderOptions& r) {
  std::optional<engine::StepId> stage;
  if (!stage_name.empty()) {
    stage = model.find_step(stage_name);
    if (!stage) throw UsageError("--stage '" + stage_name + "' is not a step of the knowledge base");
  }
  casebase::Store store = open_case_store(g);
  std::vector<casebase::SimilarCase> similar = store.similar(message, static_cast<std::size_t>(limit));
  std::vector<engine::SimilarCaseInput> inputs;
  for (const casebase::SimilarCase& s : similar) inputs.push_back({s.value.id, s.score, s.value.causes});
  engine::RejectionRanking ranking = engine::rank_rejection(model, diagnosis, message, stage, inputs);

  if (g.output_format() == Format::json) {
    Json causes = Json::array();
    for (const engine::RankedCause& c : ranking.causes) {
      const engine::CauseInfo& info = model.causes()[c.cause];
      Json evidence = Json::array();
      for (const engine::CauseEvidence& e : c.evidence) {
        evidence.push_back({{"kind", std::string(engine::to_string(e.kind))},
                            {"detail", engine::describe(e)},
                            {"weight", rounded(e.weight)}});
      }
      Json fixes = Json::array();
      for (const engine::Fix& f : info.fixes) fixes.push_back(f.text.get(r.lang));
      causes.push_back({{"cause", info.name},
                        {"title", info.title.get(r.lang)},
                        {"confidence", rounded(c.confidence)},
                        {"evidence", std::move(evidence)},
                        {"fixes", std::move(fixes)}});
    }
    Json cases = Json::array();
    for (const casebase::SimilarCase& s : similar) {
      cases.push_back({{"id", s.value.id},
                       {"score", rounded(s.score)},
                       {"stage", s.value.stage},
                       {"message", s.value.message},
                       {"causes", s.value.causes},
                       {"fix", s.value.fix ? Json(*s.value.fix) : Json()},
                       {"outcome", std::string(casebase::to_string(s.value.outcome))}});
    }
    Json out;
    out["rejection"] = {{"message", message},
                        {"stage", stage_name},
                        {"causes", std::move(causes)},
                        {"similar_cases", std::move(cases)}};
    out["diagnosis"] = diagnosis_json(model, diagnosis, r);
    std::cout << out.dump(2) << "\n";
    return ranking.causes.empty() ? kExitFindings : kExitOk;
  }

  const engine::Lang lang = r.lang;
  std::cout << say(lang, "Rejection: ", "驳回：") << message << "\n\n";
  if (ranking.causes.empty()) {
    std::cout << no_cause_text(lang);
  }
  int rank = 0;
  for (const engine::RankedCause& c : ranking.causes) {
    const engine::CauseInfo& info = model.causes()[c.cause];
    std::cout << ++rank << ". " << info.title.get(lang) << " [" << info.name << "] — " << percent(c.confidence) << "\n";
    for (const engine::CauseEvidence& e : c.evidence) {
      std::string_view kind = e.kind == engine::EvidenceKind::pattern ? say(lang, "message matches ", "驳回信息匹配 ")
                              : e.kind == engine::EvidenceKind::rule
                                  ? say(lang, "rule fires on the profile: ", "资料触发规则：")
                                  : say(lang, "similar past case ", "相似历史案例 ");
      std::cout << "   " << kind << engine::describe(e) << "\n";
    }
    for (const engine::Fix& f : info.fixes)
      std::cout << "   " << say(lang, "Fix: ", "解决：") << f.text.get(lang) << "\n";
  }
  if (!similar.empty()) {
    std::cout << "\n" << say(lang, "Similar past cases", "相似的历史案例") << "\n";
    for (const casebase::SimilarCase& s : similar) {
      std::cout << "#" << s.value.id << " [" << s.value.stage << "] " << s.value.message << "\n";
      if (s.value.fix) std::cout << "   " << say(lang, "What fixed it: ", "当时的解决办法：") << *s.value.fix << "\n";
    }
  }
  return ranking.causes.empty() ? kExitFindings : kExitOk;
}

engine::RejectionRanking rank_latest_rejection(const engine::Model& model, const engine::Diagnosis& diagnosis,
                                               const engine::Rejection& rejection) {
  // The profile reader has checked that a rejection's stage is a step of this KB.
  std::optional<engine::StepId> const stage = model.find_step(rejection.stage);
  engine::RankingWeights weights;
  weights.keep_evidence = false;  // only causes and confidences are shown
  return engine::rank_rejection(model, diagnosis, rejection.message, stage, {}, weights);
}

Json latest_rejection_json(const engine::Model& model, const engine::Rejection& rejection,
                           const engine::RejectionRanking& ranking, const RenderOptions& r) {
  Json causes = Json::array();
  for (std::size_t i = 0; i < ranking.causes.size() && i < kLatestRejectionCauses; ++i) {
    const engine::CauseInfo& info = model.causes()[ranking.causes[i].cause];
    causes.push_back({{"cause", info.name},
                      {"title", info.title.get(r.lang)},
                      {"confidence", rounded(ranking.causes[i].confidence)}});
  }
  return {{"stage", rejection.stage}, {"message", rejection.message}, {"causes", std::move(causes)}};
}

std::string latest_rejection_text(const engine::Model& model, const engine::Rejection& rejection,
                                  const engine::RejectionRanking& ranking, const RenderOptions& r) {
  const engine::Lang lang = r.lang;
  std::ostringstream out;
  out << "\n" << say(lang, "Latest rejection", "最近一次驳回");
  if (!rejection.stage.empty()) out << say(lang, " (", "（") << rejection.stage << say(lang, ")", "）");
  out << say(lang, ": ", "：") << rejection.message << "\n";
  if (ranking.causes.empty()) {
    out << "  " << no_cause_text(lang);
  }
  for (std::size_t i = 0; i < ranking.causes.size() && i < kLatestRejectionCauses; ++i) {
    const engine::CauseInfo& info = model.causes()[ranking.causes[i].cause];
    out << "  " << i + 1 << ". " << info.title.get(lang) << " [" << info.name << "] — "
        << percent(ranking.causes[i].confidence) << "\n";
  }
  out << say(lang, "  For the evidence, the fixes and similar past cases, add --rejection \"MESSAGE\" --stage STEP.\n",
             "  如需证据、解决办法和相似案例，请加上 --rejection \"驳回信息\" --stage 步骤。\n");
  return out.str();
}

}  // namespace mpadvisor::cli
