// The formatter: one printing function per declaration kind, properties in a fixed order,
// comments re-inserted where they stood relative to the nodes around them.
#include "mpadvisor/dsl/format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <map>

#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/dsl/pattern_words.hpp"

namespace mpadvisor::dsl {
namespace {

constexpr std::size_t kLineLimit = 100;

std::string number(double v) {
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  return ec == std::errc{} ? std::string(buffer.data(), end) : std::to_string(v);
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string date(const ast::Date& d) {
  char year[8];
  std::snprintf(year, sizeof year, "%04d", d.year);  // the grammar reads exactly four digits
  std::string out = std::string(year) + "-" + two(d.month) + "-" + two(d.day);
  if (d.has_time()) out += "T" + two(d.hour) + ":" + two(d.minute);
  return out;
}

std::string text(const ast::Text& t) {
  std::string out;
  for (const ast::Translation& tr : t) out += (out.empty() ? "" : " ") + tr.lang + " " + quote(tr.text);
  return out;
}

std::string names(const std::vector<ast::Name>& list) {
  std::string out;
  for (const ast::Name& n : list) out += (out.empty() ? "" : ", ") + n.text;
  return out;
}

std::string quantity(const ast::Quantity& q) { return number(q.amount) + q.unit; }

std::string duration(const ast::DurationRange& d) {
  std::string out = quantity(d.low);
  if (d.high.amount != d.low.amount || d.high.unit != d.low.unit) out += ".." + quantity(d.high);
  return out;
}

std::string cost(const ast::Cost& c) {
  std::string out = number(c.amount) + " " + c.currency;
  if (c.per_attempt) out += " per_attempt";
  if (!c.refundable) out += " nonrefundable";
  return out;
}

std::string source(const ast::Source& s) {
  std::string out = quote(s.ref);
  if (s.checked) out += " checked " + date(*s.checked);
  static constexpr std::array certainty = {"", "official", "many", "single", "applicant"};
  if (s.certainty != ast::Certainty::unspecified)
    out += std::string(" certainty ") + certainty[static_cast<int>(s.certainty)];
  return out;
}

const char* compare_op(ast::CompareOp op) {
  static constexpr std::array ops = {"==", "!=", "<", "<=", ">", ">="};
  return ops[static_cast<int>(op)];
}

std::string operand(const ast::Operand& o) {
  switch (o.kind) {
    case ast::Operand::Kind::fact:
      return o.fact.text;
    case ast::Operand::Kind::call:
      return o.function + "(" + o.fact.text + ")";
    case ast::Operand::Kind::value:
      return format_value(o.value);
  }
  return "";
}

// Binding strength: a child binding more loosely than its position allows gets parentheses.
int precedence(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::any:
      return 1;
    case ast::ExprKind::all:
      return 2;
    case ast::ExprKind::negation:
      return 3;
    default:
      return 4;
  }
}

std::string condition(const ast::Expr& e, int context);

std::string value_list(const std::vector<ast::Value>& values) {
  std::string out;
  for (const ast::Value& v : values) out += (out.empty() ? "" : ", ") + format_value(v);
  return "[" + out + "]";
}

std::string condition_body(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::constant:
      return e.truth ? "true" : "false";
    case ast::ExprKind::fact:
      return e.subject.text;
    case ast::ExprKind::all:
    case ast::ExprKind::any: {
      std::string out;
      for (const ast::Expr& op : e.operands) {
        if (!out.empty()) out += e.kind == ast::ExprKind::all ? " and " : " or ";
        // Operands of the same kind nested explicitly keep their parentheses.
        out += condition(op, precedence(e) + 1);
      }
      return out;
    }
    case ast::ExprKind::negation:
      return "not " + condition(e.operands.front(), 3);
    case ast::ExprKind::compare:
      return operand(e.left) + " " + compare_op(e.op) + " " + operand(e.right);
    case ast::ExprKind::contains_any:
      return e.subject.text + " contains_any " + e.list.text;
    case ast::ExprKind::is_any:
      return e.subject.text + " is_any " + e.list.text;
    case ast::ExprKind::has:
      return e.values.size() == 1 ? e.subject.text + " has " + format_value(e.values.front())
                                  : e.subject.text + " has_any " + value_list(e.values);
    case ast::ExprKind::in:
      return e.subject.text + " in " + value_list(e.values);
    case ast::ExprKind::known:
      return "known(" + e.subject.text + ")";
    case ast::ExprKind::done:
      return "done(" + e.subject.text + ")";
    case ast::ExprKind::satisfied:
      return "satisfied(" + e.subject.text + ")";
    case ast::ExprKind::mentions_region:
      return "mentions_region(" + e.subject.text + ")";
  }
  return "";
}

std::string condition(const ast::Expr& e, int context) {
  std::string body = condition_body(e);
  return precedence(e) < context ? "(" + body + ")" : body;
}

// Writes lines and puts each comment back before the first node that followed it.
class Printer {
 public:
  explicit Printer(const ast::Module& m) : m_(m) {}

