#include "mpadvisor/render/diagnosis.hpp"

#include <cmath>
#include <sstream>

#include "evidence.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {

std::string step_label(const engine::Model& m, engine::StepId s, Lang lang) {
  return safe(m.steps()[s].title.get(lang)) + " (" + m.steps()[s].name + ")";
}

std::string status_word(engine::StepStatus s, Lang lang) { return std::string(text(lang, message_of(s))); }
std::string verdict_word(engine::Verdict v, Lang lang) { return std::string(text(lang, message_of(v))); }

namespace {

// A fix's change as the KB writes it (`name = "…"`, `residence_proofs += …`); a suggested value
// is described by the list it draws on, in the reader's language.
std::string change_text(const engine::Model& m, const engine::FactChange& c, Lang lang) {
  const std::string& fact = m.facts()[c.fact].name;
  switch (c.op) {
    case engine::ChangeOp::suggest: {
      const engine::TermListInfo& list = m.term_lists()[c.list];
      std::string const title = list.title.empty() ? list.name : list.title.get(lang);
      return say(lang, c.suggest == engine::SuggestMode::adding ? Msg::change_suggest_adding : Msg::change_suggest_from,
                 fact, title);
    }
    case engine::ChangeOp::assign:
      return fact + " = " + c.value.spelling;
    case engine::ChangeOp::add:
      return fact + " += " + c.value.spelling;
    case engine::ChangeOp::remove:
      return fact + " -= " + c.value.spelling;
    case engine::ChangeOp::unset:
      return fact + " unset";
  }
  return fact;
}

const std::vector<engine::Source>& sources_of(const engine::Model& m, const engine::Finding& f) {
  const engine::RuleInfo& rule = m.rules()[f.rule];
  return rule.sources.empty() ? m.causes()[f.cause].sources : rule.sources;
}

std::string actor_word(const std::string& actor, Lang lang) {
  Msg const id = actor == "applicant"   ? Msg::actor_applicant
                 : actor == "platform"  ? Msg::actor_platform
                 : actor == "miit"      ? Msg::actor_miit
                 : actor == "bureau"    ? Msg::actor_bureau
                 : actor == "certifier" ? Msg::actor_certifier
                 : actor == "reviewer"  ? Msg::actor_reviewer
                                        : Msg::count_;
  return id == Msg::count_ ? actor : std::string(text(lang, id));
}

}  // namespace

std::string commitment(const engine::Model& m, engine::StepId step, Lang lang) {
  const engine::StepInfo& s = m.steps()[step];
  std::string out;
  if (s.cost && !s.cost->refundable && s.cost->amount > 0) out = say(lang, Msg::commit_fee, s.cost->amount);
  if (s.irreversible)
    out += (out.empty() ? "" : std::string(text(lang, Msg::list_separator))) +
           std::string(text(lang, Msg::commit_irreversible));
  return out;
}

namespace {

std::string summary(const engine::Model& m, const engine::Diagnosis& d, const Options& o) {
  Style const style{o.colour};
  std::string const target = step_label(m, d.target, o.lang);
  switch (d.verdict) {
    case engine::Verdict::blocked: {
      std::size_t roots = 0;
      for (const engine::BlockedStep& b : d.blockers) roots += b.root;
      return style.red(std::string(text(o.lang, Msg::verdict_blocked_heading))) +
             say(o.lang, roots == 1 ? Msg::summary_blocked_one : Msg::summary_blocked_many, target, roots);
    }
    case engine::Verdict::needs_info:
      return style.yellow(std::string(text(o.lang, Msg::verdict_needs_info_heading))) +
             say(o.lang, Msg::summary_needs_info, target);
    case engine::Verdict::clear:
      return style.green(std::string(text(o.lang, Msg::verdict_clear_heading))) +
             say(o.lang, Msg::summary_clear, target);
  }
  return "";
}

}  // namespace

