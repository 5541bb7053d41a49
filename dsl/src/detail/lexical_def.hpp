// Definitions of the lexical rules declared in lexical.hpp.
#pragma once

// Grammar rules are laid out by hand so that each line reads as one alternative or one
// property of the language; clang-format would reflow them by operator precedence.
// clang-format off

#include "detail/ast_adapted.hpp"
#include "detail/lexical.hpp"

namespace mpadvisor::dsl::grammar {

// ---------------------------------------------------------------- rule IDs

struct name_class {};
struct string_class : report_unterminated_string {};
struct date_class {};
struct number_class {};
struct value_class {};
struct translation_class : annotate {};
struct text_class {};
struct source_class {};
struct quantity_class {};
struct duration_class {};
struct cost_class {};

// ---------------------------------------------------------------- helpers

namespace actions {
inline auto const set_name_text = [](auto& ctx) {
  auto const& range = x3::_attr(ctx);
  x3::_val(ctx).text.assign(range.begin(), range.end());
};
inline auto const escape = [](auto& ctx) {
  char const c = x3::_attr(ctx);
  x3::_val(ctx) += c == 'n' ? '\n' : c == 't' ? '\t' : c;
};
inline auto const append_char = [](auto& ctx) { x3::_val(ctx) += x3::_attr(ctx); };
inline auto const set_date = [](auto& ctx) {
  auto const& a = x3::_attr(ctx);
  ast::Date& d = x3::_val(ctx);
  d.year = boost::fusion::at_c<0>(a);
  d.month = boost::fusion::at_c<1>(a);
  d.day = boost::fusion::at_c<2>(a);
};
inline auto const set_time = [](auto& ctx) {
  auto const& a = x3::_attr(ctx);
  x3::_val(ctx).hour = boost::fusion::at_c<0>(a);
  x3::_val(ctx).minute = boost::fusion::at_c<1>(a);
};
template <ast::ValueKind Kind>
inline auto const value_of = [](auto& ctx) {
  ast::Value& v = x3::_val(ctx);
  v.kind = Kind;
  auto&& a = x3::_attr(ctx);
  using A = std::decay_t<decltype(a)>;
  if constexpr (Kind == ast::ValueKind::number) v.number = a;
  else if constexpr (Kind == ast::ValueKind::string) v.text = a;
  else if constexpr (Kind == ast::ValueKind::date) v.date = a;
  else if constexpr (Kind == ast::ValueKind::list) v.items = a;
  else if constexpr (Kind == ast::ValueKind::symbol && !std::is_same_v<A, x3::unused_type>) v.text = a.text;
};
inline auto const set_true = [](auto& ctx) { x3::_val(ctx).kind = ast::ValueKind::boolean; x3::_val(ctx).boolean = true; };
inline auto const set_false = [](auto& ctx) { x3::_val(ctx).kind = ast::ValueKind::boolean; x3::_val(ctx).boolean = false; };

inline auto const set_ref = [](auto& ctx) { x3::_val(ctx).ref = x3::_attr(ctx); };
inline auto const set_checked = [](auto& ctx) { x3::_val(ctx).checked = x3::_attr(ctx); };
inline auto const set_certainty = [](auto& ctx) { x3::_val(ctx).certainty = x3::_attr(ctx); };
inline auto const set_low = [](auto& ctx) { x3::_val(ctx).low = x3::_attr(ctx); x3::_val(ctx).high = x3::_attr(ctx); };
inline auto const set_high = [](auto& ctx) { x3::_val(ctx).high = x3::_attr(ctx); };
inline auto const set_amount = [](auto& ctx) { x3::_val(ctx).amount = x3::_attr(ctx); };
inline auto const set_currency = [](auto& ctx) { x3::_val(ctx).currency = x3::_attr(ctx); };
inline auto const per_attempt = [](auto& ctx) { x3::_val(ctx).per_attempt = true; };
inline auto const per_year = [](auto& ctx) { x3::_val(ctx).per_year = true; };
inline auto const refundable = [](auto& ctx) { x3::_val(ctx).refundable = true; };
inline auto const nonrefundable = [](auto& ctx) { x3::_val(ctx).refundable = false; };
}  // namespace actions

struct certainty_symbols : x3::symbols<ast::Certainty> {
  certainty_symbols() {
    // `seed` is the older name of `applicant`, still read so older KBs load; kb fmt writes
    // the new one.
    add("official", ast::Certainty::official)("many", ast::Certainty::many)(
        "single", ast::Certainty::single)("applicant", ast::Certainty::applicant)(
        "seed", ast::Certainty::applicant);
  }
};
inline certainty_symbols const certainty_word;

struct unit_symbols : x3::symbols<std::string> {
  unit_symbols() { add("min", "min")("wd", "wd")("h", "h")("d", "d"); }
};
inline unit_symbols const time_unit;


// ---------------------------------------------------------------- rules

x3::rule<struct identifier_chars_class, std::string> const identifier = "an identifier";
x3::rule<struct currency_class, ast::Name> const currency = "a currency (cny)";
x3::rule<quantity_class, ast::Quantity> const quantity = "a quantity such as 12h";
x3::rule<struct list_class, std::vector<ast::Value>> const list = "a list [a, b]";
x3::rule<struct closing_quote_class> const closing_quote = "a closing quote (\")";

// Words of the condition language that can never be a symbol value.
auto const operator_word = kw("and") | kw("or") | kw("not");

auto const identifier_def = x3::lexeme[ident_first >> *ident_rest];

auto const name_def =
    spanned(x3::raw[x3::lexeme[ident_first >> *ident_rest >> *('.' >> ident_first >> *ident_rest)]]
           [actions::set_name_text]);

auto const currency_def = spanned(x3::raw[identifier][actions::set_name_text]);

auto const closing_quote_def = x3::lit('"');
auto const string_literal_def =
    x3::lexeme[('"' >> *(('\\' > x3::char_("\"\\nt"))[actions::escape] |
                         (~x3::char_("\"\\\n"))[actions::append_char])) > closing_quote];

auto const two_digits = x3::uint_parser<int, 10, 2, 2>{};
auto const date_def = x3::lexeme[(x3::uint_parser<int, 10, 4, 4>{} >> '-' >> two_digits >> '-' >>
                                  two_digits)[actions::set_date] >>
                                 -('T' >> two_digits >> ':' >> two_digits)[actions::set_time] >>
                                 !ident_rest];

auto const number_def = x3::double_;

auto const list_def = '[' >> -(value % ',') >> ']';

auto const value_def = spanned(date[actions::value_of<ast::ValueKind::date>] |
                       number[actions::value_of<ast::ValueKind::number>] |
                       string_literal[actions::value_of<ast::ValueKind::string>] |
                       kw("true")[actions::set_true] | kw("false")[actions::set_false] |
                       list[actions::value_of<ast::ValueKind::list>] |
                       (!operator_word >> name[actions::value_of<ast::ValueKind::symbol>]));

auto const translation_def = x3::lexeme[language_tag >> !ident_rest] > string_literal;
auto const text_def = +translation;

auto const source_def = spanned(string_literal[actions::set_ref] >>
                        -(kw("checked") > date[actions::set_checked]) >>
                        -(kw("certainty") > certainty_word[actions::set_certainty]));

auto const quantity_def = x3::lexeme[x3::double_ >> time_unit >> !ident_rest];
auto const duration_def = spanned(quantity[actions::set_low] >> -(".." > quantity[actions::set_high]));

auto const cost_def = spanned(x3::double_[actions::set_amount] > currency[actions::set_currency] >>
                      *(kw("per_attempt")[actions::per_attempt] | kw("per_year")[actions::per_year] |
                        kw("nonrefundable")[actions::nonrefundable] |
                        kw("refundable")[actions::refundable]));

BOOST_SPIRIT_DEFINE(identifier, currency, name, closing_quote, string_literal, date, number, list, value,
                    translation, text, source, quantity, duration, cost)

}  // namespace mpadvisor::dsl::grammar
// clang-format on
