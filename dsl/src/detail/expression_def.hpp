// Grammar of conditions. Precedence, loosest first: or, and, not, then a single test.
//
//   condition := conjunction ('or' conjunction)*
//   conjunction := negation ('and' negation)*
//   negation := 'not' negation | primary
//   primary := '(' condition ')' | true | false
//            | known(F) | done(S) | satisfied(A) | mentions_region(F)
//            | FUNC(F) CMP operand
//            | F [ contains_any L | is_any L | has V | has_any [V…] | in [V…] | CMP operand ]
#pragma once

// Grammar rules are laid out by hand so that each line reads as one alternative or one
// property of the language; clang-format would reflow them by operator precedence.
// clang-format off

#include "detail/expression.hpp"
#include "detail/handlers.hpp"
#include "detail/lexical.hpp"

namespace mpadvisor::dsl::grammar {

// ---------------------------------------------------------------- rule IDs

struct condition_class {};
struct conjunction_class {};
struct negation_class {};
struct primary_class {};
struct call_class {};
struct operand_class {};

// ---------------------------------------------------------------- actions

namespace actions {
template <ast::ExprKind Kind>
auto const combine = [](auto& ctx) {
  ast::Expr& self = x3::_val(ctx);
  if (self.kind != Kind) {
    ast::Expr group;
    group.kind = Kind;
    group.span = self.span;
    group.operands.push_back(std::move(self));
    self = std::move(group);
  }
  self.operands.push_back(std::move(x3::_attr(ctx)));
};
inline auto const take = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
inline auto const negate = [](auto& ctx) {
  ast::Expr& self = x3::_val(ctx);
  self.kind = ast::ExprKind::negation;
  self.operands.push_back(std::move(x3::_attr(ctx)));
};
template <bool Truth>
auto const constant = [](auto& ctx) {
  x3::_val(ctx).kind = ast::ExprKind::constant;
  x3::_val(ctx).truth = Truth;
};
template <ast::ExprKind Kind>
auto const test_of = [](auto& ctx) {
  x3::_val(ctx).kind = Kind;
  x3::_val(ctx).subject = x3::_attr(ctx);
};
inline auto const subject = [](auto& ctx) {
  ast::Expr& self = x3::_val(ctx);
  self.kind = ast::ExprKind::fact;
  self.subject = x3::_attr(ctx);
};
template <ast::ExprKind Kind>
auto const with_list = [](auto& ctx) {
  x3::_val(ctx).kind = Kind;
  x3::_val(ctx).list() = x3::_attr(ctx);
};
// `has x` holds one value; `has_any [x, y]` and `in [x, y]` a list of them.
template <ast::ExprKind Kind>
auto const with_values = [](auto& ctx) {
  ast::Expr& self = x3::_val(ctx);
  self.kind = Kind;
  ast::Value& v = x3::_attr(ctx);
  if (v.kind == ast::ValueKind::list) {
    self.values() = std::move(v.items);
  } else {
    self.values().push_back(std::move(v));
  }
};
// `fact op value` compares the subject read so far; after a call (`province(x) == …`) the
// left side is the call, already in place.
inline auto const compare_with = [](auto& ctx) {
  ast::Expr& self = x3::_val(ctx);
  if (self.kind == ast::ExprKind::fact) {
    self.left().kind = ast::Operand::Kind::fact;
    self.left().fact = self.subject;
    self.left().span = self.subject.span;
  }
  self.kind = ast::ExprKind::compare;
  self.op = x3::_attr(ctx);
};
inline auto const right_operand = [](auto& ctx) { x3::_val(ctx).right() = x3::_attr(ctx); };
inline auto const left_call = [](auto& ctx) { x3::_val(ctx).left() = x3::_attr(ctx); };
inline auto const call_function = [](auto& ctx) {
  x3::_val(ctx).kind = ast::Operand::Kind::call;
  x3::_val(ctx).function = x3::_attr(ctx);
};
inline auto const call_argument = [](auto& ctx) { x3::_val(ctx).fact = x3::_attr(ctx); };
inline auto const operand_value = [](auto& ctx) {
  x3::_val(ctx).kind = ast::Operand::Kind::value;
  x3::_val(ctx).value = x3::_attr(ctx);
};
inline auto const operand_call = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };
}  // namespace actions

