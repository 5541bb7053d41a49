#include "mpadvisor/render/plan.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"
#include "value_words.hpp"

namespace mpadvisor::render {
namespace {

// Numbers as people read them: money whole when it is whole.
std::string money(double x) {
  return std::fabs(x - std::round(x)) < 1e-9 ? fmt::format("{:.0f}", x) : fmt::format("{:.2f}", x);
}
std::string percent(double x) { return fmt::format("{:.0f}%", x * 100); }
// Divides by the whole number of units per one, so that 4.06 prints as 4.06 in JSON and not
// as 4.0600000000000005 (406 * 0.01 is not the double nearest to 4.06; 406 / 100 is).
double rounded(double x, double unit) {
  double const per_one = std::round(1 / unit);
  return std::round(x * per_one) / per_one;
}

// A length of time in the unit that reads best (minutes, hours, or days) and its number in
// that unit: days to the nearest half day, as the web page shows them (an estimate over weeks
// does not know tenths of a day), hours to a tenth.
struct Span {
  Msg unit;
  std::string number;
};
Span span(double days_) {
  double const minutes = std::round(days_ * 24 * 60);
  auto trimmed = [](double x) {
    std::string s = fmt::format("{:.1f}", x);
    return s.size() > 2 && s.substr(s.size() - 2) == ".0" ? s.substr(0, s.size() - 2) : s;
  };
  if (minutes < 60) return {Msg::plan_minutes, fmt::format("{:.0f}", minutes)};
  if (minutes < 24 * 60) return {Msg::plan_hours, trimmed(minutes / 60)};
  return {Msg::plan_days_one, trimmed(std::round(days_ * 2) / 2)};
}

// "4–47 天", "10 分钟–1 小时": the unit said once when both ends share it.
std::string days_text(Lang lang, double low, double high) {
  Span const a = span(low), b = span(high);
  if (a.unit == b.unit) return say(lang, a.unit, a.number == b.number ? a.number : a.number + "–" + b.number);
  return say(lang, a.unit, a.number) + "–" + say(lang, b.unit, b.number);
}

// What an action is called: the fix's advice, the option's title, the step's label.
std::string action_title(const engine::Model& m, const engine::Action& a, Lang lang) {
  switch (a.kind) {
    case engine::ActionKind::fix:
      return safe(m.causes()[a.cause].fixes[a.fix].text.get(lang));
    case engine::ActionKind::option: {
      const engine::OptionInfo& o = m.alternatives()[a.alternatives].options[a.option];
      return safe(o.title.get(lang)) + (o.how.empty() ? "" : text(lang, Msg::colon).data() + safe(o.how.get(lang)));
    }
    case engine::ActionKind::step:
      return step_label(m, a.step, lang);
  }
  return a.id;
}

// The critical path as people read it: steps by title, actions as "action 2".
std::vector<std::string> path_items(const engine::Model& m, const engine::Plan& p, Lang lang) {
  std::vector<std::string> items;
  items.reserve(p.critical_path.size());
  for (const std::string& id : p.critical_path) {
    if (auto const step = m.find_step(id)) {
      items.push_back(step_title(m, *step, lang));
      continue;
    }
    auto const action = std::find_if(p.actions.begin(), p.actions.end(), [&](const auto& a) { return a.id == id; });
    items.push_back(action == p.actions.end()
                        ? safe(id)
                        : say(lang, Msg::plan_action_ref, static_cast<std::size_t>(action - p.actions.begin()) + 1));
  }
  return items;
}

// How a change reads: `name = 悦心学习`, `features -= comments`, `sms_received_at unset`.
std::string_view op_name(engine::ChangeOp op) {
  switch (op) {
    case engine::ChangeOp::add:
      return "add";
    case engine::ChangeOp::remove:
      return "remove";
    case engine::ChangeOp::unset:
      return "unset";
    default:
      return "set";
  }
}

Msg kind_word(engine::ActionKind k) {
  switch (k) {
    case engine::ActionKind::fix:
      return Msg::plan_kind_fix;
    case engine::ActionKind::option:
      return Msg::plan_kind_option;
    case engine::ActionKind::step:
      return Msg::plan_kind_step;
  }
  return Msg::plan_kind_fix;
}

std::string cause_titles(const engine::Model& m, const std::vector<engine::CauseId>& causes, Lang lang) {
  std::string out;
  for (engine::CauseId c : causes)
    out += (out.empty() ? "" : std::string(text(lang, Msg::list_separator))) + safe(m.causes()[c].title.get(lang));
  return out;
}

// A planned change in words: "把小程序名称改为“悦心学习”" (its value spelled as on the command line).
std::string planned_change_words(const engine::Model& m, const engine::PlannedChange& c, Lang lang) {
  std::string const value =
      c.op == engine::ChangeOp::unset ? std::string() : command_line_value_words(m.facts()[c.fact], c.value, lang);
  return change_words(m, c.fact, c.op, value, lang);
}

// What a plan takes for granted, as the questions that would settle it (one a line, under
// `indent`): an applicant knows "Have you activated the email?", not `email_activated`. A
// fact with no question (one the tool fills in) is named.
void assumes_text(std::ostringstream& out, const engine::Model& m, const std::vector<engine::FactId>& facts, Lang lang,
                  const std::string& indent) {
  if (facts.empty()) return;
  out << indent << text(lang, Msg::plan_assumes) << "\n";
  for (engine::FactId f : facts) {
    const engine::FactInfo& fact = m.facts()[f];
    out << indent << " - " << (fact.question.empty() ? fact.name : safe(fact.question.get(lang))) << "\n";
  }
}

void action_text(std::ostringstream& out, const engine::Model& m, const engine::Action& a, std::size_t n,
                 const Options& o) {
  const Lang lang = o.lang;
  out << "  " << n << ". [" << text(lang, kind_word(a.kind)) << "] " << action_title(m, a, lang) << "\n";
  std::string cost = say(lang, Msg::plan_money, money(a.cost.cny));
  if (a.cost.cny > 0 && a.cost.per_year) cost += text(lang, Msg::plan_per_year);
  if (a.cost.cny > 0 && !a.cost.refundable)
    cost += std::string(text(lang, Msg::plan_cost_separator)) + std::string(text(lang, Msg::plan_not_refunded));
  cost += " · " + days_text(lang, a.cost.days_min, a.cost.days_max);
  if (a.irreversible) cost += " · " + std::string(text(lang, Msg::plan_irreversible));
  if (a.risk > 0 && a.kind == engine::ActionKind::step) cost += " · " + say(lang, Msg::plan_step_risk, percent(a.risk));
  out << "     " << cost << "\n";
  if (a.kind != engine::ActionKind::step && a.step != engine::kNone)
    out << "     " << say(lang, Msg::plan_before, step_label(m, a.step, lang)) << "\n";
  for (const engine::PlannedChange& c : a.changes) {
    out << "     " << planned_change_words(m, c, lang) << "\n";
    if (c.suggestions.size() > 1) {
      std::string others;
      for (std::size_t i = 1; i < c.suggestions.size(); ++i)
        others += (others.empty() ? "" : std::string(text(lang, Msg::list_separator))) +
                  command_line_value_words(m.facts()[c.fact], c.suggestions[i], lang);
      out << "     " << say(lang, Msg::plan_other_values, others) << "\n";
    }
  }
  if (!a.resolves.empty()) out << "     " << say(lang, Msg::plan_resolves, cause_titles(m, a.resolves, lang)) << "\n";
  assumes_text(out, m, a.assumes, lang, "     ");
}

// `partial`: blockers no action removes stand, so the plan cannot reach the target.
void plan_body(std::ostringstream& out, const engine::Model& m, const engine::Plan& p, std::size_t rank,
               std::int64_t as_of, engine::StepId target, bool partial, const Options& o) {
  const Lang lang = o.lang;
  Style const style{o.colour};
  out << style.cyan(say(lang, Msg::plan_heading, rank, say(lang, Msg::plan_money, money(p.total.cny)),
                        days_text(lang, p.total.days_min, p.total.days_max), percent(p.total.risk)))
      << style.dim(say(lang, Msg::plan_score, money(rounded(p.score, 0.01)))) << "\n";
  bool const repairs = std::any_of(p.actions.begin(), p.actions.end(),
                                   [](const engine::Action& a) { return a.kind != engine::ActionKind::step; });
  if (partial)
    out << "  " << text(lang, Msg::plan_partial) << "\n";
  else if (!repairs)
    out << "  " << text(lang, Msg::plan_nothing_to_fix) << "\n";
  for (std::size_t i = 0; i < p.actions.size(); ++i) action_text(out, m, p.actions[i], i + 1, o);
  assumes_text(out, m, p.assumes, lang, "  ");
  if (!p.timeline.empty()) {
    out << "  " << say(lang, Msg::plan_timeline, minute_text(as_of)) << "\n";
    // Steps by title, as the actions above name them; the dates line up in display columns.
    std::size_t width = 0;
    for (const engine::ScheduledStep& s : p.timeline)
      width = std::max(width, base::utf8::display_width(step_title(m, s.step, lang)));
    for (const engine::ScheduledStep& s : p.timeline) {
      out << "   " << (s.critical ? "*" : " ") << " " << pad(step_title(m, s.step, lang), width + 2)
          << say(lang, Msg::plan_timeline_row, minute_text(s.earliest_end), minute_text(s.latest_end)) << "\n";
    }
  }
  if (partial)
    out << "  " << text(lang, Msg::plan_no_window) << "\n";
  else if (p.timeline.empty() || p.release_latest == as_of)
    out << "  " << text(lang, Msg::plan_already_released) << "\n";
  else if (base::format_date(p.release_earliest) == base::format_date(p.release_latest))
    out << "  "
        << style.green(
               say(lang, Msg::plan_release_day, base::format_date(p.release_earliest), step_label(m, target, lang)))
        << "\n";
  else
    out << "  "
        << style.green(say(lang, Msg::plan_release_window, base::format_date(p.release_earliest),
                           base::format_date(p.release_latest), step_label(m, target, lang)))
        << "\n";
  if (!p.critical_path.empty()) {
    // A step by its title, an action by its number in the list above (its id is for programs).
    std::string path;
    for (const std::string& item : path_items(m, p, lang)) path += (path.empty() ? "" : " → ") + item;
    out << "  " << say(lang, Msg::plan_critical_path, path) << "\n";
  }
  if (!p.risks.empty()) {
    out << "  " << text(lang, Msg::plan_remaining_risks) << "\n";
    for (engine::RuleId rule : p.risks) {
      const engine::RuleInfo& info = m.rules()[rule];
      out << "   ! " << safe(m.causes()[info.cause].title.get(lang))
          << say(lang, Msg::plan_risk_where, step_title(m, info.step, lang), text(lang, message_of(info.likelihood)))
          << "\n";
    }
  }
}

std::string action_list(const std::vector<std::string>& ids, Lang lang) {
  if (ids.empty()) return std::string(text(lang, Msg::passed_over_nothing));
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " + ") + id;
  return out;
}

Msg unresolvable_message(engine::Unresolvable::Reason reason) {
  switch (reason) {
    case engine::Unresolvable::Reason::background:
      return Msg::unresolvable_background;
    case engine::Unresolvable::Reason::kept:
      return Msg::unresolvable_kept;
    case engine::Unresolvable::Reason::no_fix:
      return Msg::unresolvable_no_fix;
    case engine::Unresolvable::Reason::guarded:
      return Msg::unresolvable_guarded;
  }
  return Msg::unresolvable_no_fix;
}

std::string unresolvable_reason(const engine::Model& m, const engine::Unresolvable& u, Lang lang) {
  if (u.reason != engine::Unresolvable::Reason::kept)
    return say(lang, unresolvable_message(u.reason), fact_titles(m, u.facts, lang));
  std::vector<engine::FactId> kept, background;
  for (engine::FactId f : u.facts) (m.facts()[f].background ? background : kept).push_back(f);
  std::string out = say(lang, Msg::unresolvable_kept, fact_titles(m, kept, lang));
  if (!background.empty()) out += say(lang, Msg::unresolvable_also_background, fact_titles(m, background, lang));
  return out;
}

std::string passed_over_reason(const engine::Model& m, const engine::PassedOver& p, Lang lang) {
  std::string const what = action_list(p.actions, lang);
  std::string const score = money(rounded(p.score, 0.01));
  std::string const cause = safe(m.causes()[p.cause].title.get(lang));
  if (p.reason == engine::PassedOver::Reason::guard)
    return say(lang, Msg::passed_over_guard, what, score, step_label(m, p.step, lang), cause);
  return say(lang, Msg::passed_over_new_blocker, what, score, step_label(m, p.step, lang), cause);
}

}  // namespace

