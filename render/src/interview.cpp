#include "mpadvisor/render/interview.hpp"

#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {

std::string fact_type_name(engine::FactType type) {
  switch (type) {
    case engine::FactType::boolean:
      return "bool";
    case engine::FactType::number:
      return "number";
    case engine::FactType::text:
      return "text";
    case engine::FactType::text_list:
      return "list";
    case engine::FactType::enumeration:
      return "enum";
    case engine::FactType::enum_set:
      return "set";
    case engine::FactType::date:
      return "date";
    case engine::FactType::datetime:
      return "datetime";
  }
  return "text";
}

namespace {

Msg answer_hint(engine::FactType type) {
  switch (type) {
    case engine::FactType::boolean:
      return Msg::answer_yes_no;
    case engine::FactType::enumeration:
      return Msg::answer_one_number;
    case engine::FactType::enum_set:
      return Msg::answer_numbers;
    case engine::FactType::number:
      return Msg::answer_number;
    case engine::FactType::date:
      return Msg::answer_date;
    case engine::FactType::datetime:
      return Msg::answer_datetime;
    case engine::FactType::text_list:
      return Msg::answer_list;
    case engine::FactType::text:
      break;
  }
  return Msg::answer_text;
}

}  // namespace

Json question_json(const engine::Model& m, const engine::InterviewState& state, const Options& o) {
  const engine::Question& q = *state.next;
  const engine::FactInfo& f = m.facts()[q.fact];
  Json choices = Json::array();
  for (std::size_t i = 0; i < f.values.size(); ++i) {
    std::string const title = f.choices[i].empty() ? f.values[i] : f.choices[i].get(o.lang);
    choices.push_back({{"value", f.values[i]}, {"title", title}});
  }
  Json why = Json::array();
  for (engine::RuleId r : q.rules) {
    const engine::RuleInfo& rule = m.rules()[r];
    why.push_back({{"rule", rule.name},
                   {"step", m.steps()[rule.step].name},
                   {"cause", m.causes()[rule.cause].name},
                   {"title", m.causes()[rule.cause].title.get(o.lang)}});
  }
  for (engine::StepId s : q.done_when) {
    why.push_back({{"step", m.steps()[s].name}, {"done_when", true}, {"title", m.steps()[s].title.get(o.lang)}});
  }
  return {{"fact", f.name},
          {"type", fact_type_name(f.type)},
          {"priority", q.priority == engine::QuestionPriority::blocking ? "blocking" : "warning"},
          {"text", f.question.get(o.lang)},
          {"help", f.help.get(o.lang)},
          {"example", f.example.get(o.lang)},
          {"choices", std::move(choices)},
          {"why", std::move(why)},
          {"remaining_max", state.remaining_max},
          {"settled", state.settled}};
}

std::string question_text(const engine::Model& m, const engine::InterviewState& state, const Options& o) {
  const engine::Question& q = *state.next;
  const engine::FactInfo& f = m.facts()[q.fact];
  Style const style{o.colour};
  std::ostringstream out;
  Msg const more = state.remaining_max == 1 ? Msg::at_most_one_more : Msg::at_most_more;
  out << "\n" << style.dim(say(o.lang, more, state.remaining_max)) << "\n";
  out << style.cyan(safe(f.question.get(o.lang).empty() ? f.name : f.question.get(o.lang))) << "\n";
  if (!f.help.empty()) out << "  " << safe(f.help.get(o.lang)) << "\n";
  for (std::size_t i = 0; i < f.values.size(); ++i) {
    std::string const title = f.choices[i].empty() ? f.values[i] : safe(f.choices[i].get(o.lang));
    out << "  " << i + 1 << ". " << title << "\n";
  }
  if (!f.example.empty()) out << "  " << say(o.lang, Msg::answer_example, safe(f.example.get(o.lang))) << "\n";
  out << "  "
      << style.dim(std::string(text(o.lang, answer_hint(f.type))) + std::string(text(o.lang, Msg::answer_commands)))
      << "\n";
  return out.str();
}

std::string why_text(const engine::Model& m, const engine::Question& q, const Options& o) {
  std::ostringstream out;
  out << text(o.lang,
              q.priority == engine::QuestionPriority::blocking ? Msg::why_asked_blocking : Msg::why_asked_warning)
      << "\n";
  for (engine::RuleId r : q.rules) {
    const engine::RuleInfo& rule = m.rules()[r];
    out << "  - " << step_label(m, rule.step, o.lang) << text(o.lang, Msg::colon)
        << safe(m.causes()[rule.cause].title.get(o.lang)) << "\n";
  }
  for (engine::StepId s : q.done_when)
    out << "  - " << say(o.lang, Msg::why_done_when, step_label(m, s, o.lang)) << "\n";
  return out.str();
}

}  // namespace mpadvisor::render
