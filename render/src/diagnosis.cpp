#include "mpadvisor/render/diagnosis.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "evidence.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/rejection.hpp"
#include "mpadvisor/render/terminal.hpp"
#include "value_words.hpp"

namespace mpadvisor::render {

std::string step_title(const engine::Model& m, engine::StepId s, Lang lang) {
  return safe(m.steps()[s].title.get(lang));
}

std::string step_label(const engine::Model& m, engine::StepId s, Lang lang) {
  return step_title(m, s, lang) + " (" + m.steps()[s].name + ")";
}

std::string fact_title(const engine::Model& m, engine::FactId fact, Lang lang) {
  const engine::FactInfo& f = m.facts()[fact];
  return f.title.empty() ? f.name : safe(f.title.get(lang));
}

std::string fact_titles(const engine::Model& m, const std::vector<engine::FactId>& facts, Lang lang) {
  std::string out;
  for (engine::FactId f : facts) {
    if (!out.empty()) out += text(lang, Msg::list_separator);
    out += fact_title(m, f, lang);
  }
  return out;
}

std::string fact_label(const engine::Model& m, engine::FactId fact, Lang lang) {
  const engine::FactInfo& f = m.facts()[fact];
  if (f.title.empty()) return f.name;
  return fact_title(m, fact, lang) + " (" + f.name + ")";
}

std::string minute_text(std::int64_t t) {
  std::string s = base::format_datetime(t).substr(0, 16);
  s[10] = ' ';
  return s;
}

std::string one_value_words(const engine::FactInfo& f, std::string_view value, Lang lang) {
  switch (f.type) {
    case engine::FactType::boolean:
      return std::string(text(lang, value == "true" ? Msg::value_yes : Msg::value_no));
    case engine::FactType::enumeration:
    case engine::FactType::enum_set:
      return value_label(f, value, lang);
    case engine::FactType::text:
    case engine::FactType::text_list:
      return say(lang, Msg::quoted_text, safe(value));
    case engine::FactType::datetime: {
      base::ParsedTime const t = base::parse_time(value);
      return t.ok() ? minute_text(t.seconds) : safe(value);
    }
    default:
      return safe(value);
  }
}

std::string list_words(const engine::FactInfo& f, const std::vector<std::string_view>& items, Lang lang) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += text(lang, Msg::list_separator);
    out += one_value_words(f, item, lang);
  }
  return out.empty() ? std::string(text(lang, Msg::value_none)) : out;
}