std::string plan_text(const engine::Model& m, const engine::PlanResult& r, std::int64_t as_of, const Options& o) {
  const Lang lang = o.lang;
  Style const style{o.colour};
  std::ostringstream out;
  if (r.target == engine::kNone) return std::string(text(lang, Msg::no_goal)) + "\n";
  if (r.plans.empty()) out << style.red(std::string(text(lang, Msg::plan_none))) << "\n";
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    if (i) out << "\n";
    plan_body(out, m, r.plans[i], i + 1, as_of, r.target, !r.unresolvable.empty(), o);
  }
  if (!r.passed_over.empty()) {
    out << "\n" << style.yellow(std::string(text(lang, Msg::heading_passed_over))) << "\n";
    for (const engine::PassedOver& p : r.passed_over) out << "  · " << passed_over_reason(m, p, lang) << "\n";
  }
  if (!r.unresolvable.empty()) {
    out << "\n" << style.red(std::string(text(lang, Msg::heading_unresolvable))) << "\n";
    for (const engine::Unresolvable& u : r.unresolvable) {
      out << style.red("✗ ")
          << say(lang, Msg::cause_at_step, safe(m.causes()[u.cause].title.get(lang)), step_title(m, u.step, lang))
          << "\n";
      out << "  " << unresolvable_reason(m, u, lang) << "\n";
    }
  }
  if (r.calendar_ends)
    out << "\n"
        << say(lang, Msg::plan_calendar_ends, base::format_date(std::int64_t{*r.calendar_ends} * 86400)) << "\n";
  if (r.search_limited) out << "\n" << say(lang, Msg::plan_search_limited, r.evaluations) << "\n";
  return out.str();
}

