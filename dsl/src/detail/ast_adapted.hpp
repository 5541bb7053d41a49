// Fusion adaptation of the AST structs that the grammar fills as plain sequences.
// Property blocks (steps, causes, …) take their properties in any order, so they are
// filled by semantic actions instead (see declaration_def.hpp).
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "mpadvisor/dsl/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(mpadvisor::dsl::ast::Translation, lang, text)
BOOST_FUSION_ADAPT_STRUCT(mpadvisor::dsl::ast::Quantity, amount, unit)
