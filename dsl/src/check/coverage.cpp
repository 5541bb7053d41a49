// The coverage passes: what a KB author should hear about but that does not stop the KB
// from working: causes no rule uses, causes the platform reports without a message pattern,
// texts missing a language, causes without a fix, knowledge without a source, stale sources.
#include <set>

#include "check/context.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

void check_text(CheckContext& cx, const ast::Module& m, ast::Span owner, const ast::Text& text,
                const base::Wording& what) {
  if (text.empty()) return;
  for (const char* lang : {"zh", "en"}) {
    bool present = false;
    for (const ast::Translation& t : text) present |= t.lang == lang;
    if (!present) {
      cx.report(m, text.front().span.end ? text.front().span : owner, Severity::warning, code::kMissingTranslation,
                std::string(lang) == "zh" ? base::word("{0} has no Chinese (zh) text", "{0}缺少中文（zh）文本", what)
                                          : base::word("{0} has no English (en) text", "{0}缺少英文（en）文本", what));
    }
  }
}

// `what`: the part of `owner`'s declaration ("the title", 标题).
void require_text(CheckContext& cx, const ast::Module& m, const ast::Name& owner, const ast::Text& text,
                  const base::Wording& what) {
  if (text.empty()) {
    cx.report(m, owner.span, Severity::warning, code::kMissingText,
              base::word("{0} of '{1}' is missing", "“{1}”缺少{0}", what, owner.text));
  }
  check_text(cx, m, owner.span, text, base::word("{0} of '{1}'", "“{1}”的{0}", what, owner.text));
}

// "the description of 'x'" / “x”的描述: a part of a declaration by the declaration's name.
base::Wording part_of(const base::Wording& part, const std::string& owner) {
  return base::word("{0} of '{1}'", "“{1}”的{0}", part, owner);
}

const base::Wording kTitle{"the title", "标题"}, kDescription{"the description", "描述"},
    kExplanation{"the explanation", "说明"};

void check_staleness(CheckContext& cx, const ast::Module& m, const std::vector<ast::Source>& sources) {
  if (!cx.options.stale_after_days) return;
  for (const ast::Source& s : sources) {
    if (!s.checked) {
      cx.report(m, s.span, Severity::warning, code::kStaleSource,
                {"source has no `checked` date, so it cannot be known to be current",
                 "来源没有 `checked` 日期，无法知道它是否仍然有效"});
    } else if (long age = base::days_between(to_date(*s.checked), cx.options.today);
               age > *cx.options.stale_after_days) {
      cx.report(
          m, s.span, Severity::warning, code::kStaleSource,
          base::word("source was last checked {0} days ago (limit {1} days); platform policies change without notice: "
                     "check it again",
                     "来源上次核对是在 {0} 天前（上限 {1} 天）；平台政策会不经通知地变化：请重新核对", age,
                     *cx.options.stale_after_days));
    }
  }
}

void check_sources(CheckContext& cx, const ast::Module& m, const ast::Name& owner, const char* kind,
                   const std::vector<ast::Source>& sources) {
  if (sources.empty()) {
    cx.report(
        m, owner.span, Severity::warning, code::kMissingSource,
        base::word("{0} '{1}' cites no source; add `source \"…\" checked YYYY-MM-DD`",
                   "{0}“{1}”没有注明来源；请加上 `source \"…\" checked YYYY-MM-DD`", kind_words(kind), owner.text));
  }
  check_staleness(cx, m, sources);
}

}  // namespace

