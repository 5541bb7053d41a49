// Finds `#` comments in KB text (outside string literals) so the formatter can keep them.
#pragma once

#include <string_view>
#include <vector>

#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::grammar {

std::vector<ast::Comment> scan_comments(std::string_view text);

}  // namespace mpadvisor::dsl::grammar
