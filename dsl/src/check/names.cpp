// The duplicates and references passes: every name declared once, and every reference
// outside conditions, scenarios and sources naming a declaration of the right kind.
#include <unicode/regex.h>

#include <algorithm>
#include <array>

#include "check/context.hpp"
#include "check/types.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/pattern_plan.hpp"
#include "mpadvisor/dsl/suggest.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

constexpr std::array kActors = {"applicant", "platform", "miit", "bureau", "certifier", "reviewer"};

void check_actor(CheckContext& cx, const ast::Module& m, const ast::Name& actor) {
  if (actor.empty()) return;
  if (std::find(kActors.begin(), kActors.end(), actor.text) != kActors.end()) return;
  std::vector<std::string> actors(kActors.begin(), kActors.end());
  std::string message =
      "unknown actor '" + actor.text + "' (one of applicant, platform, miit, bureau, certifier, reviewer)";
  if (auto best = closest_match(actor.text, actors)) message += "; did you mean '" + *best + "'?";
  cx.report(m, actor.span, Severity::error, code::kUnknownActor, message);
}

template <typename Decl>
const Decl* resolve(CheckContext& cx, const ast::Module& m, const ast::Name& name, const char* kind,
                    const Table<Decl>& table) {
  return cx.resolve(m, name, kind, table);
}

void check_value(CheckContext& cx, const ast::Module& m, const ast::Fact& fact, const ast::Value& value,
                 bool element = false) {
  cx.check_value(m, fact, value, element);
}

// A choice titles one of the fact's values; only enum and set facts have values to title.
void check_choices(CheckContext& cx, const ast::Module& m, const ast::Fact& fact) {
  for (const ast::Choice& c : fact.choices) {
    if (fact.type != ast::FactType::enumeration && fact.type != ast::FactType::enum_set) {
      cx.report(
          m, c.value.span, Severity::error, code::kTypeMismatch,
          "'choice' titles the values of an enum or set fact; '" + fact.name.text + "' is a " + describe(fact.type));
      return;
    }
    bool const declared =
        std::any_of(fact.values.begin(), fact.values.end(), [&](const ast::Name& v) { return v.text == c.value.text; });
    if (!declared) {
      std::vector<std::string> values;
      for (const ast::Name& v : fact.values) values.push_back(v.text);
      std::string message = "'" + fact.name.text + "' has no value '" + c.value.text + "'";
      if (auto best = closest_match(c.value.text, values)) message += "; did you mean '" + *best + "'?";
      cx.report(m, c.value.span, Severity::error, code::kUndefinedName, message);
    }
  }
}

void check_change(CheckContext& cx, const ast::Module& m, const ast::Change& change) {
  const ast::Fact* fact = resolve(cx, m, change.fact, "fact", cx.symbols.facts);
  if (!fact) return;
  if (fact->background.on) {
    cx.report(m, change.fact.span, Severity::error, code::kBackgroundChange,
              "'" + fact->name.text + "' is background (the applicant cannot change it), so no fix may change it");
    return;
  }
  if (change.op == ast::ChangeOp::unset) return;
  if (change.op == ast::ChangeOp::suggest) {
    if (fact->type != ast::FactType::text) {
      cx.report(m, change.fact.span, Severity::error, code::kTypeMismatch,
                "'suggest' proposes a text; '" + fact->name.text + "' is a " + describe(fact->type) + " fact");
    }
    resolve(cx, m, change.list, "term list", cx.symbols.terms);
    return;
  }
  bool const element = change.op != ast::ChangeOp::assign;
  if (element && fact->type != ast::FactType::enum_set && fact->type != ast::FactType::text_list) {
    cx.report(m, change.fact.span, Severity::error, code::kTypeMismatch,
              "'+=' and '-=' apply to list and set facts; '" + fact->name.text + "' is a " + describe(fact->type));
    return;
  }
  check_value(cx, m, *fact, change.value, element);
}

void check_pattern(CheckContext& cx, const ast::Module& m, const ast::Pattern& pattern) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  icu::RegexPattern* compiled =
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern.regex), UREGEX_CASE_INSENSITIVE, where, status);
  delete compiled;
  if (U_FAILURE(status)) {
    cx.report(m, pattern.span, Severity::error, code::kBadPattern,
              "message pattern is not a valid regular expression (" + std::string(u_errorName(status)) + " at offset " +
                  std::to_string(where.offset) + ")");
    return;
  }
  // Not wrong, only slow: replaying a case base runs such a pattern's regular expression on
  // every message that could match, where the others need only a scan for their literals.
  if (!plan_pattern(pattern.regex).exact) {
    cx.report(m, pattern.span, Severity::note, code::kRegexPattern,
              "message pattern needs the regular-expression engine (it uses more than literal text, groups of "
              "alternatives, plain sets such as [cs] and gaps such as .* or .{0,3}), which is slower when many "
              "messages are matched");
  }
}

// The one calendar: every date a real day, every range in order, every entry inside the
// dates the calendar says it covers (outside them the table would silently be incomplete).
void check_calendar(CheckContext& cx, const ast::Module& m, const ast::Calendar& c) {
  auto range_ok = [&](const ast::DateRange& r) {
    if (!cx.valid_date(m, r.span, r.first) || !cx.valid_date(m, r.span, r.last)) return false;
    if (to_date(r.last) < to_date(r.first)) {
      cx.report(m, r.span, Severity::error, code::kInvalidDate, "this range ends before it starts");
      return false;
    }
    return true;
  };
  if (!c.covers) {
    cx.report(m, c.name.span, Severity::error, code::kMissingProperty,
              "calendar '" + c.name.text + "' needs `covers FIRST..LAST`: the dates its table is complete for");
    return;
  }
  if (!range_ok(*c.covers)) return;
  for (const ast::CalendarDay& day : c.days) {
    if (!range_ok(day.days)) continue;
    if (to_date(day.days.first) < to_date(c.covers->first) || to_date(c.covers->last) < to_date(day.days.last)) {
      cx.report(m, day.days.span, Severity::error, code::kInvalidDate,
                "these days lie outside the dates the calendar covers");
    }
  }
}

}  // namespace

