// Lexical pieces shared by every grammar translation unit: keywords, names, literals,
// bilingual text, sources, durations and costs. The rules are instantiated once, in
// lexical.cpp; other units only see their declarations.
#pragma once

#include "detail/config.hpp"
#include "detail/handlers.hpp"
#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::grammar {

inline auto const ident_first = x3::char_("a-zA-Z_");
inline auto const ident_rest = x3::char_("a-zA-Z0-9_");

// A keyword matches the whole word only: `step` but not the start of `steps`.
inline auto kw(char const* word) { return x3::lexeme[x3::lit(word) >> !ident_rest]; }

// Rules that build their node with semantic actions get no attribute in on_success (X3
// passes `unused` when the right-hand side has actions), so `annotate` cannot stamp them.
// `spanned[p]` records the node's byte range from the text `p` matched instead.
inline auto const set_span = [](auto& ctx) {
  ParseState const& state = x3::get<state_tag>(ctx);
  auto const& range = x3::_attr(ctx);
  x3::_val(ctx).span = {state.offset_of(range.begin()), state.offset_of(range.end())};
};
template <typename Parser>
auto spanned(Parser const& p) {
  return x3::raw[p][set_span];
}

struct language_symbols : x3::symbols<std::string> {
  language_symbols() { add("zh", "zh")("en", "en"); }
};
inline language_symbols const language_tag;

struct name_class;
struct translation_class;
struct string_class;
struct date_class;
struct number_class;
struct value_class;
struct text_class;
struct source_class;
struct duration_class;
struct cost_class;

using name_type = x3::rule<name_class, ast::Name>;
using string_type = x3::rule<string_class, std::string>;
using date_type = x3::rule<date_class, ast::Date>;
using number_type = x3::rule<number_class, double>;
using value_type = x3::rule<value_class, ast::Value>;
using translation_type = x3::rule<translation_class, ast::Translation>;
using text_type = x3::rule<text_class, ast::Text>;
using source_type = x3::rule<source_class, ast::Source>;
using duration_type = x3::rule<duration_class, ast::DurationRange>;
using cost_type = x3::rule<cost_class, ast::Cost>;

// The names are what an author reads after "expected": keep them phrases.
name_type const name = "a name";
string_type const string_literal = "a string";
date_type const date = "a date (YYYY-MM-DD)";
number_type const number = "a number";
value_type const value = "a value";
translation_type const translation = "a translation (zh \"…\" or en \"…\")";
text_type const text = "a text (zh \"…\" en \"…\")";
source_type const source = "a source (\"reference\" checked YYYY-MM-DD)";
duration_type const duration = "a duration such as 1h..12h";
cost_type const cost = "a cost such as 30 cny";

BOOST_SPIRIT_DECLARE(name_type, string_type, date_type, number_type, value_type, translation_type, text_type,
                     source_type, duration_type, cost_type)

}  // namespace mpadvisor::dsl::grammar
