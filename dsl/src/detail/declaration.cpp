// Instantiates the declaration grammar once. This is the slowest unit to compile; the
// condition and lexical grammars live in their own units so that editing one does not
// rebuild the others.
#include "detail/declaration_def.hpp"

namespace mpadvisor::dsl::grammar {
BOOST_SPIRIT_INSTANTIATE(declaration_type, iterator_type, context_type)
}  // namespace mpadvisor::dsl::grammar
