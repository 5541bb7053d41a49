// One top-level declaration of a KB file: import, goal, fact, terms, province, step,
// alternatives, cause, rule, scenario, baseline, reference or calendar. The driver parses declarations one at a time so
// that it can resume after a syntax error.
#pragma once

#include "detail/config.hpp"
#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::grammar {

struct declaration_class;
using declaration_type = x3::rule<declaration_class, ast::Declaration>;
declaration_type const declaration = "a declaration";

BOOST_SPIRIT_DECLARE(declaration_type)

}  // namespace mpadvisor::dsl::grammar
