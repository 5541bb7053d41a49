// Rule-ID base classes: `annotate` stamps each node with the byte range it was parsed from,
// `report_errors` turns an expectation failure into a SyntaxError for the driver.
#pragma once

#include <type_traits>

#include "detail/config.hpp"
#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::grammar {

struct annotate {
  template <typename Iterator, typename Context, typename Attribute>
  void on_success(Iterator const& first, Iterator const& last, Attribute& node, Context const& context) const {
    if constexpr (std::is_base_of_v<ast::Node, Attribute>) {
      ParseState const& state = x3::get<state_tag>(context);
      node.span = {state.offset_of(first), state.offset_of(last)};
    }
  }
};

struct report_errors {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator&, Iterator const&, Exception const& failure,
                                    Context const& context) const {
    ParseState& state = x3::get<state_tag>(context);
    if (!state.error) state.error = SyntaxError{state.offset_of(failure.where()), "expected " + failure.which()};
    return x3::error_handler_result::fail;
  }
};

// A string literal without its closing quote is reported at its opening quote: the place the
// author has to look at, rather than the end of the line.
struct report_unterminated_string {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const&, Exception const&, Context const& context) const {
    ParseState& state = x3::get<state_tag>(context);
    if (!state.error)
      state.error = SyntaxError{state.offset_of(first), "unterminated string: add the closing quote (\")"};
    return x3::error_handler_result::fail;
  }
};

}  // namespace mpadvisor::dsl::grammar

// An expectation on `rule[action]` should read as the rule's name, not as the C++ type of
// the action wrapper, so `what` looks through semantic actions.
namespace boost::spirit::x3 {
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(action<Subject, Action> const& p) const { return what(p.subject); }
};
}  // namespace boost::spirit::x3
