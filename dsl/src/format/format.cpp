// The formatter: one printing function per declaration kind, properties in a fixed order,
// comments re-inserted where they stood relative to the nodes around them (printer.hpp).
#include "mpadvisor/dsl/format.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "format/pieces.hpp"
#include "format/printer.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/dsl/pattern_words.hpp"

namespace mpadvisor::dsl {
namespace {

using namespace format_detail;

struct Property {
  std::string content;
  std::uint32_t begin, end;
};

// `keyword NAME … {` + properties + `}`; a declaration without properties stays on one line.
// Only a fact may leave its block out; every other declaration keeps `{}` even when empty.
enum class Braces { required, optional };

void block(Printer& p, int indent, const std::string& head, const std::vector<Property>& props, ast::Span span,
           Braces braces = Braces::required) {
  if (props.empty() && (braces == Braces::optional || !p.has_comments_before(span.end))) {
    p.line(indent, braces == Braces::optional ? head : head + " {}", span.begin, span.end);
    return;
  }
  std::uint32_t first = UINT32_MAX;
  for (const Property& prop : props) first = std::min(first, prop.begin);
  p.line(indent, head + " {", span.begin, span.begin, first);
  for (const Property& prop : props) p.line(indent + 1, prop.content, prop.begin, prop.end);
  p.comments_before(span.end, indent + 1);
  p.line(indent, "}", span.end, span.end);
}

// `keyword zh "…" en "…"` on one line when it fits, else one translation per line, aligned.
void add(std::vector<Property>& props, const std::string& keyword, const ast::Text& t, int indent = 1) {
  if (t.empty()) return;
  std::string flat = keyword.empty() ? text(t) : keyword + " " + text(t);
  if (base::utf8::display_width(flat) + static_cast<std::size_t>(indent) * 2 > kLineLimit && t.size() > 1) {
    std::string const pad(static_cast<std::size_t>(indent) * 2 + (keyword.empty() ? 0 : keyword.size() + 1), ' ');
    flat = keyword.empty() ? "" : keyword + " ";
    for (std::size_t i = 0; i < t.size(); ++i) flat += (i ? "\n" + pad : "") + t[i].lang + " " + quote(t[i].text);
  }
  props.push_back({flat, t.front().span.begin, t.back().span.end});
}
void add_sources(std::vector<Property>& props, const std::vector<ast::Source>& sources) {
  for (const ast::Source& s : sources) props.push_back({"source " + source(s), s.span.begin, s.span.end});
}

std::string condition_lines(const std::string& keyword, const ast::Expr& e, int indent) {
  std::string flat = keyword + " " + condition(e, 0);
  if (flat.size() + static_cast<std::size_t>(indent) * 2 <= kLineLimit ||
      (e.kind != ast::ExprKind::all && e.kind != ast::ExprKind::any)) {
    return flat;
  }
  // Too long for one line: one operand per line, led by its connective.
  std::string out = keyword + " " + condition(e.operands.front(), precedence(e) + 1);
  std::string const pad(static_cast<std::size_t>(indent) * 2 + 2, ' ');
  for (std::size_t i = 1; i < e.operands.size(); ++i) {
    out += "\n" + pad + (e.kind == ast::ExprKind::all ? "and " : "or ") + condition(e.operands[i], precedence(e) + 1);
  }
  return out;
}

void print(Printer& p, const ast::Import& d) { p.line(0, "import " + quote(d.path), d.span.begin, d.span.end); }
void print(Printer& p, const ast::Goal& d) { p.line(0, "goal " + d.step.text, d.span.begin, d.span.end); }

void print(Printer& p, const ast::Fact& d) {
  static constexpr std::array types = {"bool", "number", "text", "list", "enum", "set", "date", "datetime"};
  std::string head = "fact " + d.name.text + " : " + types[static_cast<int>(d.type)];
  if (d.type == ast::FactType::enumeration || d.type == ast::FactType::enum_set) head += "(" + names(d.values) + ")";
  std::vector<Property> props;
  add(props, "title", d.title);
  add(props, "question", d.question);
  add(props, "help", d.help);
  for (const ast::Choice& c : d.choices) add(props, "choice " + c.value.text, c.title);
  add(props, "example", d.example);
  if (d.derived) props.push_back({"derived", d.name.span.end, d.name.span.end});
  if (d.background) props.push_back({"background", d.background.span.begin, d.background.span.end});
  if (d.whole) props.push_back({"whole", d.whole.span.begin, d.whole.span.end});
  auto limit = [&](const char* kw, const std::optional<double>& v) {
    if (v) props.push_back({std::string(kw) + " " + number(*v), d.name.span.end, d.name.span.end});
  };
  limit("min", d.min);
  limit("max", d.max);
  limit("max_length", d.max_length);
  add_sources(props, d.sources);
  block(p, 0, head, props, d.span, Braces::optional);
}

void print(Printer& p, const ast::TermList& d) {
  std::vector<Property> props;
  add(props, "title", d.title);
  if (!d.includes.empty())
    props.push_back({"include " + names(d.includes), d.includes.front().span.begin, d.includes.back().span.end});
  add_sources(props, d.sources);
  for (const ast::Term& t : d.terms) {
    props.push_back({quote(t.text) + (t.note.empty() ? "" : " note " + quote(t.note)), t.span.begin, t.span.end});
  }
  block(p, 0, "terms " + d.name.text, props, d.span);
}

void print(Printer& p, const ast::Province& d) {
  std::vector<Property> props;
  auto strings = [&](const char* kw, const std::vector<std::string>& list) {
    if (list.empty()) return;
    std::string out = kw;
    for (const std::string& s : list) out += " " + quote(s);
    props.push_back({out, d.name.span.end, d.name.span.end});
  };
  strings("names", d.names);
  strings("cities", d.cities);
  strings("places", d.places);
  block(p, 0, "province " + d.name.text, props, d.span);
}

void print(Printer& p, const ast::Step& d) {
  std::vector<Property> props;
  add(props, "title", d.title);
  add(props, "description", d.description);
  if (!d.actor.empty()) props.push_back({"actor " + d.actor.text, d.actor.span.begin, d.actor.span.end});
  if (!d.requires_.empty())
    props.push_back({"requires " + names(d.requires_), d.requires_.front().span.begin, d.requires_.back().span.end});
  if (d.duration) props.push_back({"duration " + duration(*d.duration), d.duration->span.begin, d.duration->span.end});
  if (d.cost) props.push_back({"cost " + cost(*d.cost), d.cost->span.begin, d.cost->span.end});
  if (d.irreversible) props.push_back({"irreversible", d.irreversible.span.begin, d.irreversible.span.end});
  if (d.done_when)
    props.push_back({condition_lines("done when", *d.done_when, 1), d.done_when->span.begin, d.done_when->span.end});
  add_sources(props, d.sources);
  block(p, 0, "step " + d.name.text, props, d.span);
}

// Alternatives and causes hold nested blocks (options, fixes), so they lay out their own braces.
void print_alternatives(Printer& p, const ast::Alternatives& d) {
  std::vector<Property> props;
  add(props, "title", d.title);
  if (!d.fact.empty()) props.push_back({"satisfied_by " + d.fact.text, d.fact.span.begin, d.fact.span.end});
  add_sources(props, d.sources);
  p.line(0, "alternatives " + d.name.text + " {", d.span.begin, d.span.begin);
  for (const Property& prop : props) p.line(1, prop.content, prop.begin, prop.end);
  for (const ast::Option& o : d.options) {
    std::vector<Property> op;
    add(op, "title", o.title, 2);
    add(op, "how", o.how, 2);
    if (o.duration) op.push_back({"duration " + duration(*o.duration), o.duration->span.begin, o.duration->span.end});
    if (o.cost) op.push_back({"cost " + cost(*o.cost), o.cost->span.begin, o.cost->span.end});
    block(p, 1, "option " + o.name.text, op, o.span);
  }
  p.comments_before(d.span.end, 1);
  p.line(0, "}", d.span.end, d.span.end);
}

std::string change(const ast::Change& c) {
  switch (c.op) {
    case ast::ChangeOp::assign:
      return "change " + c.fact.text + " = " + format_value(c.value);
    case ast::ChangeOp::add:
      return "change " + c.fact.text + " += " + format_value(c.value);
    case ast::ChangeOp::remove:
      return "change " + c.fact.text + " -= " + format_value(c.value);
    case ast::ChangeOp::unset:
      return "change " + c.fact.text + " unset";
    case ast::ChangeOp::suggest:
      return "change " + c.fact.text + " suggest " + (c.suggest == ast::SuggestMode::adding ? "adding " : "from ") +
             c.list.text;
  }
  return "";
}

void print_cause(Printer& p, const ast::Cause& d) {
  p.line(0, "cause " + d.name.text + " {", d.span.begin, d.span.begin);
  std::vector<Property> props;
  add(props, "title", d.title);
  add(props, "explain", d.explanation);
  if (!d.stage.empty()) props.push_back({"stage " + d.stage.text, d.stage.span.begin, d.stage.span.end});
  for (const Property& prop : props) p.line(1, prop.content, prop.begin, prop.end);
  for (const ast::Fix& f : d.fixes) {
    bool const plain = f.changes.empty() && !f.duration && !f.cost && !f.guard && !f.irreversible.on;
    if (plain) {
      std::vector<Property> one;
      add(one, "fix", f.text);
      if (!one.empty()) p.line(1, one.front().content, f.span.begin, f.span.end);
      continue;
    }
    std::vector<Property> body;
    add(body, "", f.text, 2);
    for (const ast::Change& c : f.changes) body.push_back({change(c), c.span.begin, c.span.end});
    if (f.duration) body.push_back({"duration " + duration(*f.duration), f.duration->span.begin, f.duration->span.end});
    if (f.cost) body.push_back({"cost " + cost(*f.cost), f.cost->span.begin, f.cost->span.end});
    if (f.guard) body.push_back({condition_lines("when", *f.guard, 2), f.guard->span.begin, f.guard->span.end});
    if (f.irreversible) body.push_back({"irreversible", f.irreversible.span.begin, f.irreversible.span.end});
    block(p, 1, "fix", body, f.span);
  }
  for (const ast::Pattern& pat : d.patterns) {
    std::string const body = pat.words.empty() ? quote(pat.regex) : "words " + format_words(pat.words);
    p.line(1, "message " + pat.lang + " " + body, pat.span.begin, pat.span.end);
  }
  std::vector<Property> sources;
  add_sources(sources, d.sources);
  for (const Property& prop : sources) p.line(1, prop.content, prop.begin, prop.end);
  p.comments_before(d.span.end, 1);
  p.line(0, "}", d.span.end, d.span.end);
}

std::string effect(const ast::Effect& e) {
  static constexpr std::array likelihood = {"low", "medium", "high"};
  switch (e.kind) {
    case ast::EffectKind::block:
      return "block " + e.cause.text;
    case ast::EffectKind::warn:
      return "warn " + e.cause.text + " likelihood " + likelihood[static_cast<int>(e.likelihood)];
    case ast::EffectKind::wait:
      return "wait " + e.cause.text + " on " + e.actor.text;
  }
  return "";
}

void print(Printer& p, const ast::Rule& d) {
  std::vector<Property> props;
  // A rule may lack its condition or effect (the checker reports that); print only what is there.
  if (d.condition.span.end != 0) {
    props.push_back({condition_lines("when", d.condition, 1), d.condition.span.begin, d.condition.span.end});
  }
  if (!d.effect.cause.empty()) props.push_back({effect(d.effect), d.effect.span.begin, d.effect.span.end});
  add_sources(props, d.sources);
  block(p, 0, "rule " + d.name.text + " at " + d.step.text, props, d.span);
}

// One `given` line per fact keeps diffs of scenarios small. A given that only restates the
// baseline (declared in the same file) is left out: the scenario says what differs.
void add_givens(std::vector<Property>& props, const std::vector<ast::Assignment>& given,
                const ast::Baseline* baseline) {
  for (const ast::Assignment& a : given) {
    if (a.unknown) {
      props.push_back({"given " + a.fact.text + " unknown", a.span.begin, a.span.end});
      continue;
    }
    std::string const value = format_value(a.value);
    bool const restated =
        baseline && std::any_of(baseline->given.begin(), baseline->given.end(), [&](const ast::Assignment& b) {
          return !b.unknown && b.fact.text == a.fact.text && format_value(b.value) == value;
        });
    if (!restated) props.push_back({"given " + a.fact.text + " = " + value, a.span.begin, a.span.end});
  }
}

void print(Printer& p, const ast::Scenario& d, const ast::Baseline* baseline) {
  std::vector<Property> props;
  add(props, "description", d.description);
  add_givens(props, d.given, baseline);
  if (!d.target.empty()) props.push_back({"target " + d.target.text, d.target.span.begin, d.target.span.end});
  for (const ast::Expectation& e : d.expectations) props.push_back({format_expectation(e), e.span.begin, e.span.end});
  block(p, 0, "scenario " + d.name.text + (d.from.empty() ? "" : " from " + d.from.text), props, d.span);
}

void print(Printer& p, const ast::Baseline& d) {
  std::vector<Property> props;
  add(props, "description", d.description);
  add_givens(props, d.given, nullptr);
  if (!d.target.empty()) props.push_back({"target " + d.target.text, d.target.span.begin, d.target.span.end});
  block(p, 0, "baseline " + d.name.text + (d.from.empty() ? "" : " from " + d.from.text), props, d.span);
}

void print(Printer& p, const ast::Reference& d) {
  std::vector<Property> props;
  add(props, "title", d.title);
  if (!d.address.empty()) props.push_back({"address " + quote(d.address), d.span.end, d.span.end});
  block(p, 0, "reference " + d.name.text, props, d.span);
}

void print(Printer& p, const ast::Calendar& d) {
  std::vector<Property> props;
  add(props, "title", d.title);
  auto range = [](const ast::DateRange& r) {
    return r.first == r.last ? date(r.first) : date(r.first) + ".." + date(r.last);
  };
  if (d.covers) props.push_back({"covers " + range(*d.covers), d.covers->span.begin, d.covers->span.end});
  for (const ast::CalendarDay& day : d.days) {
    std::vector<Property> one;
    add(one, std::string(day.workday ? "workday " : "holiday ") + range(day.days), day.title);
    if (!one.empty()) props.push_back({one.front().content, day.span.begin, day.span.end});
  }
  add_sources(props, d.sources);
  block(p, 0, "calendar " + d.name.text, props, d.span);
}

bool is_one_liner(const ast::Declaration& d) {
  if (std::holds_alternative<ast::Import>(d) || std::holds_alternative<ast::Goal>(d)) return true;
  if (const auto* f = std::get_if<ast::Fact>(&d)) {
    return f->title.empty() && f->question.empty() && f->help.empty() && f->choices.empty() && f->example.empty() &&
           !f->derived && !f->background.on && !f->whole.on && !f->min && !f->max && !f->max_length &&
           f->sources.empty();
  }
  return false;
}

}  // namespace

std::string format(const ast::Module& module) {
  Printer p(module);
  std::map<std::string, const ast::Baseline*, std::less<>> baselines;
  for (const ast::Declaration& d : module.declarations) {
    if (const auto* b = std::get_if<ast::Baseline>(&d)) baselines.emplace(b->name.text, b);
  }
  const ast::Declaration* previous = nullptr;
  for (const ast::Declaration& d : module.declarations) {
    // Runs of one-line declarations of one kind (imports, plain facts) stay together.
    if (previous && !(is_one_liner(*previous) && is_one_liner(d) && previous->index() == d.index())) p.blank();
    std::visit(
        [&](const auto& decl) {
          using T = std::decay_t<decltype(decl)>;
          if constexpr (std::is_same_v<T, ast::Alternatives>)
            print_alternatives(p, decl);
          else if constexpr (std::is_same_v<T, ast::Cause>)
            print_cause(p, decl);
          else if constexpr (std::is_same_v<T, ast::Scenario>)
            print(p, decl,
                  decl.from.empty() || !baselines.count(decl.from.text) ? nullptr : baselines.at(decl.from.text));
          else
            print(p, decl);
        },
        d);
    previous = &d;
  }
  return p.finish();
}

}  // namespace mpadvisor::dsl
