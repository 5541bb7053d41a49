// The condition language of rules and `done when`: and/or/not over comparisons and tests.
#pragma once

#include "detail/config.hpp"
#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::grammar {

struct condition_class;
using condition_type = x3::rule<condition_class, ast::Expr>;
condition_type const condition = "a condition";

BOOST_SPIRIT_DECLARE(condition_type)

}  // namespace mpadvisor::dsl::grammar
