#include "format/pieces.hpp"

#include <array>
#include <charconv>
#include <cstdio>

#include "mpadvisor/dsl/format.hpp"

namespace mpadvisor::dsl {
namespace format_detail {

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
  std::string out = number(c.amount) + " " + c.currency.text;
  if (c.per_attempt) out += " per_attempt";
  if (c.per_year) out += " per_year";
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
      return operand(e.left()) + " " + compare_op(e.op) + " " + operand(e.right());
    case ast::ExprKind::contains_any:
      return e.subject.text + " contains_any " + e.list().text;
    case ast::ExprKind::is_any:
      return e.subject.text + " is_any " + e.list().text;
    case ast::ExprKind::has:
      return e.values().size() == 1 ? e.subject.text + " has " + format_value(e.values().front())
                                    : e.subject.text + " has_any " + value_list(e.values());
    case ast::ExprKind::in:
      return e.subject.text + " in " + value_list(e.values());
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

}  // namespace format_detail

using namespace format_detail;

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

}  // namespace mpadvisor::dsl
