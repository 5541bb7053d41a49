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
  cx.report(
      m, actor.span, Severity::error, code::kUnknownActor,
      base::with_closest(base::word("unknown actor '{0}' (one of applicant, platform, miit, bureau, certifier, "
                                    "reviewer)",
                                    "未知的办理方“{0}”（应为 applicant、platform、miit、bureau、certifier、reviewer "
                                    "之一）",
                                    actor.text),
                         closest_match(actor.text, actors)));
}

// The planner adds up costs as yuan, so a cost in another currency would be summed wrongly.
void check_cost(CheckContext& cx, const ast::Module& m, const ast::Optional<ast::Cost>& cost) {
  if (!cost || cost->currency.text == "cny") return;
  cx.report(m, cost->currency.span, Severity::error, code::kUnknownCurrency,
            base::word("unknown currency '{0}': costs are written in yuan, as `30 cny`",
                       "未知的币种“{0}”：费用以人民币计，写作 `30 cny`", cost->currency.text));
}

base::Wording first_declared_at(const std::string& where) {
  return base::word("first declared at {0}", "首次声明于 {0}", where);
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
      cx.report(m, c.value.span, Severity::error, code::kTypeMismatch,
                base::word("'choice' titles the values of an enum or set fact; '{0}' is a {1}",
                           "choice 为 enum 或 set 事实的取值命名；“{0}”是 {1}", fact.name.text, describe(fact.type)));
      return;
    }
    bool const declared =
        std::any_of(fact.values.begin(), fact.values.end(), [&](const ast::Name& v) { return v.text == c.value.text; });
    if (!declared) {
      std::vector<std::string> values;
      for (const ast::Name& v : fact.values) values.push_back(v.text);
      cx.report(
          m, c.value.span, Severity::error, code::kUndefinedName,
          base::with_closest(base::word("'{0}' has no value '{1}'", "“{0}”没有取值“{1}”", fact.name.text, c.value.text),
                             closest_match(c.value.text, values)));
    }
  }
}

void check_change(CheckContext& cx, const ast::Module& m, const ast::Change& change) {
  const ast::Fact* fact = resolve(cx, m, change.fact, "fact", cx.symbols.facts);
  if (!fact) return;
  if (fact->background.on) {
    cx.report(m, change.fact.span, Severity::error, code::kBackgroundChange,
              base::word("'{0}' is background (the applicant cannot change it), so no fix may change it",
                         "“{0}”是背景信息（申请人无法改变），解决办法不能修改它", fact->name.text));
    return;
  }
  if (change.op == ast::ChangeOp::unset) return;
  if (change.op == ast::ChangeOp::suggest) {
    if (fact->type != ast::FactType::text) {
      cx.report(m, change.fact.span, Severity::error, code::kTypeMismatch,
                base::word("'suggest' proposes a text; '{0}' is a {1} fact",
                           "suggest 提议的是文本；“{0}”是 {1} 类型的事实", fact->name.text, describe(fact->type)));
    }
    resolve(cx, m, change.list, "term list", cx.symbols.terms);
    return;
  }
  bool const element = change.op != ast::ChangeOp::assign;
  if (element && fact->type != ast::FactType::enum_set && fact->type != ast::FactType::text_list) {
    cx.report(m, change.fact.span, Severity::error, code::kTypeMismatch,
              base::word("'+=' and '-=' apply to list and set facts; '{0}' is a {1}",
                         "+= 和 -= 只用于 list 和 set 事实；“{0}”是 {1}", fact->name.text, describe(fact->type)));
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
    cx.report(
        m, pattern.span, Severity::error, code::kBadPattern,
        base::word("message pattern is not a valid regular expression ({0} at offset {1})",
                   "驳回信息模式不是有效的正则表达式（{0}，位于第 {1} 个字符）", u_errorName(status), where.offset));
    return;
  }
  // Not wrong, only slow: replaying a case base runs such a pattern's regular expression on
  // every message that could match, where the others need only a scan for their literals.
  if (!plan_pattern(pattern.regex).exact) {
    cx.report(m, pattern.span, Severity::note, code::kRegexPattern,
              {"message pattern needs the regular-expression engine (it uses more than literal text, groups of "
               "alternatives, plain sets such as [cs] and gaps such as .* or .{0,3}), which is slower when many "
               "messages are matched",
               "驳回信息模式需要正则表达式引擎（它用到了字面文字、备选分组、[cs] 这样的简单字符集和 .* 或 .{0,3} "
               "这样的间隔之外的写法），在匹配大量驳回信息时较慢"});
  }
}