struct compare_symbols : x3::symbols<ast::CompareOp> {
  compare_symbols() {
    add("==", ast::CompareOp::eq)("!=", ast::CompareOp::ne)("<=", ast::CompareOp::le)(
        ">=", ast::CompareOp::ge)("<", ast::CompareOp::lt)(">", ast::CompareOp::gt);
  }
};
inline compare_symbols const compare_op;

struct function_symbols : x3::symbols<std::string> {
  function_symbols() {
    for (char const* f : {"province", "hours_since", "days_since", "days_until", "width", "count"}) add(f, f);
  }
};
inline function_symbols const function_name;

// ---------------------------------------------------------------- rules

x3::rule<conjunction_class, ast::Expr> const conjunction = "a condition";
x3::rule<negation_class, ast::Expr> const negation = "a condition";
x3::rule<primary_class, ast::Expr> const primary = "a condition";
x3::rule<call_class, ast::Operand> const call = "a function call such as province(id_region)";
x3::rule<operand_class, ast::Operand> const operand = "a value or a function call";
x3::rule<struct closing_paren_class> const closing_paren = "')'";
x3::rule<struct comparison_class, ast::CompareOp> const comparison_operator =
    "a comparison (==, !=, <, <=, >, >=)";

auto const condition_def =
    spanned(conjunction[actions::take] >> *(kw("or") > conjunction[actions::combine<ast::ExprKind::any>]));
auto const conjunction_def =
    spanned(negation[actions::take] >> *(kw("and") > negation[actions::combine<ast::ExprKind::all>]));
auto const negation_def = spanned((kw("not") > negation[actions::negate]) | primary[actions::take]);

auto const closing_paren_def = x3::lit(')');
auto const comparison_operator_def = compare_op;

auto const call_def = spanned(x3::lexeme[function_name >> !ident_rest][actions::call_function] >> '(' >
                      name[actions::call_argument] > closing_paren);
auto const operand_def = spanned(call[actions::operand_call] | value[actions::operand_value]);

auto const fact_test =
    name[actions::subject] >>
    -((kw("contains_any") > name[actions::with_list<ast::ExprKind::contains_any>]) |
      (kw("is_any") > name[actions::with_list<ast::ExprKind::is_any>]) |
      (kw("has_any") > value[actions::with_values<ast::ExprKind::has>]) |
      (kw("has") > value[actions::with_values<ast::ExprKind::has>]) |
      (kw("in") > value[actions::with_values<ast::ExprKind::in>]) |
      (compare_op[actions::compare_with] > operand[actions::right_operand]));

auto const primary_def =
    spanned(('(' > condition[actions::take] > closing_paren) |
    kw("true")[actions::constant<true>] | kw("false")[actions::constant<false>] |
    (kw("known") > '(' > name[actions::test_of<ast::ExprKind::known>] > closing_paren) |
    (kw("done") > '(' > name[actions::test_of<ast::ExprKind::done>] > closing_paren) |
    (kw("satisfied") > '(' > name[actions::test_of<ast::ExprKind::satisfied>] > closing_paren) |
    (kw("mentions_region") > '(' > name[actions::test_of<ast::ExprKind::mentions_region>] >
     closing_paren) |
    (call[actions::left_call] > comparison_operator[actions::compare_with] >
     operand[actions::right_operand]) |
    fact_test);

BOOST_SPIRIT_DEFINE(condition, conjunction, negation, primary, call, operand, closing_paren,
                    comparison_operator)

}  // namespace mpadvisor::dsl::grammar
// clang-format on
