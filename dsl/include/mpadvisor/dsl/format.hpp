// The canonical layout of KB text. Formatting keeps every comment, is idempotent, and
// parses back to the same declarations.
#pragma once

#include <string>

#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl {

// The module in canonical layout. The module must have parsed without errors (formatting
// a partial tree would drop the declarations that failed).
std::string format(const ast::Module& module);

// Pieces of the layout that other tools print too (the engine's explanations, kb graph).
std::string format_condition(const ast::Expr& condition);
std::string format_value(const ast::Value& value);
std::string format_expectation(const ast::Expectation& expectation);  // `expect blocked at S by C`
std::string quote(const std::string& text);

}  // namespace mpadvisor::dsl