  std::string finish() {
    comments_before(static_cast<std::uint32_t>(m_.text.size()) + 1, 0);
    while (!out_.empty() && out_.back() == '\n' && out_.size() > 1 && out_[out_.size() - 2] == '\n') out_.pop_back();
    return out_;
  }

  // A line for a node whose text spans [begin, end) in the source. A comment after `end` on
  // the same source line stays at the end of the line, unless it comes after `limit` (the
  // next node): `step a { title … # c` keeps `# c` with the title, not with `step a {`.
  void line(int indent, const std::string& content, std::uint32_t begin, std::uint32_t end,
            std::uint32_t limit = UINT32_MAX) {
    comments_before(begin, indent);
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += content;
    trailing_comment(end, limit);
    out_ += '\n';
  }
  bool has_comments_before(std::uint32_t offset) const {
    return next_ < m_.comments.size() && m_.comments[next_].span.begin < offset;
  }
  void blank() {
    if (!out_.empty() && out_.substr(out_.size() - std::min<std::size_t>(2, out_.size())) != "\n\n") out_ += '\n';
  }
  void comments_before(std::uint32_t offset, int indent) {
    bool wrote = false;
    while (next_ < m_.comments.size() && m_.comments[next_].span.begin < offset) {
      const ast::Comment& c = m_.comments[next_++];
      // A comment after a blank line in the source keeps its distance from what is above it.
      if (blank_line_before(c.span.begin) && !out_.empty() && out_.back() == '\n' && !ends_with_open_brace()) blank();
      out_.append(static_cast<std::size_t>(indent) * 2, ' ');
      out_ += comment_text(c);
      out_ += '\n';
      wrote = true;
    }
    // ... and from what is below it: a section banner stays apart from the first declaration.
    if (wrote && offset < m_.text.size() && blank_line_before(offset)) blank();
  }

 private:
  bool ends_with_open_brace() const { return out_.size() >= 2 && out_[out_.size() - 2] == '{'; }

  bool blank_line_before(std::uint32_t offset) const {
    std::size_t line_start = m_.text.rfind('\n', offset == 0 ? 0 : offset - 1);
    if (line_start == std::string::npos || line_start == 0) return false;
    std::size_t prev = m_.text.rfind('\n', line_start - 1);
    std::size_t from = prev == std::string::npos ? 0 : prev + 1;
    return m_.text.find_first_not_of(" \t\r", from) >= line_start;
  }

  std::string comment_text(const ast::Comment& c) const {
    return m_.text.substr(c.span.begin, c.span.end - c.span.begin);
  }

  void trailing_comment(std::uint32_t end, std::uint32_t limit) {
    if (next_ >= m_.comments.size()) return;
    const ast::Comment& c = m_.comments[next_];
    if (c.span.begin < end || c.span.begin > limit) return;
    if (m_.text.find('\n', end) < c.span.begin) return;
    out_ += "  " + comment_text(c);
    ++next_;
  }

  const ast::Module& m_;
  std::size_t next_ = 0;
  std::string out_;
};

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
  add(props, "question", d.question);
  add(props, "help", d.help);
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
    if (f.changes.empty()) {
      std::vector<Property> one;
      add(one, "fix", f.text);
      if (!one.empty()) p.line(1, one.front().content, f.span.begin, f.span.end);
      continue;
    }
    std::vector<Property> body;
    add(body, "", f.text, 2);
    for (const ast::Change& c : f.changes) body.push_back({change(c), c.span.begin, c.span.end});
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

bool is_one_liner(const ast::Declaration& d) {
  if (std::holds_alternative<ast::Import>(d) || std::holds_alternative<ast::Goal>(d)) return true;
  if (const auto* f = std::get_if<ast::Fact>(&d)) {
    return f->question.empty() && f->help.empty() && !f->min && !f->max && !f->max_length && f->sources.empty();
  }
  return false;
}

}  // namespace

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string format_value(const ast::Value& v) {
  switch (v.kind) {
    case ast::ValueKind::boolean:
      return v.boolean ? "true" : "false";
    case ast::ValueKind::number:
      return number(v.number);
    case ast::ValueKind::string:
      return quote(v.text);
    case ast::ValueKind::symbol:
      return v.text;
    case ast::ValueKind::date:
      return date(v.date);
    case ast::ValueKind::list:
      return value_list(v.items);
  }
  return "";
}

std::string format_condition(const ast::Expr& e) { return condition(e, 0); }

std::string format_expectation(const ast::Expectation& e) {
  std::string out = e.negated ? "expect not " : "expect ";
  auto by = [&] { return e.cause.empty() ? std::string() : " by " + e.cause.text; };
  switch (e.kind) {
    case ast::Expectation::Kind::verdict:
      return out + e.verdict;
    case ast::Expectation::Kind::blocked:
      return out + "blocked at " + e.step.text + by();
    case ast::Expectation::Kind::warned:
      return out + "warned at " + e.step.text + by();
    case ast::Expectation::Kind::waiting:
      return out + "waiting at " + e.step.text + by();
    case ast::Expectation::Kind::needs_info:
      return out + "needs_info about " + e.fact.text;
  }
  return out;
}

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