std::string finding_text(const engine::Model& m, const engine::Finding& f, const Options& o, int indent) {
  const Lang lang = o.lang;
  const engine::CauseInfo& cause = m.causes()[f.cause];
  const engine::RuleInfo& rule = m.rules()[f.rule];
  Style const style{o.colour};
  std::string const pad(static_cast<std::size_t>(indent), ' ');
  std::ostringstream out;
  out << pad << style.cyan(safe(cause.title.get(lang))) << "\n";
  if (!cause.explanation.empty()) out << pad << "  " << safe(cause.explanation.get(lang)) << "\n";
  for (const std::string& line : evidence_lines(f.evidence, o))
    out << pad << "  " << text(lang, Msg::label_evidence) << line << "\n";
  for (const engine::Fix& fix : cause.fixes) {
    out << pad << "  " << text(lang, Msg::label_fix) << safe(fix.text.get(lang));
    if (!fix.changes.empty()) {
      std::string changes;
      for (const engine::FactChange& c : fix.changes)
        changes += (changes.empty() ? "" : ", ") + change_text(m, c, lang);
      out << style.dim(" [" + safe(changes) + "]");
    }
    out << "\n";
  }
  for (const engine::Source& s : sources_of(m, f))
    out << pad << "  " << text(lang, Msg::label_source) << source_text(s, lang) << "\n";
  if (o.explain) {
    out << pad << "  "
        << style.dim(
               say(lang, Msg::trace_rule, rule.name, rule.location.file, rule.location.line, safe(rule.condition_text)))
        << "\n";
  }
  return out.str();
}

std::string diagnosis_text(const engine::Model& m, const engine::Diagnosis& d, const Options& o) {
  const Lang lang = o.lang;
  Style const style{o.colour};
  if (d.target == engine::kNone) return std::string(text(lang, Msg::no_goal)) + "\n";
  std::ostringstream out;
  out << summary(m, d, o) << "\n";
  for (const engine::BlockedStep& b : d.blockers) {
    out << "\n" << style.red("✗ ") << step_label(m, b.step, lang);
    if (!b.root) out << text(lang, Msg::also_held_up);
    out << "\n";
    for (const engine::Finding& f : b.causes) out << finding_text(m, f, o, 2);
    if (!b.blocks.empty()) {
      out << "  " << text(lang, Msg::holds_up);
      for (std::size_t i = 0; i < b.blocks.size(); ++i)
        out << (i ? text(lang, Msg::list_separator) : "") << safe(m.steps()[b.blocks[i]].title.get(lang));
      out << "\n";
    }
  }
  if (!d.warnings.empty()) {
    out << "\n" << style.yellow(std::string(text(lang, Msg::heading_warnings))) << "\n";
    for (const engine::Finding& f : d.warnings) {
      out << "! " << step_label(m, f.step, lang)
          << say(lang, Msg::likelihood_label, text(lang, message_of(m.rules()[f.rule].likelihood))) << "\n";
      out << finding_text(m, f, o, 2);
    }
  }
  if (!d.waiting.empty()) {
    out << "\n" << text(lang, Msg::heading_waiting) << "\n";
    for (const engine::Finding& f : d.waiting) {
      out << "… " << step_label(m, f.step, lang)
          << say(lang, Msg::waiting_on, actor_word(m.rules()[f.rule].actor, lang)) << "\n";
      out << finding_text(m, f, o, 2);
    }
  }
  if (!d.needs_info.empty()) {
    out << "\n" << style.yellow(std::string(text(lang, Msg::heading_needs_info))) << "\n";
    for (const engine::NeededFact& n : d.needs_info) {
      const engine::FactInfo& f = m.facts()[n.fact];
      out << "? " << f.name;
      if (!f.question.empty()) out << " — " << safe(f.question.get(lang));
      out << "\n";
      if (!o.explain) continue;
      for (engine::RuleId r : n.rules) {
        const engine::RuleInfo& rule = m.rules()[r];
        out << "  " << style.dim(say(lang, Msg::decides_rule, rule.name, rule.location.file, rule.location.line))
            << "\n";
      }
    }
  }
  if (!d.next_steps.empty()) {
    out << "\n" << text(lang, Msg::heading_next_steps) << "\n";
    int i = 0;
    for (engine::StepId s : d.next_steps) out << ++i << ". " << step_label(m, s, lang) << "\n";
  }
  if (!d.held.empty()) {
    out << "\n" << style.yellow(std::string(text(lang, Msg::heading_held))) << "\n";
    for (const engine::HeldStep& h : d.held) {
      out << "‖ " << step_label(m, h.step, lang) << "\n  " << say(lang, Msg::held_because, commitment(m, h.step, lang))
          << "\n";
      for (engine::RuleId r : h.risks) out << "  - " << safe(m.causes()[m.rules()[r].cause].title.get(lang)) << "\n";
    }
  }
  return out.str();
}

