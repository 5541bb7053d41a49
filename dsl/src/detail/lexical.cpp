// Instantiates the lexical rules once for the context every grammar unit shares.
#include "detail/lexical_def.hpp"

namespace mpadvisor::dsl::grammar {
BOOST_SPIRIT_INSTANTIATE(name_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(string_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(date_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(number_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(value_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(translation_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(text_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(source_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(duration_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(cost_type, iterator_type, context_type)
}  // namespace mpadvisor::dsl::grammar