// ---------------------------------------------------------------- JSON (docs/json.md)

namespace {

Json ids(const engine::Model& m, const std::vector<engine::CauseId>& causes) {
  Json arr = Json::array();
  for (engine::CauseId c : causes) arr.push_back(m.causes()[c].name);
  return arr;
}

Json facts(const engine::Model& m, const std::vector<engine::FactId>& list) {
  Json arr = Json::array();
  for (engine::FactId f : list) arr.push_back(m.facts()[f].name);
  return arr;
}

Json action_json(const engine::Model& m, const engine::Action& a, Lang lang) {
  Json changes = Json::array();
  for (const engine::PlannedChange& c : a.changes) {
    Json j{{"fact", m.facts()[c.fact].name},
           {"op", std::string(op_name(c.op))},
           {"value", c.op == engine::ChangeOp::unset ? Json(nullptr) : Json(c.value)}};
    if (!c.suggestions.empty()) j["suggestions"] = c.suggestions;
    changes.push_back(std::move(j));
  }
  return {{"id", a.id},
          {"kind", std::string(engine::to_string(a.kind))},
          {"step", a.step == engine::kNone ? Json(nullptr) : Json(m.steps()[a.step].name)},
          {"title", action_title(m, a, lang)},
          {"changes", std::move(changes)},
          {"cost",
           {{"cny", a.cost.cny},
            {"days_min", rounded(a.cost.days_min, 0.01)},
            {"days_max", rounded(a.cost.days_max, 0.01)},
            {"per_attempt", a.cost.per_attempt},
            {"per_year", a.cost.per_year},
            {"refundable", a.cost.refundable}}},
          {"irreversible", a.irreversible},
          {"risk", rounded(a.risk, 0.001)},
          {"resolves", ids(m, a.resolves)},
          {"assumes", facts(m, a.assumes)}};
}

}  // namespace

