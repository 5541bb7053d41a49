// Instantiates the condition grammar once.
#include "detail/expression_def.hpp"

namespace mpadvisor::dsl::grammar {
BOOST_SPIRIT_INSTANTIATE(condition_type, iterator_type, context_type)
}  // namespace mpadvisor::dsl::grammar
