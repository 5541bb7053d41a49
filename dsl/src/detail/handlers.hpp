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

// An expectation failure names what was expected by X3's `what`, which knows rules (by their
// names) and literals ("'='", '"unset"') but gives the C++ type's mangled name for anything
// else. So that an author never reads that, `what` looks through semantic actions, lexemes and
// expectations, names a sequence by its first part (what was expected first) and a choice by
// its alternatives ("'unknown' or '='"; syntax_words.cpp says " or " in Chinese).
namespace boost::spirit::x3 {
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(action<Subject, Action> const& p) const { return what(p.subject); }
};
template <typename Subject>
struct get_info<lexeme_directive<Subject>> {
  using result_type = std::string;
  std::string operator()(lexeme_directive<Subject> const& p) const { return what(p.subject); }
};
template <typename Subject>
struct get_info<expect_directive<Subject>> {
  using result_type = std::string;
  std::string operator()(expect_directive<Subject> const& p) const { return what(p.subject); }
};
template <typename Left, typename Right>
struct get_info<sequence<Left, Right>> {
  using result_type = std::string;
  std::string operator()(sequence<Left, Right> const& p) const { return what(p.left); }
};
template <typename Left, typename Right>
struct get_info<alternative<Left, Right>> {
  using result_type = std::string;
  std::string operator()(alternative<Left, Right> const& p) const { return what(p.left) + " or " + what(p.right); }
};
}  // namespace boost::spirit::x3
