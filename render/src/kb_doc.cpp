#include <map>
#include <sstream>

#include "mpadvisor/engine/graph_export.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/kb.hpp"

namespace mpadvisor::render {
namespace {

std::string cell(std::string s) {
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return s;
}

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// The units as the KB writes them in English (the document's English keeps the KB's words),
// in words in Chinese.
std::string amount(const engine::TimeAmount& a, Lang lang) {
  static constexpr Msg kUnits[] = {Msg::doc_unit_min, Msg::doc_unit_h, Msg::doc_unit_d, Msg::doc_unit_wd};
  return number(a.amount) + " " + std::string(text(lang, kUnits[static_cast<int>(a.unit)]));
}

std::string duration(const std::optional<engine::Duration>& d, Lang lang) {
  if (!d) return "";
  if (d->low.unit == d->high.unit && d->low.amount == d->high.amount) return amount(d->low, lang);
  if (d->low.unit == d->high.unit) return number(d->low.amount) + "–" + amount(d->high, lang);
  return amount(d->low, lang) + " – " + amount(d->high, lang);
}

// kb check allows no currency but cny.
std::string cost(const std::optional<engine::Cost>& c, Lang lang) {
  if (!c) return "";
  std::string out = say(lang, Msg::doc_cost, number(c->amount));
  if (c->per_attempt) out += text(lang, Msg::doc_per_attempt);
  if (c->per_year) out += text(lang, Msg::doc_per_year);
  if (!c->refundable) out += text(lang, Msg::doc_not_refunded);
  return out;
}

std::string sources(const std::vector<engine::Source>& list, Lang lang) {
  std::string out;
  for (const engine::Source& s : list) {
    // A reference the KB declares (an applicant's published account) may have no address:
    // it is named by its title.
    std::string named = s.title.empty() ? s.ref : s.title.get(lang);
    if (!s.section.empty()) named += " §" + s.section;
    if (!s.title.empty() && !s.ref.empty()) named += " — " + s.ref;
    out += (out.empty() ? "" : "<br>") + named;
    if (s.certainty == engine::Certainty::unspecified) continue;
    out += lang == Lang::zh ? "（" + std::string(text(lang, message_of(s.certainty))) + "）"
                            : " (" + std::string(engine::to_string(s.certainty)) + ")";
  }
  return out;
}

Msg effect(engine::Effect k) {
  return k == engine::Effect::block ? Msg::doc_blocks : k == engine::Effect::warn ? Msg::doc_warns : Msg::doc_waits;
}

// The English document keeps the KB's actor names; the Chinese one says who in words.
std::string actor(const std::string& name, Lang lang) { return lang == Lang::en ? name : actor_word(name, lang); }

}  // namespace

std::string kb_markdown(const engine::Model& m, Lang lang) {
  std::ostringstream out;
  out << text(lang, Msg::doc_title) << "\n\n"
      << text(lang, Msg::doc_generated) << "\n\n"
      << say(lang, Msg::doc_summary, m.version(), m.steps().size(), m.rules().size(), m.causes().size(),
             m.facts().size(), m.scenarios().size())
      << "\n\n";
  std::string goals;
  for (std::size_t i = 0; i < m.goals().size(); ++i) {
    const engine::StepInfo& g = m.steps()[m.goals()[i]];
    goals += (i ? std::string(text(lang, Msg::list_separator)) : "") +
             say(lang, i == 0 ? Msg::doc_default_goal : Msg::doc_goal, g.title.get(lang), g.name);
  }
  out << say(lang, Msg::doc_goals, goals) << "\n\n"
      << text(lang, Msg::doc_graph_heading) << "\n\n"
      << text(lang, Msg::doc_graph_intro) << "\n\n"
      << text(lang, Msg::doc_graph_image) << "\n\n"
      << "<details><summary>" << text(lang, Msg::doc_dot_source) << "</summary>\n\n```dot\n"
      << engine::to_dot(m, lang) << "```\n\n</details>\n\n";
  out << text(lang, Msg::doc_steps_heading) << "\n\n"
      << text(lang, Msg::doc_steps_columns) << "\n|---|---|---|---|---|---|---|\n";
  for (engine::StepId s : m.topological_order()) {
    const engine::StepInfo& step = m.steps()[s];
    std::string requires_;
    for (engine::StepId r : step.requires_) {
      if (!requires_.empty()) requires_ += text(lang, Msg::list_separator);
      requires_ += "`" + m.steps()[r].name + "`";
    }
    out << "| `" << step.name << "` | " << cell(step.title.zh) << " | " << cell(step.title.en) << " | "
        << actor(step.actor, lang) << " | " << requires_ << " | " << duration(step.duration, lang) << " | "
        << cost(step.cost, lang) << " |\n";
  }
  std::map<engine::CauseId, std::vector<const engine::RuleInfo*>> rules_of;
  for (const engine::RuleInfo& r : m.rules()) rules_of[r.cause].push_back(&r);
  out << "\n"
      << text(lang, Msg::doc_causes_heading) << "\n\n"
      << text(lang, Msg::doc_causes_columns) << "\n|---|---|---|---|---|---|\n";
  for (engine::CauseId c = 0; c < m.causes().size(); ++c) {
    const engine::CauseInfo& cause = m.causes()[c];
    std::string rules;
    for (const engine::RuleInfo* r : rules_of[c])
      rules += (rules.empty() ? "" : "<br>") + ("`" + r->name + "` " + std::string(text(lang, effect(r->effect))) +
                                                " `" + m.steps()[r->step].name + "`");
    out << "| `" << cause.name << "` | " << cell(cause.title.zh) << " | " << cell(cause.title.en) << " | "
        << (cause.stage == engine::kNone ? "" : "`" + m.steps()[cause.stage].name + "`") << " | " << rules << " | "
        << cell(sources(cause.sources, lang)) << " |\n";
  }
  out << "\n"
      << text(lang, Msg::doc_facts_heading) << "\n\n"
      << text(lang, Msg::doc_facts_columns) << "\n|---|---|---|---|\n";
  for (const engine::FactInfo& f : m.facts()) {
    out << "| `" << f.name << "` | " << cell(f.title.zh) << " | " << cell(f.title.en) << " | "
        << cell(f.question.get(lang)) << " |\n";
  }
  return out.str();
}

}  // namespace mpadvisor::render
