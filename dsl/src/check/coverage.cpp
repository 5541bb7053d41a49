// The coverage passes: what a KB author should hear about but that does not stop the KB
// from working: causes no rule uses, causes the platform reports without a message pattern,
// texts missing a language, causes without a fix, knowledge without a source, stale sources.
#include <set>

#include "check/context.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

void check_text(CheckContext& cx, const ast::Module& m, ast::Span owner, const ast::Text& text,
                const std::string& what) {
  if (text.empty()) return;
  for (const char* lang : {"zh", "en"}) {
    bool present = false;
    for (const ast::Translation& t : text) present |= t.lang == lang;
    if (!present) {
      cx.report(m, text.front().span.end ? text.front().span : owner, Severity::warning, code::kMissingTranslation,
                what + " has no " + (std::string(lang) == "zh" ? "Chinese (zh)" : "English (en)") + " text");
    }
  }
}

void require_text(CheckContext& cx, const ast::Module& m, const ast::Name& owner, const ast::Text& text,
                  const std::string& what) {
  if (text.empty()) {
    cx.report(m, owner.span, Severity::warning, code::kMissingText, what + " of '" + owner.text + "' is missing");
  }
  check_text(cx, m, owner.span, text, what + " of '" + owner.text + "'");
}

void check_staleness(CheckContext& cx, const ast::Module& m, const std::vector<ast::Source>& sources) {
  if (!cx.options.stale_after_days) return;
  for (const ast::Source& s : sources) {
    if (!s.checked) {
      cx.report(m, s.span, Severity::warning, code::kStaleSource,
                "source has no `checked` date, so it cannot be known to be current");
    } else if (long age = base::days_between(to_date(*s.checked), cx.options.today);
               age > *cx.options.stale_after_days) {
      cx.report(m, s.span, Severity::warning, code::kStaleSource,
                "source was last checked " + std::to_string(age) + " days ago (limit " +
                    std::to_string(*cx.options.stale_after_days) +
                    "); platform policies change without notice: check it again");
    }
  }
}

void check_sources(CheckContext& cx, const ast::Module& m, const ast::Name& owner, const char* kind,
                   const std::vector<ast::Source>& sources) {
  if (sources.empty()) {
    cx.report(m, owner.span, Severity::warning, code::kMissingSource,
              std::string(kind) + " '" + owner.text + "' cites no source; add `source \"…\" checked YYYY-MM-DD`");
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
      cx.report(*d.module, c.name.span, Severity::warning, code::kUnusedCause, "no rule uses cause '" + name + "'");
    }
    // Only a cause that blocks is something the platform rejects with a message.
    if (!c.stage.empty() && blocking.count(name)) {
      for (const char* lang : {"zh", "en"}) {
        bool present = false;
        for (const ast::Pattern& p : c.patterns) present |= p.lang == lang;
        if (!present) {
          cx.report(*d.module, c.name.span, Severity::warning, code::kMissingPattern,
                    "cause '" + name + "' is reported by the platform but has no " + lang +
                        " message pattern to recognise it in a rejection");
        }
      }
    }
  }
}

void check_coverage(CheckContext& cx) {
  const Symbols& s = cx.symbols;
  for (const auto& [name, d] : s.causes) {
    const ast::Cause& c = *d.decl;
    require_text(cx, *d.module, c.name, c.title, "the title");
    require_text(cx, *d.module, c.name, c.explanation, "the explanation");
    for (const ast::Fix& f : c.fixes) check_text(cx, *d.module, c.name.span, f.text, "a fix of '" + name + "'");
    if (c.fixes.empty()) {
      cx.report(*d.module, c.name.span, Severity::warning, code::kMissingFix, "cause '" + name + "' offers no fix");
    }
    check_sources(cx, *d.module, c.name, "cause", c.sources);
  }
  for (const auto& [name, d] : s.rules) check_sources(cx, *d.module, d.decl->name, "rule", d.decl->sources);
  for (const auto& [name, d] : s.steps) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.facts) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.terms) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.alternatives) check_staleness(cx, *d.module, d.decl->sources);
  for (const auto& [name, d] : s.steps) {
    require_text(cx, *d.module, d.decl->name, d.decl->title, "the title");
    check_text(cx, *d.module, d.decl->name.span, d.decl->description, "the description of '" + name + "'");
  }
  for (const auto& [name, d] : s.facts) {
    // A fact the applicant is asked about is also named to them, by its title, in evidence
    // ("主体类型：个人"); without one, evidence falls back to KB notation.
    if (!d.decl->question.empty())
      require_text(cx, *d.module, d.decl->name, d.decl->title, "the title");
    else
      check_text(cx, *d.module, d.decl->name.span, d.decl->title, "the title of '" + name + "'");
    check_text(cx, *d.module, d.decl->name.span, d.decl->question, "the question of '" + name + "'");
    check_text(cx, *d.module, d.decl->name.span, d.decl->help, "the help of '" + name + "'");
    check_text(cx, *d.module, d.decl->name.span, d.decl->example, "the example of '" + name + "'");
    for (const ast::Choice& c : d.decl->choices)
      check_text(cx, *d.module, c.value.span, c.title, "the choice '" + c.value.text + "' of '" + name + "'");
  }
  for (const auto& [name, d] : s.terms)
    check_text(cx, *d.module, d.decl->name.span, d.decl->title, "the title of '" + name + "'");
  for (const auto& [name, d] : s.alternatives) {
    require_text(cx, *d.module, d.decl->name, d.decl->title, "the title");
    for (const ast::Option& o : d.decl->options) {
      require_text(cx, *d.module, o.name, o.title, "the title");
      check_text(cx, *d.module, o.name.span, o.how, "how to get '" + o.name.text + "'");
    }
  }
  for (const auto& [name, d] : s.references) require_text(cx, *d.module, d.decl->name, d.decl->title, "the title");
  for (const auto& [name, d] : s.scenarios) {
    check_text(cx, *d.module, d.decl->name.span, d.decl->description, "the description of '" + name + "'");
  }
}

}  // namespace mpadvisor::dsl::check_detail
