#include "mpadvisor/render/evaluation.hpp"

#include <fmt/format.h>

#include <optional>
#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/rejection.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {
namespace {

constexpr std::size_t kRankedShown = 3;

std::string names(const engine::Model& m, const std::vector<engine::CauseId>& causes) {
  std::string out;
  for (engine::CauseId c : causes) out += (out.empty() ? "" : ", ") + m.causes()[c].name;
  return out;
}

std::string ranked(const engine::Model& m, const engine::RejectionRanking& r, Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < r.causes.size() && i < kRankedShown; ++i) {
    const engine::RankedCause& c = r.causes[i];
    out += (i ? ", " : "") + m.causes()[c.cause].name + fmt::format(" ({:.2f}", c.confidence);
    out += c.tied ? std::string(", ") + std::string(text(lang, Msg::eval_tied)) + ")" : std::string(")");
  }
  return out;
}

// `m`: the keys are steps, shown by title (a key the KB does not know as it is).
void rows(std::ostringstream& out, const std::vector<engine::EvalTally>& tallies, Lang lang,
          const engine::Model* m = nullptr) {
  for (const engine::EvalTally& t : tallies) {
    std::optional<engine::StepId> const step = m != nullptr ? m->find_step(t.key) : std::nullopt;
    std::string const key = t.key.empty() ? std::string(text(lang, Msg::eval_no_stage))
                            : step        ? step_label(*m, *step, lang)
                                          : safe(t.key);
    out << "  " << say(lang, Msg::eval_row, key, t.entries, share(t.top1, t.entries), share(t.top3, t.entries)) << "\n";
  }
}

Json tally_json(const engine::EvalTally& t, const char* key) {
  return {{key, t.key}, {"entries", t.entries}, {"top1", t.top1}, {"top3", t.top3}, {"clear", t.clear}};
}

}  // namespace

std::string share(std::size_t part, std::size_t whole) {
  return whole == 0 ? "0%" : fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string eval_text(const engine::Model& m, const engine::EvalReport& r, const Options& o) {
  std::ostringstream out;
  const engine::EvalTally& all = r.overall;
  out << say(o.lang, Msg::eval_summary, all.entries, all.top1, share(all.top1, all.entries), all.top3,
             share(all.top3, all.entries))
      << "\n"
      << say(o.lang, Msg::eval_clear, all.clear) << "\n\n"
      << text(o.lang, Msg::eval_by_stage) << "\n";
  rows(out, r.by_stage, o.lang, &m);
  out << "\n" << text(o.lang, Msg::eval_by_subject) << "\n";
  rows(out, r.by_subject, o.lang);
  out << "\n" << text(o.lang, Msg::eval_reliability) << "\n";
  for (const engine::StrengthTally& t : r.reliability) {
    out << "  "
        << say(o.lang, Msg::eval_reliability_row, strength_text(t.strength, o.lang), t.right, t.shown,
               t.shown == 0 ? std::string("-") : share(t.right, t.shown))
        << "\n";
  }
  bool heading = false;
  for (const engine::EvalOutcome& outcome : r.outcomes) {
    if (outcome.top1()) continue;
    if (!heading) out << "\n" << text(o.lang, Msg::eval_misses) << "\n";
    heading = true;
    const engine::EvalEntry& e = *outcome.entry;
    out << "  "
        << (outcome.ranking.causes.empty()
                ? say(o.lang, Msg::eval_miss_unranked, safe(e.id), safe(e.file), e.line, names(m, e.expected))
                : say(o.lang, Msg::eval_miss, safe(e.id), safe(e.file), e.line, names(m, e.expected),
                      ranked(m, outcome.ranking, o.lang)))
        << "\n    " << safe(clip(one_line(e.message), 80)) << "\n";
  }
  return out.str();
}

Json eval_json(const engine::Model& m, const engine::EvalReport& r) {
  Json stages = Json::array(), subjects = Json::array(), misses = Json::array();
  for (const engine::EvalTally& t : r.by_stage) stages.push_back(tally_json(t, "stage"));
  for (const engine::EvalTally& t : r.by_subject) subjects.push_back(tally_json(t, "subject"));
  for (const engine::EvalOutcome& outcome : r.outcomes) {
    if (outcome.top1()) continue;
    const engine::EvalEntry& e = *outcome.entry;
    Json expected = Json::array(), ranking = Json::array();
    for (engine::CauseId c : e.expected) expected.push_back(m.causes()[c].name);
    for (std::size_t i = 0; i < outcome.ranking.causes.size() && i < kRankedShown; ++i) {
      const engine::RankedCause& c = outcome.ranking.causes[i];
      ranking.push_back({{"cause", m.causes()[c.cause].name},
                         {"rank", c.rank},
                         {"tied", c.tied},
                         {"confidence", static_cast<double>(std::llround(c.confidence * 1000)) / 1000}});
    }
    misses.push_back({{"id", e.id},
                      {"file", e.file},
                      {"line", e.line},
                      {"rank", outcome.rank},
                      {"expected", std::move(expected)},
                      {"ranked", std::move(ranking)}});
  }
  Json reliability = Json::array();
  for (const engine::StrengthTally& t : r.reliability)
    reliability.push_back(
        {{"strength", std::string(engine::to_string(t.strength))}, {"shown", t.shown}, {"right", t.right}});
  const engine::EvalTally& all = r.overall;
  return {{"entries", all.entries},
          {"top1", all.top1},
          {"top3", all.top3},
          {"clear", all.clear},
          {"by_stage", std::move(stages)},
          {"by_subject", std::move(subjects)},
          {"reliability", std::move(reliability)},
          {"misses", std::move(misses)}};
}

}  // namespace mpadvisor::render
