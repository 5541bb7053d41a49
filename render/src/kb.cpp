#include "mpadvisor/render/kb.hpp"

#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {

std::string diagnostics_text(const dsl::Diagnostics& d, const Options& o) {
  dsl::SeverityWords const words{text(o.lang, Msg::severity_error), text(o.lang, Msg::severity_warning),
                                 text(o.lang, Msg::severity_note)};
  return dsl::render_text(d, o.colour, words, o.lang);
}

namespace {
// "1 file", "2 files": English counts its nouns; Chinese counts with a measure word in the pattern.
std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}
}  // namespace

std::string check_summary(std::size_t files, const dsl::Diagnostics& d, const Options& o) {
  if (o.lang == Lang::zh) return say(o.lang, Msg::check_summary, files, d.error_count(), d.warning_count()) + "\n";
  return say(o.lang, Msg::check_summary, counted(files, "file", "files"), counted(d.error_count(), "error", "errors"),
             counted(d.warning_count(), "warning", "warnings")) +
         "\n";
}

std::string actual_text(const engine::Model& m, const engine::ExpectationResult& r, Lang lang) {
  const engine::Expectation& e = *r.expectation;
  auto names = [&](const auto& ids, const auto& infos) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + infos[id].name;
    return out.empty() ? std::string(text(lang, Msg::none)) : out;
  };
  std::string const step = e.step == engine::kNone ? "" : m.steps()[e.step].name;
  switch (e.kind) {
    case engine::Expectation::Kind::verdict:
      return say(lang, Msg::actual_verdict, verdict_word(r.verdict, lang));
    case engine::Expectation::Kind::blocked:
      return say(lang, Msg::actual_blocked, step, status_word(r.status, lang), names(r.causes, m.causes()));
    case engine::Expectation::Kind::warned:
      return say(lang, Msg::actual_warned, step, names(r.causes, m.causes()));
    case engine::Expectation::Kind::waiting:
      return say(lang, Msg::actual_status, step, status_word(r.status, lang));
    case engine::Expectation::Kind::needs_info:
      return say(lang, Msg::actual_needs_info, names(r.facts, m.facts()));
  }
  return "";
}

std::string test_text(const engine::Model& m, const engine::ScenarioReport& report, const Options& o) {
  const Lang lang = o.lang;
  std::ostringstream out;
  for (const engine::ScenarioResult& r : report.results) {
    if (r.passed()) continue;
    const engine::ScenarioInfo& sc = m.scenarios()[r.scenario];
    out << say(lang, Msg::test_fail, sc.name, sc.location.file, sc.location.line) << "\n";
    if (!r.error.empty()) out << "  " << say(lang, Msg::test_error, safe(r.error)) << "\n";
    for (const engine::ExpectationResult& e : r.expectations) {
      if (e.passed) continue;
      out << "  " << say(lang, Msg::test_expected, e.expectation->text) << "\n";
      out << "  " << say(lang, Msg::test_actual, actual_text(m, e, lang)) << "\n";
    }
  }
  std::vector<engine::RuleId> const uncovered = report.uncovered();
  out << say(lang, Msg::test_summary, report.results.size() - report.failed(), report.results.size(),
             m.rules().size() - uncovered.size(), m.rules().size())
      << "\n";
  for (engine::RuleId r : uncovered) {
    const engine::RuleCoverage& c = report.coverage[r];
    Msg const why = !c.fired && !c.not_fired ? Msg::never_evaluated : !c.fired ? Msg::never_fires : Msg::always_fires;
    out << "  " << say(lang, Msg::not_covered, m.rules()[r].name, text(lang, why)) << "\n";
  }
  return out.str();
}

Json test_json(const engine::Model& m, const engine::ScenarioReport& report) {
  Json scenarios = Json::array();
  for (const engine::ScenarioResult& r : report.results) {
    Json failures = Json::array();
    for (const engine::ExpectationResult& e : r.expectations) {
      if (!e.passed) failures.push_back({{"expected", e.expectation->text}, {"actual", actual_text(m, e, Lang::en)}});
    }
    scenarios.push_back({{"scenario", m.scenarios()[r.scenario].name},
                         {"passed", r.passed()},
                         {"error", r.error},
                         {"failures", std::move(failures)}});
  }
  std::vector<engine::RuleId> const uncovered = report.uncovered();
  Json missing = Json::array();
  for (engine::RuleId r : uncovered) {
    missing.push_back({{"rule", m.rules()[r].name},
                       {"fired", report.coverage[r].fired},
                       {"not_fired", report.coverage[r].not_fired}});
  }
  return {{"scenarios", std::move(scenarios)},
          {"failed", report.failed()},
          {"rules", m.rules().size()},
          {"rules_covered", m.rules().size() - uncovered.size()},
          {"uncovered", std::move(missing)}};
}

}  // namespace mpadvisor::render