// ---------------------------------------------------------------- JSON (docs/json.md)

namespace {

Json sources_json(const std::vector<engine::Source>& sources, Lang lang) {
  Json arr = Json::array();
  for (const engine::Source& s : sources) {
    Json j{{"ref", s.ref}, {"checked", s.checked}, {"certainty", std::string(engine::to_string(s.certainty))}};
    if (!s.title.empty()) j["title"] = s.title.get(lang);
    if (!s.section.empty()) j["section"] = s.section;
    arr.push_back(std::move(j));
  }
  return arr;
}

Json evidence_json(const engine::Evidence& e) {
  Json j{
      {"fact", e.fact}, {"value", e.value}, {"test", e.test}, {"outcome", std::string(engine::to_string(e.outcome))}};
  if (e.match) {
    j["match"] = {{"list", e.match->list},
                  {"term", e.match->term},
                  {"text", e.match->matched},
                  {"begin", e.match->begin},
                  {"end", e.match->end}};
  }
  return j;
}

}  // namespace

Json finding_json(const engine::Model& m, const engine::Finding& f, const Options& o) {
  const engine::CauseInfo& cause = m.causes()[f.cause];
  const engine::RuleInfo& rule = m.rules()[f.rule];
  Json j{{"cause", cause.name},
         {"rule", rule.name},
         {"step", m.steps()[f.step].name},
         {"title", cause.title.get(o.lang)},
         {"explanation", cause.explanation.get(o.lang)}};
  if (rule.effect == engine::Effect::warn) j["likelihood"] = std::string(engine::to_string(rule.likelihood));
  if (rule.effect == engine::Effect::wait) j["actor"] = rule.actor;
  Json evidence = Json::array();
  for (const engine::Evidence& e : f.evidence) evidence.push_back(evidence_json(e));
  j["evidence"] = std::move(evidence);
  Json fixes = Json::array();
  for (const engine::Fix& fix : cause.fixes) {
    Json changes = Json::array();
    for (const engine::FactChange& c : fix.changes) changes.push_back(change_text(m, c, o.lang));
    fixes.push_back({{"text", fix.text.get(o.lang)}, {"changes", std::move(changes)}});
  }
  j["fixes"] = std::move(fixes);
  j["sources"] = sources_json(sources_of(m, f), o.lang);
  if (o.explain) {
    j["trace"] = {{"file", rule.location.file}, {"line", rule.location.line}, {"condition", rule.condition_text}};
  }
  return j;
}

