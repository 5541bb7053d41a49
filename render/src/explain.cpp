#include "mpadvisor/render/explain.hpp"

#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {
namespace {

const char* mark(engine::Truth t) { return t == engine::Truth::yes ? "✓" : t == engine::Truth::no ? "✗" : "?"; }

void proof_lines(const engine::ProofNode& p, int depth, const Options& o, std::ostringstream& out) {
  std::string const shown =
      p.text == engine::kListedDone ? std::string(text(o.lang, Msg::proof_listed_done)) : safe(p.text);
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << mark(p.value) << " " << shown << "  ["
      << text(o.lang, message_of(p.value)) << "]\n";
  for (const engine::Evidence& e : p.facts) {
    out << std::string(static_cast<std::size_t>(depth) * 2 + 4, ' ');
    if (e.fact == "done") {
      out << say(o.lang, e.outcome == engine::Truth::yes ? Msg::step_done : Msg::step_not_done, e.value);
    } else {
      out << e.fact << " = " << (e.known ? safe(e.value) : std::string(text(o.lang, Msg::value_unknown)));
    }
    if (e.match) out << say(o.lang, Msg::proof_matched, safe(e.match->matched), e.match->list, safe(e.match->term));
    out << "\n";
  }
  for (const engine::ProofNode& c : p.children) proof_lines(c, depth + 1, o, out);
}

std::string key_text(const engine::Model& m, const engine::FindingKey& k, Lang lang) {
  return step_label(m, k.step, lang) + std::string(text(lang, Msg::colon)) + safe(m.causes()[k.cause].title.get(lang)) +
         " [" + m.causes()[k.cause].name + "]";
}

Json keys_json(const engine::Model& m, const std::vector<engine::FindingKey>& keys, Lang lang) {
  Json arr = Json::array();
  for (const engine::FindingKey& k : keys) {
    arr.push_back({{"step", m.steps()[k.step].name},
                   {"cause", m.causes()[k.cause].name},
                   {"rule", m.rules()[k.rule].name},
                   {"title", m.causes()[k.cause].title.get(lang)}});
  }
  return arr;
}

std::string rule_heading(const engine::Model& m, engine::RuleId rule, Lang lang) {
  const engine::RuleInfo& info = m.rules()[rule];
  return say(lang, Msg::why_rule_heading, info.name, info.location.file, info.location.line,
             safe(m.causes()[info.cause].title.get(lang)));
}

}  // namespace

std::string proof_text(const engine::ProofNode& proof, const Options& o) {
  std::ostringstream out;
  proof_lines(proof, 0, o, out);
  return out.str();
}

Json proof_json(const engine::ProofNode& p) {
  Json facts = Json::array();
  for (const engine::Evidence& e : p.facts) {
    Json f{{"fact", e.fact}, {"value", e.value}};
    if (e.match) f["match"] = {{"list", e.match->list}, {"term", e.match->term}, {"text", e.match->matched}};
    facts.push_back(std::move(f));
  }
  Json children = Json::array();
  for (const engine::ProofNode& c : p.children) children.push_back(proof_json(c));
  return {{"condition", p.text},
          {"value", std::string(engine::to_string(p.value))},
          {"facts", std::move(facts)},
          {"children", std::move(children)}};
}

std::string rule_explanation_text(const engine::Model& m, const RuleExplanation& e, const Options& o) {
  std::ostringstream out;
  out << rule_heading(m, e.rule, o.lang) << "\n";
  if (e.why_not) {
    if (e.proof.value == engine::Truth::yes) {
      out << text(o.lang, Msg::why_not_fired) << "\n";
    } else {
      out << text(o.lang, e.proof.value == engine::Truth::no ? Msg::why_not_false : Msg::why_not_unknown) << "\n";
      for (const engine::ProofNode* p : engine::failing_parts(e.proof)) out << proof_text(*p, o);
    }
  }
  out << proof_text(e.proof, o);
  return out.str();
}

Json rule_explanation_json(const engine::Model& m, const RuleExplanation& e, const Options&) {
  const engine::RuleInfo& info = m.rules()[e.rule];
  Json j{{"rule", info.name},
         {"step", m.steps()[info.step].name},
         {"cause", m.causes()[info.cause].name},
         {"fired", e.proof.value == engine::Truth::yes},
         {"value", std::string(engine::to_string(e.proof.value))},
         {"proof", proof_json(e.proof)}};
  if (e.why_not) {
    Json parts = Json::array();
    for (const engine::ProofNode* p : engine::failing_parts(e.proof)) parts.push_back(proof_json(*p));
    j["failing"] = std::move(parts);
  }
  return j;
}

std::string step_explanation_text(const engine::Model& m, const StepExplanation& e, const Options& o) {
  std::ostringstream out;
  out << step_label(m, e.step, o.lang) << text(o.lang, Msg::colon) << status_word(e.diagnosis.status[e.step], o.lang)
      << "\n";
  if (e.done_proof) out << proof_text(*e.done_proof, o);
  for (const auto& [rule, proof] : e.proofs) {
    out << "\n" << rule_heading(m, rule, o.lang) << "\n" << proof_text(proof, o);
  }
  return out.str();
}

Json step_explanation_json(const engine::Model& m, const StepExplanation& e, const Options& o) {
  Json j{{"step", m.steps()[e.step].name}, {"status", std::string(engine::to_string(e.diagnosis.status[e.step]))}};
  if (e.done_proof) j["proof"] = proof_json(*e.done_proof);
  j["diagnosis"] = diagnosis_json(m, e.diagnosis, o);
  return j;
}

std::string whatif_text(const engine::Model& m, const engine::WhatIf& w, const Options& o) {
  const Lang lang = o.lang;
  std::ostringstream out;
  out << say(lang, Msg::whatif_verdict, verdict_word(w.before.verdict, lang), verdict_word(w.after.verdict, lang))
      << "\n";
  auto section = [&](Msg title, const std::vector<engine::FindingKey>& keys, const char* bullet) {
    if (keys.empty()) return;
    out << "\n" << text(lang, title) << "\n";
    for (const engine::FindingKey& k : keys) out << bullet << " " << key_text(m, k, lang) << "\n";
  };
  section(Msg::whatif_resolved, w.resolved, "-");
  section(Msg::whatif_introduced, w.introduced, "+");
  section(Msg::whatif_unchanged, w.unchanged, "=");
  section(Msg::whatif_warnings_resolved, w.warnings_resolved, "-");
  section(Msg::whatif_warnings_introduced, w.warnings_introduced, "+");
  if (w.resolved.empty() && w.introduced.empty() && w.warnings_resolved.empty() && w.warnings_introduced.empty()) {
    out << "\n" << text(lang, Msg::whatif_no_change) << "\n";
  }
  return out.str();
}

Json whatif_json(const engine::Model& m, const engine::WhatIf& w, const Options& o) {
  return {{"verdict_before", std::string(engine::to_string(w.before.verdict))},
          {"verdict_after", std::string(engine::to_string(w.after.verdict))},
          {"resolved", keys_json(m, w.resolved, o.lang)},
          {"introduced", keys_json(m, w.introduced, o.lang)},
          {"unchanged", keys_json(m, w.unchanged, o.lang)},
          {"warnings_resolved", keys_json(m, w.warnings_resolved, o.lang)},
          {"warnings_introduced", keys_json(m, w.warnings_introduced, o.lang)},
          {"before", diagnosis_json(m, w.before, o)},
          {"after", diagnosis_json(m, w.after, o)}};
}

}  // namespace mpadvisor::render
