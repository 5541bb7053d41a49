// Rendering of proofs (why / why-not) and of what-if comparisons.
#include <sstream>

#include "render.hpp"
#include "ui_text.hpp"

namespace mpadvisor::cli {

using engine::Lang;

namespace {

const char* mark(engine::Truth t) { return t == engine::Truth::yes ? "✓" : t == engine::Truth::no ? "✗" : "?"; }

void proof_lines(const engine::ProofNode& p, int depth, const RenderOptions& o, std::ostringstream& out) {
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << mark(p.value) << " " << p.text << "  ["
      << engine::to_string(p.value) << "]\n";
  for (const engine::Evidence& e : p.facts) {
    out << std::string(static_cast<std::size_t>(depth) * 2 + 4, ' ') << e.fact << " = " << e.value;
    if (e.match)
      out << say(o.lang, "  (matched “", "（命中“") << e.match->matched << "” = " << e.match->list << ":"
          << e.match->term << say(o.lang, ")", "）");
    out << "\n";
  }
  for (const engine::ProofNode& c : p.children) proof_lines(c, depth + 1, o, out);
}

std::string key_text(const engine::Model& m, const engine::FindingKey& k, Lang lang) {
  return m.steps()[k.step].title.get(lang) + " (" + m.steps()[k.step].name +
         "): " + m.causes()[k.cause].title.get(lang) + " [" + m.causes()[k.cause].name + "]";
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

}  // namespace

std::string proof_text(const engine::ProofNode& proof, const RenderOptions& o) {
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

std::string whatif_text(const engine::Model& m, const engine::WhatIf& w, const RenderOptions& o) {
  const Lang lang = o.lang;
  std::ostringstream out;
  out << say(lang, "Verdict: ", "结论：") << engine::to_string(w.before.verdict) << " → "
      << engine::to_string(w.after.verdict) << "\n";
  auto section = [&](std::string_view title, const std::vector<engine::FindingKey>& keys, const char* bullet) {
    if (keys.empty()) return;
    out << "\n" << title << "\n";
    for (const engine::FindingKey& k : keys) out << bullet << " " << key_text(m, k, lang) << "\n";
  };
  section(say(lang, "Blockers resolved", "解除的阻碍"), w.resolved, "-");
  section(say(lang, "Blockers introduced", "新增的阻碍"), w.introduced, "+");
  section(say(lang, "Blockers unchanged", "仍然存在的阻碍"), w.unchanged, "=");
  section(say(lang, "Warnings resolved", "解除的风险"), w.warnings_resolved, "-");
  section(say(lang, "Warnings introduced", "新增的风险"), w.warnings_introduced, "+");
  if (w.resolved.empty() && w.introduced.empty() && w.warnings_resolved.empty() && w.warnings_introduced.empty()) {
    out << say(lang, "\nNo blocker or warning changes.\n", "\n阻碍和风险都没有变化。\n");
  }
  return out.str();
}

Json whatif_json(const engine::Model& m, const engine::WhatIf& w, const RenderOptions& o) {
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

}  // namespace mpadvisor::cli