std::string command_line_value_words(const engine::FactInfo& f, std::string_view value, Lang lang) {
  if (f.type != engine::FactType::enum_set && f.type != engine::FactType::text_list)
    return one_value_words(f, value, lang);
  std::vector<std::string_view> items;  // "a,b": the command line's items, empty ones left out
  for (std::string_view rest = value; !rest.empty();) {
    std::size_t const comma = rest.find(',');
    if (comma != 0) items.push_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return list_words(f, items, lang);
}

std::string change_words(const engine::Model& m, engine::FactId fact, engine::ChangeOp op,
                         const std::string& value_words, Lang lang) {
  std::string const title = fact_title(m, fact, lang);
  switch (op) {
    case engine::ChangeOp::add:
      return say(lang, Msg::plan_add_to, title, value_words);
    case engine::ChangeOp::remove:
      return say(lang, Msg::plan_remove_from, title, value_words);
    case engine::ChangeOp::unset:
      return say(lang, Msg::plan_clear, title);
    default:
      return say(lang, Msg::plan_set_to, title, value_words);
  }
}

std::string value_label(const engine::FactInfo& f, std::string_view value, Lang lang) {
  for (std::size_t i = 0; i < f.values.size() && i < f.choices.size(); ++i)
    if (f.values[i] == value && !f.choices[i].empty()) return safe(f.choices[i].get(lang));
  return safe(value);
}

std::string status_word(engine::StepStatus s, Lang lang) { return std::string(text(lang, message_of(s))); }
std::string verdict_word(engine::Verdict v, Lang lang) { return std::string(text(lang, message_of(v))); }

namespace {

// A fix's change as the KB writes it (`name = "…"`, `residence_proofs += …`, `name suggest
// adding personal_use_words`), the same in every language: the JSON's `changes` are for programs.
std::string change_text(const engine::Model& m, const engine::FactChange& c) {
  const std::string& fact = m.facts()[c.fact].name;
  switch (c.op) {
    case engine::ChangeOp::suggest:
      return fact + (c.suggest == engine::SuggestMode::adding ? " suggest adding " : " suggest from ") +
             m.term_lists()[c.list].name;
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

// One item a change adds to or removes from a set or list fact, in words: a set's value as its
// choice, a list's text (a JSON string in the KB) in quotation marks.
std::string item_words(const engine::FactInfo& f, const std::string& spelled, Lang lang) {
  Json const item = Json::parse(spelled, nullptr, false);
  return item.is_string() ? one_value_words(f, item.get<std::string>(), lang) : one_value_words(f, spelled, lang);
}

// One change of a fix that sets, clears or suggests a value, in words.
std::string fix_change_words(const engine::Model& m, const engine::FactChange& c, Lang lang) {
  const engine::FactInfo& f = m.facts()[c.fact];
  switch (c.op) {
    case engine::ChangeOp::suggest: {
      const engine::TermListInfo& list = m.term_lists()[c.list];
      std::string const title = list.title.empty() ? list.name : list.title.get(lang);
      return say(lang, c.suggest == engine::SuggestMode::adding ? Msg::fix_suggest_adding : Msg::fix_suggest_from,
                 fact_title(m, c.fact, lang), safe(title));
    }
    case engine::ChangeOp::add:
    case engine::ChangeOp::remove:
      return change_words(m, c.fact, c.op, item_words(f, c.value.spelling, lang), lang);
    case engine::ChangeOp::unset:
      return change_words(m, c.fact, c.op, "", lang);
    case engine::ChangeOp::assign:
      break;
  }
  return change_words(m, c.fact, c.op, kb_value_words(f, c.value.spelling, lang), lang);
}

// A fix's changes in words, for the applicant: "在居住地证明中加上社保缴纳记录"; items added to or
// removed from one fact one after another said in one sentence; a suggested value by the list
// it draws on. (change_text above is the KB's notation, for programs.)
std::string fix_changes_words(const engine::Model& m, const std::vector<engine::FactChange>& changes, Lang lang) {
  std::string const separator(text(lang, Msg::list_separator));
  std::string out;
  for (std::size_t i = 0; i < changes.size();) {
    const engine::FactChange& c = changes[i];
    const engine::FactInfo& f = m.facts()[c.fact];
    std::string sentence;
    if (c.op == engine::ChangeOp::add || c.op == engine::ChangeOp::remove) {
      std::string items;
      for (; i < changes.size() && changes[i].fact == c.fact && changes[i].op == c.op; ++i)
        items += (items.empty() ? "" : separator) + item_words(f, changes[i].value.spelling, lang);
      sentence = change_words(m, c.fact, c.op, items, lang);
    } else {
      sentence = fix_change_words(m, c, lang);
      ++i;
    }
    out += (out.empty() ? "" : separator) + sentence;
  }
  return out;
}

const std::vector<engine::Source>& sources_of(const engine::Model& m, const engine::Finding& f) {
  const engine::RuleInfo& rule = m.rules()[f.rule];
  return rule.sources.empty() ? m.causes()[f.cause].sources : rule.sources;
}

}  // namespace

std::string needed_question(const engine::Model& m, const engine::NeededFact& n, Lang lang) {
  if (n.unplaced.empty()) return m.facts()[n.fact].question.get(lang);
  std::string q = say(lang, Msg::question_unplaced, one_line(n.unplaced));
  if (!n.did_you_mean.empty()) {
    std::string names;
    for (const std::string& name : n.did_you_mean)
      names += (names.empty() ? "" : std::string(text(lang, Msg::list_separator))) + name;
    q += say(lang, Msg::question_did_you_mean, names);
  }
  return q;
}

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
  for (const std::string& line : evidence_lines(m, f.evidence, o))
    out << pad << "  " << text(lang, Msg::label_evidence) << line << "\n";
  for (const engine::Fix& fix : cause.fixes) {
    out << pad << "  " << text(lang, Msg::label_fix) << safe(fix.text.get(lang));
    if (!fix.changes.empty()) {
      out << style.dim(say(lang, Msg::fix_changes, fix_changes_words(m, fix.changes, lang)));
    }
    out << "\n";
  }
  for (const engine::Source& s : sources_of(m, f))
    out << pad << "  " << text(lang, Msg::label_source) << source_text(s, lang) << "\n";
  if (o.explain) {
    out << pad << "  "
        << style.dim(say(lang, Msg::trace_rule, rule.name, rule.location.file, rule.location.line,
                         safe(m.condition_text(f.rule))))
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
      out << "? " << fact_label(m, n.fact, lang) << " — " << safe(needed_question(m, n, lang)) << "\n";
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

// A step's, rule's or cause's name as a JSON string: copied with its quotes when every name of
// the table is safe to copy, escaped otherwise.
JsonWriter& write_name(JsonWriter& w, const engine::NameTable& names, std::uint32_t id) {
  return names.json_safe() ? w.quoted_value(names.quoted(id)) : w.value(names.name(id));
}

void write_sources(JsonWriter& w, const std::vector<engine::Source>& sources, Lang lang) {
  w.begin_array();
  for (const engine::Source& s : sources) {
    w.begin_object()
        .member("ref", s.ref)
        .member("checked", s.checked)
        .member("certainty", engine::to_string(s.certainty));
    if (!s.title.empty()) w.member("title", s.title.get(lang));
    if (!s.section.empty()) w.member("section", s.section);
    w.end_object();
  }
  w.end_array();
}

void write_evidence(JsonWriter& w, const engine::Evidence& e) {
  w.begin_object()
      .member("fact", e.fact)
      .member("value", e.value)
      .member("test", e.test)
      .member("outcome", engine::to_string(e.outcome));
  if (e.match) {
    w.key("match")
        .begin_object()
        .member("list", e.match->list)
        .member("term", e.match->term)
        .member("text", e.match->matched)
        .member("begin", static_cast<std::uint64_t>(e.match->begin))
        .member("end", static_cast<std::uint64_t>(e.match->end))
        .end_object();
  }
  w.end_object();
}

void write_finding(JsonWriter& w, const engine::Model& m, const engine::Finding& f, const Options& o) {
  w.begin_object();
  write_name(w.key("cause"), m.cause_names(), f.cause);
  write_name(w.key("rule"), m.rule_names(), f.rule);
  write_name(w.key("step"), m.step_names(), f.step);
  // The rule's and the cause's records (long, with their texts) are read only for what the
  // names do not say.
  if (!o.names_only) {
    const engine::CauseInfo& cause = m.causes()[f.cause];
    w.member("title", cause.title.get(o.lang)).member("explanation", cause.explanation.get(o.lang));
  }
  if (f.effect == engine::Effect::warn) w.member("likelihood", engine::to_string(m.rules()[f.rule].likelihood));
  if (f.effect == engine::Effect::wait) w.member("actor", m.rules()[f.rule].actor);
  if (o.evidence) {
    w.key("evidence").begin_array();
    for (const engine::Evidence& e : f.evidence) write_evidence(w, e);
    w.end_array();
  }
  if (o.names_only) {
    w.end_object();
    return;
  }
  const engine::CauseInfo& cause = m.causes()[f.cause];
  const engine::RuleInfo& rule = m.rules()[f.rule];
  w.key("fixes").begin_array();
  for (const engine::Fix& fix : cause.fixes) {
    w.begin_object().member("text", fix.text.get(o.lang)).key("changes").begin_array();
    for (const engine::FactChange& c : fix.changes) w.value(change_text(m, c));
    w.end_array().end_object();
  }
  w.end_array();
  w.key("sources");
  write_sources(w, sources_of(m, f), o.lang);
  if (o.explain) {
    w.key("trace")
        .begin_object()
        .member("file", rule.location.file)
        .member("line", static_cast<std::int64_t>(rule.location.line))
        .member("condition", m.condition_text(f.rule))
        .end_object();
  }
  w.end_object();
}

void write_findings(JsonWriter& w, const engine::Model& m, const std::vector<engine::Finding>& list, const Options& o) {
  w.begin_array();
  for (const engine::Finding& f : list) write_finding(w, m, f, o);
  w.end_array();
}

// {"step", "title"}: a step as the answers name it.
void write_step(JsonWriter& w, const engine::Model& m, engine::StepId s, const Options& o) {
  write_name(w.key("step"), m.step_names(), s);
  if (!o.names_only) w.member("title", m.steps()[s].title.get(o.lang));
}

constexpr std::array<PlainKey, 11> kMembers = {"target",   "verdict", "kb_version",      "blockers",
                                               "warnings", "waiting", "needs_info",      "next_steps",
                                               "held",     "steps",   "latest_rejection"};

// The index of a member's name; a misspelt name does not compile.
consteval std::size_t member(std::string_view name) {
  std::size_t k = 0;
  while (kMembers.at(k).text() != name) ++k;
  return k;
}

// key(kMembers[k]) when the caller asked for that member.
bool wanted(JsonWriter& w, const Options& o, std::size_t k) {
  if (((o.members >> k) & 1u) == 0) return false;
  w.key(kMembers[k]);
  return true;
}

}  // namespace

std::uint32_t diagnosis_members_mask(std::string_view list) {
  std::uint32_t mask = 0;
  while (true) {
    std::size_t const comma = list.find(',');
    std::string_view const name = list.substr(0, comma);
    auto const at = std::find_if(kMembers.begin(), kMembers.end(), [&](const PlainKey& m) { return m.text() == name; });
    if (at == kMembers.end()) {
      std::string known;
      for (const PlainKey& m : kMembers) known += (known.empty() ? "" : ", ") + std::string(m.text());
      throw base::UserError(base::word("'{0}' is not a member of a diagnosis ({1})",
                                       "“{0}”不是诊断结果的成员（可选：{1}）", name, known));
    }
    mask |= std::uint32_t{1} << (at - kMembers.begin());
    if (comma == std::string_view::npos) return mask;
    list.remove_prefix(comma + 1);
  }
}

void write_diagnosis_members(JsonWriter& w, const engine::Model& m, const engine::Diagnosis& d, const Options& o) {
  if (wanted(w, o, member("target")))
    d.target == engine::kNone ? w.value(std::string_view()) : write_name(w, m.step_names(), d.target);
  if (wanted(w, o, member("verdict"))) w.value(engine::to_string(d.verdict));
  if (wanted(w, o, member("kb_version"))) w.value(m.version());
  if (wanted(w, o, member("blockers"))) {
    w.begin_array();
    for (const engine::BlockedStep& b : d.blockers) {
      w.begin_object();
      write_step(w, m, b.step, o);
      w.member("root", b.root).key("blocks").begin_array();
      for (engine::StepId s : b.blocks) write_name(w, m.step_names(), s);
      w.end_array().key("causes");
      write_findings(w, m, b.causes, o);
      w.end_object();
    }
    w.end_array();
  }
  if (wanted(w, o, member("warnings"))) write_findings(w, m, d.warnings, o);
  if (wanted(w, o, member("waiting"))) write_findings(w, m, d.waiting, o);
  if (wanted(w, o, member("needs_info"))) {
    w.begin_array();
    for (const engine::NeededFact& n : d.needs_info) {
      w.begin_object().member("fact", m.facts()[n.fact].name);
      if (!o.names_only) w.member("question", needed_question(m, n, o.lang));
      if (!n.unplaced.empty()) w.member("unplaced", n.unplaced);
      if (!n.did_you_mean.empty()) {
        w.key("did_you_mean").begin_array();
        for (const std::string& name : n.did_you_mean) w.value(name);
        w.end_array();
      }
      w.key("rules").begin_array();
      for (engine::RuleId r : n.rules) w.value(m.rules()[r].name);
      w.end_array().end_object();
    }
    w.end_array();
  }
  if (wanted(w, o, member("next_steps"))) {
    w.begin_array();
    for (engine::StepId s : d.next_steps) {
      w.begin_object();
      write_step(w, m, s, o);
      w.end_object();
    }
    w.end_array();
  }
  if (wanted(w, o, member("held"))) {
    w.begin_array();
    for (const engine::HeldStep& h : d.held) {
      w.begin_object();
      write_step(w, m, h.step, o);
      w.key("risks").begin_array();
      for (engine::RuleId r : h.risks) w.value(m.causes()[m.rules()[r].cause].name);
      w.end_array().end_object();
    }
    w.end_array();
  }
  if (wanted(w, o, member("steps"))) {
    w.begin_array();
    for (engine::StepId s : d.scope) {
      w.begin_object().member("step", m.steps()[s].name).member("status", engine::to_string(d.status[s])).end_object();
    }
    w.end_array();
  }
}

Json diagnosis_json(const engine::Model& m, const engine::Diagnosis& d, const Options& o) {
  JsonWriter w(-1);
  w.begin_object();
  write_diagnosis_members(w, m, d, o);
  w.end_object();
  return Json::parse(w.str());
}

// ---------------------------------------------------------------- the latest rejection

namespace {
constexpr std::size_t kLatestRejectionCauses = 3;

double rounded(double x) { return static_cast<double>(std::llround(x * 1000)) / 1000; }
}  // namespace

void write_latest_rejection(JsonWriter& w, const engine::Model& model, const engine::Rejection& rejection,
                            const engine::RejectionRanking& ranking, const Options& o) {
  w.begin_object().member("stage", rejection.stage).member("message", rejection.message).key("causes").begin_array();
  for (std::size_t i = 0; i < ranking.causes.size() && i < kLatestRejectionCauses; ++i) {
    const engine::CauseInfo& info = model.causes()[ranking.causes[i].cause];
    w.begin_object().member("cause", info.name);
    if (!o.names_only) w.member("title", info.title.get(o.lang));
    w.member("rank", ranking.causes[i].rank)
        .member("tied", ranking.causes[i].tied)
        .member("confidence", rounded(ranking.causes[i].confidence))
        .member("strength", engine::to_string(ranking.causes[i].strength))
        .end_object();
  }
  w.end_array().end_object();
}

void write_diagnosis_answer(JsonWriter& w, const engine::Model& model, const engine::Profile& profile,
                            const engine::Diagnosis& d, const Options& o) {
  write_diagnosis_members(w, model, d, o);
  if (profile.rejections.empty() || !wanted(w, o, member("latest_rejection"))) return;
  const engine::Rejection& latest = profile.rejections.back();
  write_latest_rejection(w, model, latest, engine::rank_latest_rejection(model, d, latest), o);
}

std::string latest_rejection_text(const engine::Model& model, const engine::Rejection& rejection,
                                  const engine::RejectionRanking& ranking, const Options& o) {
  const Lang lang = o.lang;
  // The stage by its title (the profile reader accepts only the KB's steps as stages).
  std::optional<engine::StepId> const stage = model.find_step(rejection.stage);
  std::ostringstream out;
  out << "\n"
      << (stage ? say(lang, Msg::latest_rejection_at, step_title(model, *stage, lang), one_line(rejection.message))
                : say(lang, Msg::latest_rejection, one_line(rejection.message)))
      << "\n";
  if (ranking.causes.empty()) out << "  " << text(lang, Msg::no_known_cause) << "\n";
  for (std::size_t i = 0; i < ranking.causes.size() && i < kLatestRejectionCauses; ++i) {
    out << "  " << ranking.causes[i].rank << ". " << ranked_cause_headline(model, ranking.causes[i], lang) << "\n";
  }
  out << "  " << text(lang, Msg::latest_rejection_hint) << "\n";
  return out.str();
}

}  // namespace mpadvisor::render