void check_cause_use(CheckContext& cx) {
  const Symbols& s = cx.symbols;
  std::set<std::string> used, blocking;
  for (const auto& [name, d] : s.rules) {
    used.insert(d.decl->effect.cause.text);
    if (d.decl->effect.kind == ast::EffectKind::block) blocking.insert(d.decl->effect.cause.text);
  }
  for (const auto& [name, d] : s.causes) {
    const ast::Cause& c = *d.decl;
    if (!used.count(name)) {
      cx.report(*d.module, c.name.span, Severity::warning, code::kUnusedCause,
                base::word("no rule uses cause '{0}'", "没有规则用到原因“{0}”", name));
    }
    // Only a cause that blocks is something the platform rejects with a message.
    if (!c.stage.empty() && blocking.count(name)) {
      for (const char* lang : {"zh", "en"}) {
        bool present = false;
        for (const ast::Pattern& p : c.patterns) present |= p.lang == lang;
        if (!present) {
          cx.report(*d.module, c.name.span, Severity::warning, code::kMissingPattern,
                    base::word("cause '{0}' is reported by the platform but has no {1} message pattern to recognise it "
                               "in a rejection",
                               "原因“{0}”会出现在平台的驳回里，却没有 {1} 驳回信息模式来识别它", name, lang));
        }
      }
    }
  }
}

void check_coverage(CheckContext& cx) {
  const Symbols& s = cx.symbols;
  for (const auto& [name, d] : s.causes) {
    const ast::Cause& c = *d.decl;
    require_text(cx, *d.module, c.name, c.title, kTitle);
    require_text(cx, *d.module, c.name, c.explanation, kExplanation);
    for (const ast::Fix& f : c.fixes)
      check_text(cx, *d.module, c.name.span, f.text, base::word("a fix of '{0}'", "“{0}”的一个解决办法", name));
    if (c.fixes.empty()) {
      cx.report(*d.module, c.name.span, Severity::warning, code::kMissingFix,
                base::word("cause '{0}' offers no fix", "原因“{0}”没有给出解决办法", name));
    }
    check_sources(cx, *d.module, c.name, "cause", c.sources);
  }
  for (const auto& [name, d] : s.rules) check_sources(cx, *d.module, d.decl->name, "rule", d.decl->sources);
  for (const auto& [name, d] : s.steps) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.facts) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.terms) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.alternatives) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.steps) {
    require_text(cx, *d.module, d.decl->name, d.decl->title, kTitle);
    check_text(cx, *d.module, d.decl->name.span, d.decl->description, part_of(kDescription, name));
  }
  for (const auto& [name, d] : s.facts) {
    // A fact the applicant is asked about is also named to them, by its title, in evidence
    // ("主体类型：个人"); without one, evidence falls back to KB notation.
    if (!d.decl->question.empty())
      require_text(cx, *d.module, d.decl->name, d.decl->title, kTitle);
    else
      check_text(cx, *d.module, d.decl->name.span, d.decl->title, part_of(kTitle, name));
    check_text(cx, *d.module, d.decl->name.span, d.decl->question, part_of({"the question", "问题"}, name));
    check_text(cx, *d.module, d.decl->name.span, d.decl->help, part_of({"the help", "帮助说明"}, name));
    check_text(cx, *d.module, d.decl->name.span, d.decl->example, part_of({"the example", "示例"}, name));
    for (const ast::Choice& c : d.decl->choices)
      check_text(cx, *d.module, c.value.span, c.title,
                 base::word("the choice '{0}' of '{1}'", "“{1}”的选项“{0}”", c.value.text, name));
  }
  for (const auto& [name, d] : s.terms)
    check_text(cx, *d.module, d.decl->name.span, d.decl->title, part_of(kTitle, name));
  for (const auto& [name, d] : s.alternatives) {
    require_text(cx, *d.module, d.decl->name, d.decl->title, kTitle);
    for (const ast::Option& o : d.decl->options) {
      require_text(cx, *d.module, o.name, o.title, kTitle);
      check_text(cx, *d.module, o.name.span, o.how, base::word("how to get '{0}'", "获取“{0}”的方法", o.name.text));
    }
  }
  for (const auto& [name, d] : s.references) require_text(cx, *d.module, d.decl->name, d.decl->title, kTitle);
  for (const auto& [name, d] : s.scenarios) {
    check_text(cx, *d.module, d.decl->name.span, d.decl->description, part_of(kDescription, name));
  }
}

}  // namespace mpadvisor::dsl::check_detail
