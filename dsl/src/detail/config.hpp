// The types every grammar translation unit must agree on: iterator, skipper and context.
// BOOST_SPIRIT_INSTANTIATE links only when the call site builds exactly this context, so
// the driver (parse.cpp) constructs it through the same make_context calls spelt here.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "detail/parse_state.hpp"

namespace mpadvisor::dsl::grammar {
namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// Skips ASCII white space and `#` comments. Written by hand rather than composed from
// x3::space so that bytes of UTF-8 text are never passed to a classification table.
struct skipper_parser : x3::parser<skipper_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const&, RContext const&, Attribute&) const {
    Iterator const start = first;
    while (first != last) {
      char const c = *first;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++first;
      } else if (c == '#') {
        while (first != last && *first != '\n') ++first;
      } else {
        break;
      }
    }
    return first != start;
  }
};
inline skipper_parser const skipper{};

struct state_tag;

using skip_context_type = decltype(x3::make_context<x3::skipper_tag>(std::declval<skipper_parser const&>()));
using context_type =
    decltype(x3::make_context<state_tag>(std::declval<ParseState&>(), std::declval<skip_context_type const&>()));

}  // namespace mpadvisor::dsl::grammar