Json diagnosis_json(const engine::Model& m, const engine::Diagnosis& d, const Options& o) {
  Json j;
  j["target"] = d.target == engine::kNone ? "" : m.steps()[d.target].name;
  j["verdict"] = std::string(engine::to_string(d.verdict));
  j["kb_version"] = m.version();
  Json blockers = Json::array();
  for (const engine::BlockedStep& b : d.blockers) {
    Json blocks = Json::array();
    for (engine::StepId s : b.blocks) blocks.push_back(m.steps()[s].name);
    Json causes = Json::array();
    for (const engine::Finding& f : b.causes) causes.push_back(finding_json(m, f, o));
    blockers.push_back({{"step", m.steps()[b.step].name},
                        {"title", m.steps()[b.step].title.get(o.lang)},
                        {"root", b.root},
                        {"blocks", std::move(blocks)},
                        {"causes", std::move(causes)}});
  }
  j["blockers"] = std::move(blockers);
  auto findings = [&](const std::vector<engine::Finding>& list) {
    Json arr = Json::array();
    for (const engine::Finding& f : list) arr.push_back(finding_json(m, f, o));
    return arr;
  };
  j["warnings"] = findings(d.warnings);
  j["waiting"] = findings(d.waiting);
  Json needs = Json::array();
  for (const engine::NeededFact& n : d.needs_info) {
    Json rules = Json::array();
    for (engine::RuleId r : n.rules) rules.push_back(m.rules()[r].name);
    needs.push_back({{"fact", m.facts()[n.fact].name},
                     {"question", m.facts()[n.fact].question.get(o.lang)},
                     {"rules", std::move(rules)}});
  }
  j["needs_info"] = std::move(needs);
  Json next = Json::array();
  for (engine::StepId s : d.next_steps)
    next.push_back({{"step", m.steps()[s].name}, {"title", m.steps()[s].title.get(o.lang)}});
  j["next_steps"] = std::move(next);
  Json held = Json::array();
  for (const engine::HeldStep& h : d.held) {
    Json risks = Json::array();
    for (engine::RuleId r : h.risks) risks.push_back(m.causes()[m.rules()[r].cause].name);
    held.push_back({{"step", m.steps()[h.step].name},
                    {"title", m.steps()[h.step].title.get(o.lang)},
                    {"risks", std::move(risks)}});
  }
  j["held"] = std::move(held);
  Json steps = Json::array();
  for (engine::StepId s : m.topological_order()) {
    if (d.in_scope.empty() || !d.in_scope[s]) continue;
    steps.push_back({{"step", m.steps()[s].name}, {"status", std::string(engine::to_string(d.status[s]))}});
  }
  j["steps"] = std::move(steps);
  return j;
}

// ---------------------------------------------------------------- the latest rejection

namespace {
constexpr std::size_t kLatestRejectionCauses = 3;

std::string percent(double x) { return fmt::format("{:.0f}%", x * 100); }
double rounded(double x) { return static_cast<double>(std::llround(x * 1000)) / 1000; }
}  // namespace

Json latest_rejection_json(const engine::Model& model, const engine::Rejection& rejection,
                           const engine::RejectionRanking& ranking, const Options& o) {
  Json causes = Json::array();
  for (std::size_t i = 0; i < ranking.causes.size() && i < kLatestRejectionCauses; ++i) {
    const engine::CauseInfo& info = model.causes()[ranking.causes[i].cause];
    causes.push_back({{"cause", info.name},
                      {"title", info.title.get(o.lang)},
                      {"confidence", rounded(ranking.causes[i].confidence)}});
  }
  return {{"stage", rejection.stage}, {"message", rejection.message}, {"causes", std::move(causes)}};
}

std::string latest_rejection_text(const engine::Model& model, const engine::Rejection& rejection,
                                  const engine::RejectionRanking& ranking, const Options& o) {
  const Lang lang = o.lang;
  std::ostringstream out;
  out << "\n"
      << (rejection.stage.empty() ? say(lang, Msg::latest_rejection, one_line(rejection.message))
                                  : say(lang, Msg::latest_rejection_at, rejection.stage, one_line(rejection.message)))
      << "\n";
  if (ranking.causes.empty()) out << "  " << text(lang, Msg::no_known_cause) << "\n";
  for (std::size_t i = 0; i < ranking.causes.size() && i < kLatestRejectionCauses; ++i) {
    const engine::CauseInfo& info = model.causes()[ranking.causes[i].cause];
    out << "  " << i + 1 << ". " << safe(info.title.get(lang)) << " [" << info.name << "] — "
        << percent(ranking.causes[i].confidence) << "\n";
  }
  out << "  " << text(lang, Msg::latest_rejection_hint) << "\n";
  return out.str();
}

}  // namespace mpadvisor::render
