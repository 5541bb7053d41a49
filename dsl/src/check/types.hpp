// What a literal or an operand means next to a fact's declared type.
#pragma once

#include <optional>
#include <string>

#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl::check_detail {

std::string describe(ast::FactType type);
std::string describe(const ast::Value& value);

// Why `value` cannot be given to `fact` (empty when it can). `element` asks about one item
// of a list or set fact (as in `features has video`).
std::string value_mismatch(const ast::Fact& fact, const ast::Value& value, bool element = false);

}  // namespace mpadvisor::dsl::check_detail