// The one calendar: every date a real day, every range in order, every entry inside the
// dates the calendar says it covers (outside them the table would silently be incomplete).
void check_calendar(CheckContext& cx, const ast::Module& m, const ast::Calendar& c) {
  auto range_ok = [&](const ast::DateRange& r) {
    if (!cx.valid_date(m, r.span, r.first) || !cx.valid_date(m, r.span, r.last)) return false;
    if (to_date(r.last) < to_date(r.first)) {
      cx.report(m, r.span, Severity::error, code::kInvalidDate,
                {"this range ends before it starts", "这个日期范围的结束早于开始"});
      return false;
    }
    return true;
  };
  if (!c.covers) {
    cx.report(m, c.name.span, Severity::error, code::kMissingProperty,
              base::word("calendar '{0}' needs `covers FIRST..LAST`: the dates its table is complete for",
                         "日历“{0}”需要 `covers FIRST..LAST`：它的表完整覆盖的日期", c.name.text));
    return;
  }
  if (!range_ok(*c.covers)) return;
  for (const ast::CalendarDay& day : c.days) {
    if (!range_ok(day.days)) continue;
    if (to_date(day.days.first) < to_date(c.covers->first) || to_date(c.covers->last) < to_date(day.days.last)) {
      cx.report(m, day.days.span, Severity::error, code::kInvalidDate,
                {"these days lie outside the dates the calendar covers", "这些日期不在日历覆盖的范围内"});
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
                base::word("a knowledge base has one calendar of public holidays; '{0}' is a second one",
                           "一个知识库只有一个公共假日日历；“{0}”是第二个", c->name.text))
          .notes.push_back(base::word("the first is declared at {0}", "第一个声明于 {0}",
                                      cx.where(*first_module, first->name.span)));
    }
  }
}

void check_duplicates(CheckContext& cx) {
  for (const auto& dup : cx.symbols.duplicates) {
    cx.report(*dup.module, dup.span, Severity::error, code::kDuplicateName,
              base::word("{0} '{1}' is declared twice", "{0}“{1}”声明了两次", kind_words(dup.kind), dup.name))
        .notes.push_back(first_declared_at(cx.where(*dup.first_module, dup.first_span)));
  }
  for (const auto& [name, fact] : cx.symbols.facts) {
    if (std::find(kReservedWords.begin(), kReservedWords.end(), name) != kReservedWords.end()) {
      cx.report(*fact.module, fact.decl->name.span, Severity::error, code::kReservedName,
                base::word("'{0}' is a word of the language and cannot name a fact",
                           "“{0}”是语言的关键字，不能用作事实名", name));
    }
  }
}

void check_references(CheckContext& cx) {
  Symbols& s = cx.symbols;
  if (s.goals.empty() && !s.steps.empty()) {
    const auto& first = s.step_order.front();
    cx.report(*first.module, first.decl->name.span, Severity::error, code::kNoGoal,
              {"the knowledge base declares no goal; add `goal STEP` naming the final step",
               "知识库没有声明目标；请加上 `goal STEP`，写明最后一步"});
  }
  for (std::size_t i = 1; i < s.goals.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (s.goals[i].decl->step.text == s.goals[j].decl->step.text) {
        cx.report(*s.goals[i].module, s.goals[i].decl->span, Severity::error, code::kDuplicateGoal,
                  base::word("goal '{0}' is declared twice", "目标“{0}”声明了两次", s.goals[i].decl->step.text))
            .notes.push_back(first_declared_at(cx.where(*s.goals[j].module, s.goals[j].decl->span)));
      }
    }
  }
  for (const auto& g : s.goals) resolve(cx, *g.module, g.decl->step, "step", s.steps);

  for (const auto& [name, d] : s.facts) check_choices(cx, *d.module, *d.decl);
  for (const auto& [name, d] : s.steps) {
    for (const ast::Name& r : d.decl->requires_) resolve(cx, *d.module, r, "step", s.steps);
    check_actor(cx, *d.module, d.decl->actor);
    check_cost(cx, *d.module, d.decl->cost);
  }
  for (const auto& [name, d] : s.terms) {
    for (const ast::Name& inc : d.decl->includes) resolve(cx, *d.module, inc, "term list", s.terms);
  }
  for (const auto& [name, d] : s.alternatives) {
    for (const ast::Option& o : d.decl->options) check_cost(cx, *d.module, o.cost);
    const ast::Fact* fact = resolve(cx, *d.module, d.decl->fact, "fact", s.facts);
    if (d.decl->fact.empty()) {
      cx.report(*d.module, d.decl->name.span, Severity::error, code::kMissingProperty,
                base::word("alternatives '{0}' needs `satisfied_by FACT` naming the set fact that records the options "
                           "held",
                           "备选方案集“{0}”需要 `satisfied_by FACT`，写明记录已具备选项的 set 事实", name));
    } else if (fact && fact->type != ast::FactType::enum_set) {
      cx.report(*d.module, d.decl->fact.span, Severity::error, code::kTypeMismatch,
                base::word("`satisfied_by` needs a set fact; '{0}' is a {1}",
                           "`satisfied_by` 需要 set 事实；“{0}”是 {1}", fact->name.text, describe(fact->type)));
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
      check_cost(cx, *d.module, f.cost);
    }
    for (const ast::Pattern& p : d.decl->patterns) check_pattern(cx, *d.module, p);
  }
  check_calendars(cx);
  for (const auto& [name, d] : s.rules) {
    resolve(cx, *d.module, d.decl->step, "step", s.steps);
    resolve(cx, *d.module, d.decl->effect.cause, "cause", s.causes);
    if (d.decl->effect.cause.empty()) {
      cx.report(*d.module, d.decl->name.span, Severity::error, code::kMissingProperty,
                base::word("rule '{0}' has no effect; add `block CAUSE`, `warn CAUSE` or `wait CAUSE on ACTOR`",
                           "规则“{0}”没有效果；请加上 `block CAUSE`、`warn CAUSE` 或 `wait CAUSE on ACTOR`", name));
    }
    if (d.decl->effect.kind == ast::EffectKind::wait) check_actor(cx, *d.module, d.decl->effect.actor);
  }
}

}  // namespace mpadvisor::dsl::check_detail
