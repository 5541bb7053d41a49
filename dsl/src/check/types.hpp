// What a literal or an operand means next to a fact's declared type.
#pragma once

#include <optional>
#include <string>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl::check_detail {

// A fact type by its keyword (bool, number, set, …): the same in both languages.
std::string describe(ast::FactType type);
// What a literal is: "a number" / 数字, "'video'".
base::Wording describe(const ast::Value& value);

// Why `value` cannot be given to `fact` (en empty when it can). `element` asks about one item
// of a list or set fact (as in `features has video`).
base::Wording value_mismatch(const ast::Fact& fact, const ast::Value& value, bool element = false);

}  // namespace mpadvisor::dsl::check_detail
