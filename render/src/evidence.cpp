#include "evidence.hpp"

#include <algorithm>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {
namespace {

// "name contains_any commercial_words → yes"
std::string test_text(const engine::Evidence& e, Lang lang) {
  return std::string(e.test) + " → " + std::string(text(lang, message_of(e.outcome)));
}

// The value as shown: KB spelling, "unknown" in the output's language, or a step's state.
std::string value_text(const engine::Evidence& e, Lang lang) {
  if (e.fact == "done")
    return say(lang, e.outcome == engine::Truth::yes ? Msg::step_done : Msg::step_not_done, e.value);
  if (!e.known) return std::string(e.fact) + " = " + std::string(text(lang, Msg::value_unknown));
  return std::string(e.fact) + " = " + e.value;
}

// A term list as applicants read it: its title, or its id when the KB gives none.
std::string list_name(const engine::Model& m, const std::string& list, Lang lang) {
  for (const engine::TermListInfo& t : m.term_lists())
    if (t.name == list && !t.title.empty()) return safe(t.title.get(lang));
  return safe(list);
}

}  // namespace

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
    std::string line = safe(value_text(*group.front(), o.lang));
    for (const engine::Evidence* e : group) {
      if (!e->match) continue;
      line += say(o.lang, Msg::evidence_contains, safe(e->match->matched), safe(e->match->term),
                  list_name(m, e->match->list, o.lang));
    }
    std::string tests;
    for (const engine::Evidence* e : group) tests += (tests.empty() ? "" : "; ") + safe(test_text(*e, o.lang));
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
