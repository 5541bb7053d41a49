#include "evidence.hpp"

#include <algorithm>
#include <optional>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"
#include "value_words.hpp"

namespace mpadvisor::render {
namespace {

// Each item of a list value as the KB spells it ("[a, b]" for a set, a JSON array of strings
// for a list of texts); nothing when the spelling is not one.
std::vector<std::string> items_of(const engine::FactInfo& f, const std::string& spelled) {
  std::vector<std::string> items;
  if (f.type == engine::FactType::text_list) {
    Json const list = Json::parse(spelled, nullptr, false);
    if (!list.is_array()) return {};
    for (const Json& item : list)
      if (item.is_string()) items.push_back(item.get<std::string>());
    return items;
  }
  if (spelled.size() < 2 || spelled.front() != '[' || spelled.back() != ']') return {};
  std::string_view rest(spelled.data() + 1, spelled.size() - 2);
  while (!rest.empty()) {
    std::size_t const comma = rest.find(", ");
    items.emplace_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
  }
  return items;
}

// "name contains_any commercial_words → yes"
std::string test_text(const engine::Evidence& e, Lang lang) {
  return std::string(e.test) + " → " + std::string(text(lang, message_of(e.outcome)));
}

// The fact and its value as shown: "主体类型：个人" when the KB gives the fact a title, else in
// KB notation ("entity = personal"); or a step's state.
std::string value_text(const engine::Model& m, const engine::Evidence& e, Lang lang) {
  if (e.fact == "done") {
    std::optional<engine::StepId> const step = m.find_step(e.value);
    std::string const label = step ? step_label(m, *step, lang) : safe(e.value);
    return say(lang, e.outcome == engine::Truth::yes ? Msg::step_done : Msg::step_not_done, label);
  }
  std::optional<engine::FactId> const id = m.find_fact(e.fact);
  const engine::FactInfo* f = id ? &m.facts()[*id] : nullptr;
  if (f == nullptr || f->title.empty()) {
    std::string const value = e.known ? e.value : std::string(text(lang, Msg::value_unknown));
    return safe(std::string(e.fact) + " = " + value);
  }
  std::string const value = e.known ? kb_value_words(*f, e.value, lang) : std::string(text(lang, Msg::value_unknown));
  return say(lang, Msg::evidence_fact, safe(f->title.get(lang)), value);
}

// A term list as applicants read it: its title, or its id when the KB gives none.
std::string list_name(const engine::Model& m, const std::string& list, Lang lang) {
  for (const engine::TermListInfo& t : m.term_lists())
    if (t.name == list && !t.title.empty()) return safe(t.title.get(lang));
  return safe(list);
}

}  // namespace

// A value as the KB spells it, in words (value_words.hpp): a text is a JSON string, a list
// "[a, b]" or a JSON array; a spelling that is none of these is shown as it is.
std::string kb_value_words(const engine::FactInfo& f, const std::string& spelled, Lang lang) {
  switch (f.type) {
    case engine::FactType::text: {
      Json const t = Json::parse(spelled, nullptr, false);
      return t.is_string() ? one_value_words(f, t.get<std::string>(), lang) : safe(spelled);
    }
    case engine::FactType::text_list:
    case engine::FactType::enum_set: {
      std::vector<std::string> const items = items_of(f, spelled);
      if (items.empty() && spelled != "[]") return safe(spelled);
      return list_words(f, std::vector<std::string_view>(items.begin(), items.end()), lang);
    }
    default:
      return one_value_words(f, spelled, lang);
  }
}

std::vector<std::string> evidence_lines(const engine::Model& m, const std::vector<engine::Evidence>& evidence,
                                        const Options& o) {
  // Group by fact and value, in the order they first appear.
  std::vector<std::vector<const engine::Evidence*>> groups;
  for (const engine::Evidence& e : evidence) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.front()->fact == e.fact && g.front()->value == e.value && g.front()->known == e.known;
    });
    if (same == groups.end())
      groups.push_back({&e});
    else
      same->push_back(&e);
  }
  std::vector<std::string> lines;
  for (const auto& group : groups) {
    std::string line = value_text(m, *group.front(), o.lang);
    for (const engine::Evidence* e : group) {
      if (!e->match) continue;
      line += say(o.lang, Msg::evidence_contains, safe(e->match->matched), safe(e->match->term),
                  list_name(m, e->match->list, o.lang));
    }
    std::string tests;
    for (const engine::Evidence* e : group)
      tests += (tests.empty() ? "" : std::string(text(o.lang, Msg::clause_separator))) + safe(test_text(*e, o.lang));
    line += " " + Style{o.colour}.dim(say(o.lang, Msg::evidence_tests, tests));
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string source_text(const engine::Source& s, Lang lang) {
  std::string out = s.title.empty() ? safe(s.ref) : safe(s.title.get(lang));
  if (!s.section.empty()) out += say(lang, Msg::source_section, safe(s.section));
  if (!s.title.empty() && !s.ref.empty()) out += " — " + safe(s.ref);
  std::string details;
  if (!s.checked.empty()) details = say(lang, Msg::source_checked, s.checked);
  if (s.certainty != engine::Certainty::unspecified) {
    details += (details.empty() ? "" : std::string(text(lang, Msg::list_separator))) +
               std::string(text(lang, message_of(s.certainty)));
  }
  if (!details.empty()) out += say(lang, Msg::parenthesised, details);
  return out;
}

}  // namespace mpadvisor::render
