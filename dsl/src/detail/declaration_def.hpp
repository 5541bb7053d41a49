// Grammar of top-level declarations. Each declaration is a keyword, a name and a block of
// properties in any order; properties fill the node through semantic actions. After the
// keyword every piece is an expectation (`>`): once `step` is read, nothing else can match,
// so a mistake is reported where it is rather than as a failure of the whole declaration.
#pragma once

// Grammar rules are laid out by hand so that each line reads as one alternative or one
// property of the language; clang-format would reflow them by operator precedence.
// clang-format off

#include "detail/ast_adapted.hpp"
#include "detail/declaration.hpp"
#include "detail/expression.hpp"
#include "detail/handlers.hpp"
#include "detail/lexical.hpp"
#include "mpadvisor/dsl/pattern_words.hpp"

namespace mpadvisor::dsl::grammar {

// ---------------------------------------------------------------- rule IDs

struct declaration_class : report_errors {};
struct import_class {};
struct goal_class {};
struct fact_class {};
struct choice_class {};
struct term_class {};
struct terms_class {};
struct province_class {};
struct step_class {};
struct option_class {};
struct alternatives_class {};
struct change_class {};
struct fix_class {};
struct pattern_class {};
struct cause_class {};
struct effect_class {};
struct rule_class {};
struct assignment_class {};
struct expectation_class {};
struct scenario_class {};
struct baseline_class {};
struct reference_class {};
struct date_range_class {};
struct calendar_day_class {};
struct calendar_class {};
struct piece_class {};
struct gap_class {};
struct words_class {};

// ---------------------------------------------------------------- actions

namespace actions {
// Stores the attribute in a member of the node being built.
template <auto Member>
auto const assign = [](auto& ctx) { x3::_val(ctx).*Member = std::move(x3::_attr(ctx)); };

// Adds the attribute (one item or a list of them) to a vector member.
template <auto Member>
auto const append = [](auto& ctx) {
  auto& target = x3::_val(ctx).*Member;
  auto&& item = x3::_attr(ctx);
  if constexpr (std::is_same_v<std::decay_t<decltype(item)>, std::decay_t<decltype(target)>>) {
    target.insert(target.end(), item.begin(), item.end());
  } else {
    target.push_back(std::move(item));
  }
};

template <auto Member, auto Value>
auto const set_to = [](auto& ctx) { x3::_val(ctx).*Member = Value; };

// A one-word property: on, with the span of the word (wrap the keyword in x3::raw).
template <auto Member>
auto const flag = [](auto& ctx) {
  ParseState const& state = x3::get<state_tag>(ctx);
  auto const& range = x3::_attr(ctx);
  x3::_val(ctx).*Member = ast::Flag{true, {state.offset_of(range.begin()), state.offset_of(range.end())}};
};

inline auto const declare = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

// A words pattern's regular expression is made as soon as it is read, so every later stage
// (checker, planner, compiler) sees one kind of pattern.
inline auto const set_words = [](auto& ctx) {
  x3::_val(ctx).words = std::move(x3::_attr(ctx));
  x3::_val(ctx).regex = words_regex(x3::_val(ctx).words);
};
inline auto const first_piece = [](auto& ctx) { x3::_val(ctx).push_back({std::move(x3::_attr(ctx)), -1}); };
inline auto const set_gap = [](auto& ctx) { x3::_val(ctx).gap = x3::_attr(ctx); };
inline auto const any_gap = [](auto& ctx) { x3::_val(ctx).gap = -1; };
inline auto const piece_texts = [](auto& ctx) { x3::_val(ctx).texts = std::move(x3::_attr(ctx)); };
inline auto const add_piece = [](auto& ctx) { x3::_val(ctx).push_back(std::move(x3::_attr(ctx))); };

inline auto const range_first = [](auto& ctx) {
  x3::_val(ctx).first = x3::_attr(ctx);
  x3::_val(ctx).last = x3::_attr(ctx);
};
inline auto const range_last = [](auto& ctx) { x3::_val(ctx).last = x3::_attr(ctx); };

inline auto const expect_verdict = [](auto& ctx) {
  x3::_val(ctx).kind = ast::Expectation::Kind::verdict;
  x3::_val(ctx).verdict = x3::_attr(ctx);
};
}  // namespace actions

struct likelihood_symbols : x3::symbols<ast::Likelihood> {
  likelihood_symbols() {
    add("low", ast::Likelihood::low)("medium", ast::Likelihood::medium)("high", ast::Likelihood::high);
  }
};
inline likelihood_symbols const likelihood_word;

struct change_symbols : x3::symbols<ast::ChangeOp> {
  change_symbols() { add("=", ast::ChangeOp::assign)("+=", ast::ChangeOp::add)("-=", ast::ChangeOp::remove); }
};
inline change_symbols const change_operator;

struct verdict_symbols : x3::symbols<std::string> {
  verdict_symbols() { add("clear", "clear")("blocked", "blocked")("needs_info", "needs_info"); }
};
inline verdict_symbols const verdict_word;

// ---------------------------------------------------------------- small named pieces
// Named so that an expectation failure reads "expected 'at'" rather than a C++ type.

x3::rule<struct at_class> const at_keyword = "'at'";
x3::rule<struct on_class> const on_keyword = "'on'";
x3::rule<struct when_class> const when_keyword = "'when'";
x3::rule<struct names_class, std::vector<ast::Name>> const names = "one or more names separated by ','";
x3::rule<struct strings_class, std::vector<std::string>> const strings = "one or more strings";
x3::rule<struct type_class> const type_ahead = "a type (bool, number, text, list, date, datetime, enum(…), set(…))";
x3::rule<struct likelihood_class, ast::Likelihood> const likelihood = "a likelihood (low, medium, high)";
x3::rule<struct change_op_class, ast::ChangeOp> const change_op = "'=', '+=', '-=' or 'unset'";
x3::rule<struct expectation_ahead_class> const expectation_ahead =
    "an expectation (clear, blocked, needs_info, blocked at, warned at, waiting at, needs_info about)";

auto const at_keyword_def = kw("at");
auto const on_keyword_def = kw("on");
auto const when_keyword_def = kw("when");
auto const names_def = name % ',';
auto const strings_def = +string_literal;
auto const type_ahead_def = &(kw("bool") | kw("number") | kw("text") | kw("list") | kw("datetime") |
                              kw("date") | kw("enum") | kw("set"));
auto const likelihood_def = x3::lexeme[likelihood_word >> !ident_rest];
auto const change_op_def = change_operator;
auto const expectation_ahead_def = &(kw("not") | kw("clear") | kw("blocked") | kw("needs_info") |
                                     kw("warned") | kw("waiting"));

// A block's closing brace, named after what the block may hold.
#define MPADVISOR_BLOCK_END(id, words) x3::rule<struct id##_class> const id = "'}' or " words;
MPADVISOR_BLOCK_END(fact_end, "a fact property (title, question, help, choice, example, derived, background, whole, min, max, max_length, source)")
MPADVISOR_BLOCK_END(terms_end, "a term (\"…\") or a property (title, include, source)")
MPADVISOR_BLOCK_END(province_end, "a province property (names, cities, places)")
MPADVISOR_BLOCK_END(step_end, "a step property (title, description, actor, requires, duration, cost, irreversible, done when, source)")
MPADVISOR_BLOCK_END(option_end, "an option property (title, how, duration, cost)")
MPADVISOR_BLOCK_END(alternatives_end, "an alternatives property (title, satisfied_by, option, source)")
MPADVISOR_BLOCK_END(fix_end, "a translation (zh \"…\", en \"…\") or a fix property (change, duration, cost, when, irreversible)")
MPADVISOR_BLOCK_END(cause_end, "a cause property (title, explain, stage, fix, message, source)")
MPADVISOR_BLOCK_END(rule_end, "a rule property (when, block, warn, wait, source)")
MPADVISOR_BLOCK_END(scenario_end, "a scenario property (description, given, target, expect)")
MPADVISOR_BLOCK_END(baseline_end, "a baseline property (description, given, target)")
MPADVISOR_BLOCK_END(reference_end, "a reference property (title, address)")
MPADVISOR_BLOCK_END(calendar_end, "a calendar property (title, covers, holiday, workday, source)")
#undef MPADVISOR_BLOCK_END
auto const closing_brace = x3::lit('}');
auto const fact_end_def = closing_brace;
auto const terms_end_def = closing_brace;
auto const province_end_def = closing_brace;
auto const step_end_def = closing_brace;
auto const option_end_def = closing_brace;
auto const alternatives_end_def = closing_brace;
auto const fix_end_def = closing_brace;
auto const cause_end_def = closing_brace;
auto const rule_end_def = closing_brace;
auto const scenario_end_def = closing_brace;
auto const baseline_end_def = closing_brace;
auto const reference_end_def = closing_brace;
auto const calendar_end_def = closing_brace;

// ---------------------------------------------------------------- declarations

x3::rule<import_class, ast::Import> const import_decl = "an import";
x3::rule<goal_class, ast::Goal> const goal_decl = "a goal";
x3::rule<fact_class, ast::Fact> const fact_decl = "a fact";
x3::rule<choice_class, ast::Choice> const choice = "a choice (a value and its title)";
x3::rule<term_class, ast::Term> const term = "a term";
x3::rule<terms_class, ast::TermList> const terms_decl = "a term list";
x3::rule<province_class, ast::Province> const province_decl = "a province";
x3::rule<step_class, ast::Step> const step_decl = "a step";
x3::rule<option_class, ast::Option> const option = "an option";
x3::rule<alternatives_class, ast::Alternatives> const alternatives_decl = "an alternatives set";
x3::rule<change_class, ast::Change> const change = "a change (fact = value)";
x3::rule<fix_class, ast::Fix> const fix = "a fix";
x3::rule<pattern_class, ast::Pattern> const pattern = "a message pattern (zh \"…\" or en \"…\")";
x3::rule<cause_class, ast::Cause> const cause_decl = "a cause";
x3::rule<effect_class, ast::Effect> const effect = "an effect";
x3::rule<rule_class, ast::Rule> const rule_decl = "a rule";
x3::rule<assignment_class, ast::Assignment> const assignment = "an assignment (fact = value, or fact unknown)";
x3::rule<expectation_class, ast::Expectation> const expectation = "an expectation";
x3::rule<scenario_class, ast::Scenario> const scenario_decl = "a scenario";
x3::rule<baseline_class, ast::Baseline> const baseline_decl = "a baseline";
x3::rule<reference_class, ast::Reference> const reference_decl = "a reference";
x3::rule<date_range_class, ast::DateRange> const date_range = "a date or a range of dates (2026-10-01..2026-10-07)";
x3::rule<calendar_day_class, ast::CalendarDay> const calendar_day = "days of a calendar (a date or range, then its name)";
x3::rule<calendar_class, ast::Calendar> const calendar_decl = "a calendar";
x3::rule<piece_class, std::vector<std::string>> const piece = "a string or a group of strings (\"a\" | \"b\")";
x3::rule<gap_class, ast::PatternPiece> const gap_then_piece = "a gap ('...' for any, '..N' for at most N characters)";
x3::rule<words_class, std::vector<ast::PatternPiece>> const words = "words joined by gaps: \"a\" ... \"b\"";

using namespace actions;
using ast::Alternatives, ast::Baseline, ast::Calendar, ast::CalendarDay, ast::Cause, ast::Choice, ast::Change, ast::Effect, ast::Expectation,
    ast::Fact, ast::FactType, ast::Fix, ast::Goal, ast::Import, ast::Option, ast::Province,
    ast::Reference, ast::Rule, ast::Scenario, ast::Step, ast::Term, ast::TermList;

auto const import_decl_def = spanned(kw("import") > string_literal[assign<&Import::path>]);
auto const goal_decl_def = spanned(kw("goal") > name[assign<&Goal::step>]);

// fact NAME : TYPE [{ properties }]
auto const fact_type =
    type_ahead >> (kw("bool")[set_to<&Fact::type, FactType::boolean>] |
                   kw("number")[set_to<&Fact::type, FactType::number>] |
                   kw("text")[set_to<&Fact::type, FactType::text>] |
                   kw("list")[set_to<&Fact::type, FactType::text_list>] |
                   kw("datetime")[set_to<&Fact::type, FactType::datetime>] |
                   kw("date")[set_to<&Fact::type, FactType::date>] |
                   (kw("enum")[set_to<&Fact::type, FactType::enumeration>] > '(' >
                    names[assign<&Fact::values>] > ')') |
                   (kw("set")[set_to<&Fact::type, FactType::enum_set>] > '(' >
                    names[assign<&Fact::values>] > ')'));
auto const choice_def = spanned(name[assign<&Choice::value>] > text[assign<&Choice::title>]);
auto const fact_property = (kw("title") > text[assign<&Fact::title>]) |
                           (kw("question") > text[assign<&Fact::question>]) |
                           (kw("help") > text[assign<&Fact::help>]) |
                           (kw("choice") > choice[append<&Fact::choices>]) |
                           (kw("example") > text[assign<&Fact::example>]) |
                           kw("derived")[set_to<&Fact::derived, true>] |
                           x3::raw[kw("background")][flag<&Fact::background>] |
                           x3::raw[kw("whole")][flag<&Fact::whole>] |
                           (kw("min") > number[assign<&Fact::min>]) |
                           (kw("max_length") > number[assign<&Fact::max_length>]) |
                           (kw("max") > number[assign<&Fact::max>]) |
                           (kw("source") > source[append<&Fact::sources>]);
auto const fact_decl_def = spanned(kw("fact") > name[assign<&Fact::name>] > ':' > fact_type >>
                           -('{' > *fact_property > fact_end));

// terms NAME { title …  include a, b  "term" [note "…"] … }
auto const term_def =
    spanned(string_literal[assign<&Term::text>] >> -(kw("note") > string_literal[assign<&Term::note>]));
auto const terms_property = (kw("title") > text[assign<&TermList::title>]) |
                            (kw("include") > names[append<&TermList::includes>]) |
                            (kw("source") > source[append<&TermList::sources>]) |
                            term[append<&TermList::terms>];
auto const terms_decl_def =
    spanned(kw("terms") > name[assign<&TermList::name>] > '{' > *terms_property > terms_end);

// province NAME { names "湖南" "Hunan"  cities "长沙" …  places "义乌市" "义乌" … }
auto const province_property = (kw("names") > strings[append<&Province::names>]) |
                               (kw("cities") > strings[append<&Province::cities>]) |
                               (kw("places") > strings[append<&Province::places>]);
auto const province_decl_def =
    spanned(kw("province") > name[assign<&Province::name>] > '{' > *province_property > province_end);

// step NAME { title … actor … requires a, b  duration 1h..2d  cost 30 cny  done when …  source … }
auto const step_property = (kw("title") > text[assign<&Step::title>]) |
                           (kw("description") > text[assign<&Step::description>]) |
                           (kw("actor") > name[assign<&Step::actor>]) |
                           (kw("requires") > names[append<&Step::requires_>]) |
                           (kw("duration") > duration[assign<&Step::duration>]) |
                           (kw("cost") > cost[assign<&Step::cost>]) |
                           x3::raw[kw("irreversible")][flag<&Step::irreversible>] |
                           (kw("done") > when_keyword > condition[assign<&Step::done_when>]) |
                           (kw("source") > source[append<&Step::sources>]);
auto const step_decl_def = spanned(kw("step") > name[assign<&Step::name>] > '{' > *step_property > step_end);

// alternatives NAME { title …  satisfied_by FACT  option NAME { … } … }
auto const option_property = (kw("title") > text[assign<&Option::title>]) |
                             (kw("how") > text[assign<&Option::how>]) |
                             (kw("duration") > duration[assign<&Option::duration>]) |
                             (kw("cost") > cost[assign<&Option::cost>]);
auto const option_def = spanned(name[assign<&Option::name>] > '{' > *option_property > option_end);
auto const alternatives_property = (kw("title") > text[assign<&Alternatives::title>]) |
                                   (kw("satisfied_by") > name[assign<&Alternatives::fact>]) |
                                   (kw("option") > option[append<&Alternatives::options>]) |
                                   (kw("source") > source[append<&Alternatives::sources>]);
auto const alternatives_decl_def = spanned(kw("alternatives") > name[assign<&Alternatives::name>] > '{' >
                                   *alternatives_property > alternatives_end);

// cause NAME { title …  explain …  stage STEP  fix …  message zh "regex"  source … }
// change FACT = V | += V | -= V | unset | suggest adding LIST | suggest from LIST
auto const suggestion = kw("suggest")[set_to<&Change::op, ast::ChangeOp::suggest>] >
                        ((kw("adding")[set_to<&Change::suggest, ast::SuggestMode::adding>] |
                          kw("from")[set_to<&Change::suggest, ast::SuggestMode::from>]) > name[assign<&Change::list>]);
auto const change_def = spanned(name[assign<&Change::fact>] >
                        (kw("unset")[set_to<&Change::op, ast::ChangeOp::unset>] | suggestion |
                         (change_op[assign<&Change::op>] > value[assign<&Change::value>])));
auto const fix_property = translation[append<&Fix::text>] |
                          (kw("change") > change[append<&Fix::changes>]) |
                          (kw("duration") > duration[assign<&Fix::duration>]) |
                          (kw("cost") > cost[assign<&Fix::cost>]) |
                          (when_keyword > condition[assign<&Fix::guard>]) |
                          x3::raw[kw("irreversible")][flag<&Fix::irreversible>];
auto const fix_def = spanned(('{' > *fix_property > fix_end) | text[assign<&Fix::text>]);
// message zh "regex"  |  message zh words "名称" ... ("商业" | "经营") ..3 "词"
auto const piece_def = ('(' > (string_literal % '|') > ')') | x3::repeat(1)[string_literal];
auto const gap_then_piece_def = ((x3::lit("...")[any_gap] | (x3::lit("..") > x3::uint_[set_gap])) >
                                 piece[piece_texts]);
auto const words_def = piece[first_piece] >> *gap_then_piece[add_piece];
auto const pattern_def = spanned(x3::lexeme[language_tag >> !ident_rest][assign<&ast::Pattern::lang>] >
                         ((kw("words") > words[set_words]) | string_literal[assign<&ast::Pattern::regex>]));
auto const cause_property = (kw("title") > text[assign<&Cause::title>]) |
                            (kw("explain") > text[assign<&Cause::explanation>]) |
                            (kw("stage") > name[assign<&Cause::stage>]) |
                            (kw("fix") > fix[append<&Cause::fixes>]) |
                            (kw("message") > pattern[append<&Cause::patterns>]) |
                            (kw("source") > source[append<&Cause::sources>]);
auto const cause_decl_def =
    spanned(kw("cause") > name[assign<&Cause::name>] > '{' > *cause_property > cause_end);

// rule NAME at STEP { when …  block CAUSE | warn CAUSE [likelihood L] | wait CAUSE on ACTOR  source … }
auto const effect_def =
    spanned((kw("block")[set_to<&Effect::kind, ast::EffectKind::block>] > name[assign<&Effect::cause>]) |
    (kw("warn")[set_to<&Effect::kind, ast::EffectKind::warn>] > name[assign<&Effect::cause>] >>
     -(kw("likelihood") > likelihood[assign<&Effect::likelihood>])) |
    (kw("wait")[set_to<&Effect::kind, ast::EffectKind::wait>] > name[assign<&Effect::cause>] >
     on_keyword > name[assign<&Effect::actor>]));
auto const rule_property = (kw("when") > condition[assign<&Rule::condition>]) |
                           effect[assign<&Rule::effect>] |
                           (kw("source") > source[append<&Rule::sources>]);
auto const rule_decl_def = spanned(kw("rule") > name[assign<&Rule::name>] > at_keyword >
                           name[assign<&Rule::step>] > '{' > *rule_property > rule_end);

// scenario NAME { description …  given f = v, …  target STEP  expect … }
auto const assignment_def = spanned(name[assign<&ast::Assignment::fact>] >
                                   (kw("unknown")[set_to<&ast::Assignment::unknown, true>] |
                                    ('=' > value[assign<&ast::Assignment::value>])));
auto const by_cause = -(kw("by") > name[assign<&Expectation::cause>]);
auto const expectation_def =
    spanned(expectation_ahead >> -kw("not")[set_to<&Expectation::negated, true>] >>
    (((kw("blocked") >> at_keyword >> x3::attr(ast::Expectation::Kind::blocked)[assign<&Expectation::kind>]) >
      (name[assign<&Expectation::step>] >> by_cause)) |
     ((kw("warned") >> x3::attr(ast::Expectation::Kind::warned)[assign<&Expectation::kind>]) > at_keyword >
      (name[assign<&Expectation::step>] >> by_cause)) |
     ((kw("waiting") >> x3::attr(ast::Expectation::Kind::waiting)[assign<&Expectation::kind>]) > at_keyword >
      (name[assign<&Expectation::step>] >> by_cause)) |
     ((kw("needs_info") >> kw("about") >> x3::attr(ast::Expectation::Kind::needs_info)[assign<&Expectation::kind>]) >
      name[assign<&Expectation::fact>]) |
     x3::lexeme[verdict_word >> !ident_rest][expect_verdict]));
auto const scenario_property = (kw("description") > text[assign<&Scenario::description>]) |
                               (kw("given") > (assignment % ',')[append<&Scenario::given>]) |
                               (kw("target") > name[assign<&Scenario::target>]) |
                               (kw("expect") > expectation[append<&Scenario::expectations>]);
auto const scenario_decl_def =
    spanned(kw("scenario") > name[assign<&Scenario::name>] >> -(kw("from") > name[assign<&Scenario::from>]) >
            '{' > *scenario_property > scenario_end);

// baseline NAME { description …  given f = v, …  target STEP }
auto const baseline_property = (kw("description") > text[assign<&Baseline::description>]) |
                               (kw("given") > (assignment % ',')[append<&Baseline::given>]) |
                               (kw("target") > name[assign<&Baseline::target>]);
auto const baseline_decl_def =
    spanned(kw("baseline") > name[assign<&Baseline::name>] >> -(kw("from") > name[assign<&Baseline::from>]) >
            '{' > *baseline_property > baseline_end);

// reference NAME { title zh "…" en "…"  address "https://…" }
auto const reference_property = (kw("title") > text[assign<&Reference::title>]) |
                                (kw("address") > string_literal[assign<&Reference::address>]);
auto const reference_decl_def =
    spanned(kw("reference") > name[assign<&Reference::name>] > '{' > *reference_property > reference_end);

// calendar NAME { title …  covers D..D  holiday D[..D] zh "…" en "…"  workday D …  source … }
auto const date_range_def = spanned(date[range_first] >> -(".." > date[range_last]));
auto const calendar_day_def = spanned((kw("holiday") | kw("workday")[set_to<&CalendarDay::workday, true>]) >
                              date_range[assign<&CalendarDay::days>] > text[assign<&CalendarDay::title>]);
auto const calendar_property = (kw("title") > text[assign<&Calendar::title>]) |
                               (kw("covers") > date_range[assign<&Calendar::covers>]) |
                               (&(kw("holiday") | kw("workday")) > calendar_day[append<&Calendar::days>]) |
                               (kw("source") > source[append<&Calendar::sources>]);
auto const calendar_decl_def =
    spanned(kw("calendar") > name[assign<&Calendar::name>] > '{' > *calendar_property > calendar_end);

auto const declaration_def =
    import_decl[declare] | goal_decl[declare] | fact_decl[declare] | terms_decl[declare] |
    province_decl[declare] | step_decl[declare] | alternatives_decl[declare] | cause_decl[declare] |
    rule_decl[declare] | scenario_decl[declare] | baseline_decl[declare] | reference_decl[declare] |
    calendar_decl[declare];

BOOST_SPIRIT_DEFINE(at_keyword, on_keyword, when_keyword, names, strings, type_ahead, likelihood,
                    change_op, expectation_ahead, fact_end, terms_end, province_end, step_end,
                    option_end, alternatives_end, fix_end, cause_end, rule_end, scenario_end, baseline_end,
                    reference_end, calendar_end, piece, gap_then_piece, words, date_range, calendar_day)
BOOST_SPIRIT_DEFINE(import_decl, goal_decl, fact_decl, choice, term, terms_decl, province_decl, step_decl,
                    option, alternatives_decl, change, fix, pattern, cause_decl, effect, rule_decl,
                    assignment, expectation, scenario_decl, baseline_decl, reference_decl, calendar_decl,
                    declaration)

}  // namespace mpadvisor::dsl::grammar
// clang-format on
