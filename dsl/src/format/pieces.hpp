// Printing the pieces of KB text that declarations are made of: literals, texts, sources,
// conditions. Shared by the declaration printers and the public format_* functions.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::format_detail {

inline constexpr std::size_t kLineLimit = 100;  // longer lines are broken where the language allows

std::string number(double v);
std::string date(const ast::Date& d);
std::string text(const ast::Text& t);
std::string names(const std::vector<ast::Name>& list);
std::string duration(const ast::DurationRange& d);
std::string cost(const ast::Cost& c);
std::string source(const ast::Source& s);
// How tightly a condition binds: or 1, and 2, not 3, a test 4.
int precedence(const ast::Expr& e);
// A condition inside a context of the given precedence (parenthesised when it binds looser).
std::string condition(const ast::Expr& e, int context);

}  // namespace mpadvisor::dsl::format_detail