void check_calendars(CheckContext& cx) {
  // In file order, so "the first" is the one an author reads first.
  const ast::Calendar* first = nullptr;
  const ast::Module* first_module = nullptr;
  for (const ast::Module& m : cx.kb.modules) {
    for (const ast::Declaration& d : m.declarations) {
      const auto* c = std::get_if<ast::Calendar>(&d);
      if (!c) continue;
      check_calendar(cx, m, *c);
      if (!first) {
        first = c;
        first_module = &m;
        continue;
      }
      cx.report(m, c->name.span, Severity::error, code::kSecondCalendar,
                "a knowledge base has one calendar of public holidays; '" + c->name.text + "' is a second one")
          .notes.push_back("the first is declared at " + cx.where(*first_module, first->name.span));
    }
  }
}

void check_duplicates(CheckContext& cx) {
  for (const auto& dup : cx.symbols.duplicates) {
    cx.report(*dup.module, dup.span, Severity::error, code::kDuplicateName,
              dup.kind + " '" + dup.name + "' is declared twice")
        .notes.push_back("first declared at " + cx.where(*dup.first_module, dup.first_span));
  }
  for (const auto& [name, fact] : cx.symbols.facts) {
    if (std::find(kReservedWords.begin(), kReservedWords.end(), name) != kReservedWords.end()) {
      cx.report(*fact.module, fact.decl->name.span, Severity::error, code::kReservedName,
                "'" + name + "' is a word of the language and cannot name a fact");
    }
  }
}

void check_references(CheckContext& cx) {
  Symbols& s = cx.symbols;
  if (s.goals.empty() && !s.steps.empty()) {
    const auto& first = s.step_order.front();
    cx.report(*first.module, first.decl->name.span, Severity::error, code::kNoGoal,
              "the knowledge base declares no goal; add `goal STEP` naming the final step");
  }
  for (std::size_t i = 1; i < s.goals.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (s.goals[i].decl->step.text == s.goals[j].decl->step.text) {
        cx.report(*s.goals[i].module, s.goals[i].decl->span, Severity::error, code::kDuplicateGoal,
                  "goal '" + s.goals[i].decl->step.text + "' is declared twice")
            .notes.push_back("first declared at " + cx.where(*s.goals[j].module, s.goals[j].decl->span));
      }
    }
  }
  for (const auto& g : s.goals) resolve(cx, *g.module, g.decl->step, "step", s.steps);

  for (const auto& [name, d] : s.facts) check_choices(cx, *d.module, *d.decl);
  for (const auto& [name, d] : s.steps) {
    for (const ast::Name& r : d.decl->requires_) resolve(cx, *d.module, r, "step", s.steps);
    check_actor(cx, *d.module, d.decl->actor);
  }
  for (const auto& [name, d] : s.terms) {
    for (const ast::Name& inc : d.decl->includes) resolve(cx, *d.module, inc, "term list", s.terms);
  }
  for (const auto& [name, d] : s.alternatives) {
    const ast::Fact* fact = resolve(cx, *d.module, d.decl->fact, "fact", s.facts);
    if (d.decl->fact.empty()) {
      cx.report(
          *d.module, d.decl->name.span, Severity::error, code::kMissingProperty,
          "alternatives '" + name + "' needs `satisfied_by FACT` naming the set fact that records the options held");
    } else if (fact && fact->type != ast::FactType::enum_set) {
      cx.report(*d.module, d.decl->fact.span, Severity::error, code::kTypeMismatch,
                "`satisfied_by` needs a set fact; '" + fact->name.text + "' is a " + describe(fact->type));
    } else if (fact) {
      for (const ast::Option& o : d.decl->options) {
        ast::Value v;
        v.kind = ast::ValueKind::symbol;
        v.text = o.name.text;
        v.span = o.name.span;
        check_value(cx, *d.module, *fact, v, true);
      }
    }
  }
  for (const auto& [name, d] : s.causes) {
    resolve(cx, *d.module, d.decl->stage, "step", s.steps);
    for (const ast::Fix& f : d.decl->fixes) {
      for (const ast::Change& c : f.changes) check_change(cx, *d.module, c);
    }
    for (const ast::Pattern& p : d.decl->patterns) check_pattern(cx, *d.module, p);
  }
  check_calendars(cx);
  for (const auto& [name, d] : s.rules) {
    resolve(cx, *d.module, d.decl->step, "step", s.steps);
    resolve(cx, *d.module, d.decl->effect.cause, "cause", s.causes);
    if (d.decl->effect.cause.empty()) {
      cx.report(*d.module, d.decl->name.span, Severity::error, code::kMissingProperty,
                "rule '" + name + "' has no effect; add `block CAUSE`, `warn CAUSE` or `wait CAUSE on ACTOR`");
    }
    if (d.decl->effect.kind == ast::EffectKind::wait) check_actor(cx, *d.module, d.decl->effect.actor);
  }
}

}  // namespace mpadvisor::dsl::check_detail
