#include <sstream>

#include "render.hpp"
#include "ui_text.hpp"

namespace mpadvisor::cli {

using engine::Lang;

namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string(code) + s + "\033[0m" : s;
  }
};
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kYellow = "\033[1;33m";
constexpr const char* kCyan = "\033[1;36m";
constexpr const char* kGreen = "\033[1;32m";
constexpr const char* kDim = "\033[2m";

std::string step_label(const engine::Model& m, engine::StepId s, Lang lang) {
  return m.steps()[s].title.get(lang) + " (" + m.steps()[s].name + ")";
}

std::string likelihood(engine::Likelihood l, Lang lang) {
  switch (l) {
    case engine::Likelihood::low:
      return std::string(say(lang, "low", "低"));
    case engine::Likelihood::medium:
      return std::string(say(lang, "medium", "中"));
    case engine::Likelihood::high:
      return std::string(say(lang, "high", "高"));
  }
  return "";
}

std::string change_text(const engine::Model& m, const engine::FactChange& c) {
  const std::string& fact = m.facts()[c.fact].name;
  switch (c.op) {
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

std::string source_text(const engine::Source& s, Lang lang) {
  std::string out = s.title.empty() ? s.ref : s.title.get(lang);
  if (!s.section.empty())
    out += std::string(say(lang, ", section “", "，“")) + s.section + std::string(say(lang, "”", "”一节"));
  if (!s.title.empty() && !s.ref.empty()) out += " — " + s.ref;
  std::string const certainty(engine::to_string(s.certainty));
  if (!s.checked.empty()) out += " (" + s.checked + (certainty.empty() ? "" : ", " + certainty) + ")";
  return out;
}

std::string evidence_text(const engine::Evidence& e, Lang lang) {
  std::string out = std::string(e.fact) + " = " + e.value;
  if (e.match) {
    out += std::string(say(lang, " — contains “", " — 含“")) + e.match->matched +
           std::string(say(lang, "” (term “", "”（词表 ")) +
           (lang == Lang::zh ? e.match->list + " 中的“" + e.match->term + "”）"
                             : e.match->term + "” of " + e.match->list + ")");
  }
  return out;
}

}  // namespace

std::string finding_text(const engine::Model& m, const engine::Finding& f, const RenderOptions& o, int indent) {
  const Lang lang = o.lang;
  const engine::CauseInfo& cause = m.causes()[f.cause];
  const engine::RuleInfo& rule = m.rules()[f.rule];
  Style const style{o.colour};
  std::string const pad(static_cast<std::size_t>(indent), ' ');
  std::ostringstream out;
  out << pad << style(kCyan, cause.title.get(lang)) << "\n";
  if (!cause.explanation.empty()) out << pad << "  " << cause.explanation.get(lang) << "\n";
  for (const engine::Evidence& e : f.evidence) {
    out << pad << "  " << say(lang, "Evidence: ", "依据：") << evidence_text(e, lang) << "\n";
  }
  for (const engine::Fix& fix : cause.fixes) {
    out << pad << "  " << say(lang, "Fix: ", "解决：") << fix.text.get(lang);
    if (!fix.changes.empty()) {
      std::string changes;
      for (const engine::FactChange& c : fix.changes) changes += (changes.empty() ? "" : ", ") + change_text(m, c);
      out << style(kDim, " [" + changes + "]");
    }
    out << "\n";
  }
  const auto& sources = rule.sources.empty() ? cause.sources : rule.sources;
  for (const engine::Source& s : sources)
    out << pad << "  " << say(lang, "Source: ", "来源：") << source_text(s, lang) << "\n";
  if (o.explain) {
    out << pad << "  "
        << style(kDim, std::string(say(lang, "Rule ", "规则 ")) + rule.name + " @ " + rule.location.file + ":" +
                           std::to_string(rule.location.line) + ": when " + rule.condition_text)
        << "\n";
  }
  return out.str();
}

std::string diagnosis_text(const engine::Model& m, const engine::Diagnosis& d, const RenderOptions& o) {
  const Lang lang = o.lang;
  Style const style{o.colour};
  std::ostringstream out;
  if (d.target == engine::kNone)
    return std::string(say(lang, "The knowledge base declares no goal.\n", "知识库没有声明目标步骤。\n"));
  std::size_t roots = 0;
  for (const engine::BlockedStep& b : d.blockers) roots += b.root;
  std::string const target = step_label(m, d.target, lang);
  switch (d.verdict) {
    case engine::Verdict::blocked:
      out << style(kRed, std::string(say(lang, "BLOCKED", "受阻"))) << say(lang, ": ", "：") << roots
          << say(lang, roots == 1 ? " root blocker on the way to " : " root blockers on the way to ",
                 " 个根本阻碍，目标：")
          << target << "\n";
      break;
    case engine::Verdict::needs_info:
      out << style(kYellow, std::string(say(lang, "NEEDS INFORMATION", "需要补充信息")))
          << say(lang, ": nothing blocks ", "：暂无阻碍，但还不能确定能否到达 ") << target
          << say(lang, " yet, but some facts are missing\n", "\n");
      break;
    case engine::Verdict::clear:
      out << style(kGreen, std::string(say(lang, "CLEAR", "畅通")))
          << say(lang, ": nothing blocks ", "：没有任何阻碍，目标：") << target << "\n";
      break;
  }
  for (const engine::BlockedStep& b : d.blockers) {
    out << "\n" << style(kRed, "✗ ") << step_label(m, b.step, lang);
    if (!b.root) out << say(lang, "  (also held up by an earlier blocker)", "（同时受前面步骤阻碍）");
    out << "\n";
    for (const engine::Finding& f : b.causes) out << finding_text(m, f, o, 2);
    if (!b.blocks.empty()) {
      out << "  " << say(lang, "Holds up: ", "因此无法进行：");
      for (std::size_t i = 0; i < b.blocks.size(); ++i)
        out << (i ? ", " : "") << m.steps()[b.blocks[i]].title.get(lang);
      out << "\n";
    }
  }
  if (!d.warnings.empty()) {
    out << "\n" << style(kYellow, std::string(say(lang, "Warnings", "风险提示"))) << "\n";
    for (const engine::Finding& f : d.warnings) {
      out << "! " << step_label(m, f.step, lang) << say(lang, " — likelihood ", " — 可能性")
          << likelihood(m.rules()[f.rule].likelihood, lang) << "\n";
      out << finding_text(m, f, o, 2);
    }
  }
  if (!d.waiting.empty()) {
    out << "\n" << say(lang, "Waiting", "等待中") << "\n";
    for (const engine::Finding& f : d.waiting) {
      out << "… " << step_label(m, f.step, lang) << say(lang, " — on ", " — 等待方：") << m.rules()[f.rule].actor
          << "\n";
      out << finding_text(m, f, o, 2);
    }
  }
  if (!d.needs_info.empty()) {
    out << "\n" << style(kYellow, std::string(say(lang, "Information needed", "需要补充的信息"))) << "\n";
    for (const engine::NeededFact& n : d.needs_info) {
      const engine::FactInfo& f = m.facts()[n.fact];
      out << "? " << f.name;
      if (!f.question.empty()) out << " — " << f.question.get(lang);
      out << "\n";
      if (o.explain) {
        for (engine::RuleId r : n.rules) {
          const engine::RuleInfo& rule = m.rules()[r];
          out << "  "
              << style(kDim, std::string(say(lang, "decides rule ", "决定规则 ")) + rule.name + " @ " +
                                 rule.location.file + ":" + std::to_string(rule.location.line))
              << "\n";
        }
      }
    }
  }
  if (!d.next_steps.empty()) {
    out << "\n" << say(lang, "Next steps", "下一步") << "\n";
    int i = 0;
    for (engine::StepId s : d.next_steps) out << ++i << ". " << step_label(m, s, lang) << "\n";
  }
  return out.str();
}

namespace {

Json sources_json(const std::vector<engine::Source>& sources) {
  Json arr = Json::array();
  for (const engine::Source& s : sources)
    arr.push_back({{"ref", s.ref}, {"checked", s.checked}, {"certainty", std::string(engine::to_string(s.certainty))}});
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

Json finding_json(const engine::Model& m, const engine::Finding& f, const RenderOptions& o) {
  const engine::CauseInfo& cause = m.causes()[f.cause];
  const engine::RuleInfo& rule = m.rules()[f.rule];
  Json j{{"cause", cause.name},
         {"rule", rule.name},
         {"step", m.steps()[f.step].name},
         {"title", cause.title.get(o.lang)},
         {"explanation", cause.explanation.get(o.lang)}};
  if (rule.effect == engine::Effect::warn) j["likelihood"] = likelihood(rule.likelihood, Lang::en);
  if (rule.effect == engine::Effect::wait) j["actor"] = rule.actor;
  Json evidence = Json::array();
  for (const engine::Evidence& e : f.evidence) evidence.push_back(evidence_json(e));
  j["evidence"] = std::move(evidence);
  Json fixes = Json::array();
  for (const engine::Fix& fix : cause.fixes) {
    Json changes = Json::array();
    for (const engine::FactChange& c : fix.changes) changes.push_back(change_text(m, c));
    fixes.push_back({{"text", fix.text.get(o.lang)}, {"changes", std::move(changes)}});
  }
  j["fixes"] = std::move(fixes);
  j["sources"] = sources_json(rule.sources.empty() ? cause.sources : rule.sources);
  if (o.explain) {
    j["trace"] = {{"file", rule.location.file}, {"line", rule.location.line}, {"condition", rule.condition_text}};
  }
  return j;
}

Json diagnosis_json(const engine::Model& m, const engine::Diagnosis& d, const RenderOptions& o) {
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
  Json steps = Json::array();
  for (engine::StepId s : m.topological_order()) {
    if (d.in_scope.empty() || !d.in_scope[s]) continue;
    steps.push_back({{"step", m.steps()[s].name}, {"status", std::string(engine::to_string(d.status[s]))}});
  }
  j["steps"] = std::move(steps);
  return j;
}

}  // namespace mpadvisor::cli