Json plan_json(const engine::Model& m, const engine::PlanResult& r, std::int64_t as_of, const engine::PlanWeights& w,
               const Options& o) {
  Json j;
  j["target"] = r.target == engine::kNone ? "" : m.steps()[r.target].name;
  j["kb_version"] = m.version();
  j["as_of"] = base::format_datetime(as_of);
  j["weights"] = {{"cny", w.cny}, {"days", w.days}, {"risk", w.risk}};
  Json plans = Json::array();
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    const engine::Plan& p = r.plans[i];
    Json actions = Json::array();
    for (const engine::Action& a : p.actions) actions.push_back(action_json(m, a, o.lang));
    Json timeline = Json::array();
    for (const engine::ScheduledStep& s : p.timeline) {
      timeline.push_back({{"step", m.steps()[s.step].name},
                          {"earliest_start", base::format_datetime(s.earliest_start)},
                          {"earliest_end", base::format_datetime(s.earliest_end)},
                          {"latest_start", base::format_datetime(s.latest_start)},
                          {"latest_end", base::format_datetime(s.latest_end)},
                          {"critical", s.critical}});
    }
    Json risks = Json::array();
    for (engine::RuleId rule : p.risks) {
      const engine::RuleInfo& info = m.rules()[rule];
      risks.push_back({{"cause", m.causes()[info.cause].name},
                       {"rule", info.name},
                       {"step", m.steps()[info.step].name},
                       {"likelihood", std::string(engine::to_string(info.likelihood))}});
    }
    Json changes = Json::array();
    for (const engine::PlannedChange& c : p.changes)
      changes.push_back({{"fact", m.facts()[c.fact].name},
                         {"value", c.op == engine::ChangeOp::unset ? Json(nullptr) : Json(c.value)}});
    plans.push_back({{"rank", i + 1},
                     {"reaches_target", r.unresolvable.empty()},
                     {"score", rounded(p.score, 0.01)},
                     {"actions", std::move(actions)},
                     {"changes", std::move(changes)},
                     {"total",
                      {{"cny", p.total.cny},
                       {"days_min", rounded(p.total.days_min, 0.01)},
                       {"days_max", rounded(p.total.days_max, 0.01)},
                       {"risk", rounded(p.total.risk, 0.001)}}},
                     {"release_window",
                      {{"earliest", base::format_datetime(p.release_earliest)},
                       {"latest", base::format_datetime(p.release_latest)}}},
                     {"critical_path", p.critical_path},
                     {"timeline", std::move(timeline)},
                     {"risks", std::move(risks)},
                     {"assumes", facts(m, p.assumes)}});
  }
  j["plans"] = std::move(plans);
  Json unresolvable = Json::array();
  for (const engine::Unresolvable& u : r.unresolvable) {
    unresolvable.push_back({{"cause", m.causes()[u.cause].name},
                            {"rule", m.rules()[u.rule].name},
                            {"step", m.steps()[u.step].name},
                            {"title", m.causes()[u.cause].title.get(o.lang)},
                            {"reason", std::string(engine::to_string(u.reason))},
                            {"reason_text", unresolvable_reason(m, u, o.lang)},
                            {"facts", facts(m, u.facts)}});
  }
  j["unresolvable"] = std::move(unresolvable);
  Json passed = Json::array();
  for (const engine::PassedOver& p : r.passed_over) {
    passed.push_back({{"reason", std::string(engine::to_string(p.reason))},
                      {"reason_text", passed_over_reason(m, p, o.lang)},
                      {"actions", p.actions},
                      {"score", rounded(p.score, 0.01)},
                      {"step", m.steps()[p.step].name},
                      {"cause", m.causes()[p.cause].name}});
  }
  j["passed_over"] = std::move(passed);
  if (const engine::HolidayCalendar* cal = m.calendar()) {
    j["calendar"] = {{"name", cal->name},
                     {"covers_until", base::format_date(std::int64_t{cal->covers_last} * 86400)},
                     {"ends_before_plan", r.calendar_ends.has_value()}};
  } else {
    j["calendar"] = nullptr;
  }
  j["search"] = {{"candidates", r.candidates}, {"evaluations", r.evaluations}, {"limited", r.search_limited}};
  return j;
}

}  // namespace mpadvisor::render
