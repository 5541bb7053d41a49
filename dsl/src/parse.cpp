// The parser driver: runs the declaration grammar one declaration at a time, turns syntax
// errors into diagnostics, and resumes at the next line that starts a declaration so that
// one run reports every independent mistake.
#include "mpadvisor/dsl/parse.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <variant>

#include "detail/comments.hpp"
#include "detail/config.hpp"
#include "detail/declaration.hpp"
#include "detail/expression.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/source_map.hpp"
#include "mpadvisor/dsl/suggest.hpp"
#include "syntax_words.hpp"

namespace mpadvisor::dsl {
namespace {

namespace x3 = boost::spirit::x3;
using grammar::iterator_type;

bool starts_with_keyword(std::string_view rest) {
  for (const std::string& kw : declaration_keywords()) {
    if (rest.size() > kw.size() && rest.compare(0, kw.size(), kw) == 0 &&
        (rest[kw.size()] == ' ' || rest[kw.size()] == '\t')) {
      return true;
    }
  }
  return false;
}

// The offset of the first line at or after `from` that begins (in column 1) with a
// declaration keyword; the end of the text when there is none.
std::size_t recovery_point(std::string_view text, std::size_t from) {
  std::size_t line = text.rfind('\n', from == 0 ? 0 : from - 1);
  line = line == std::string_view::npos ? 0 : line + 1;
  if (line == from && starts_with_keyword(text.substr(line))) return line;
  while (true) {
    std::size_t next = text.find('\n', line);
    if (next == std::string_view::npos) return text.size();
    line = next + 1;
    if (line > from && starts_with_keyword(text.substr(line))) return line;
  }
}

// For "expected … (title, actor, …)" at an unknown word: the listed word it is close to.
std::optional<std::string> misspelt_word(std::string_view text, std::size_t offset, std::string_view message) {
  std::size_t end = offset;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
  std::size_t const open = message.rfind('('), close = message.rfind(')');
  if (end == offset || open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  std::vector<std::string> words;
  std::string_view list = message.substr(open + 1, close - open - 1);
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (std::size_t space = item.find(' '); space != std::string_view::npos) item = item.substr(0, space);
    if (!item.empty()) words.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  auto word = text.substr(offset, end - offset);
  if (auto best = closest_match(word, words); best && *best != word) return best;
  return {};
}

void keep_condition_as_text(ast::Declaration& declaration) {
  auto* rule = std::get_if<ast::Rule>(&declaration);
  if (rule == nullptr || rule->condition.span.end == 0) return;  // the checker reports a rule without one
  ast::Span const span = rule->condition.span;
  rule->condition_nodes = node_count(rule->condition);
  rule->condition = ast::Expr();
  rule->condition.span = span;
  rule->condition_in_text = true;
}

}  // namespace

std::uint32_t node_count(const ast::Expr& condition) {
  std::uint32_t n = 1;
  for (const ast::Expr& operand : condition.operands) n += node_count(operand);
  return n;
}

const ast::Expr& rule_condition(const ast::Module& module, const ast::Rule& rule, ast::Expr& storage) {
  if (!rule.condition_in_text) return rule.condition;
  ast::Span const span = rule.condition.span;
  if (span.begin > span.end || span.end > module.text.size())
    throw std::logic_error("rule '" + rule.name.text + "': its condition's span lies outside " + module.path);
  grammar::ParseState state;
  state.buffer_begin = module.text.data();  // spans count from the start of the file, as before
  auto const skip_context = x3::make_context<x3::skipper_tag>(grammar::skipper);
  auto const context = x3::make_context<grammar::state_tag>(state, skip_context);
  iterator_type first = module.text.data() + span.begin;
  iterator_type const last = module.text.data() + span.end;
  storage = ast::Expr();
  // The text parsed once already, with the same grammar: it cannot fail now.
  if (!grammar::condition.parse(first, last, context, x3::unused, storage) || first != last)
    throw std::logic_error("rule '" + rule.name.text + "': its condition no longer parses in " + module.path);
  return storage;
}

const std::vector<std::string>& declaration_keywords() {
  static const std::vector<std::string> keywords = {"import",   "goal",         "fact",    "terms", "province",
                                                    "step",     "alternatives", "cause",   "rule",  "scenario",
                                                    "baseline", "reference",    "calendar"};
  return keywords;
}

ParseResult parse(std::string path, std::string text, const ParseOptions& options) {
  ParseResult result;
  result.module.path = std::move(path);
  result.module.text = std::move(text);
  const std::string& source = result.module.text;
  SourceMap map(result.module.path, source);
  // A KB file is UTF-8 text. Bytes that are not would reach names, titles and sources, and
  // from them every answer and JSON document; the file is refused where they start.
  if (auto bad = base::utf8::first_ill_formed(source)) {
    auto const first = static_cast<unsigned char>(source[*bad]);
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", first);
    // 0xC2–0xF4 begin a character of two to four bytes: here one whose bytes stop too soon
    // (a file cut in the middle of a character, or one character's bytes partly replaced).
    bool const starts_a_character = first >= 0xC2 && first <= 0xF4;
    base::Wording const message =
        starts_a_character ? base::word(
                                 "the file is not UTF-8 text: the character that byte {0} starts here is cut "
                                 "short (save the file as UTF-8)",
                                 "文件不是 UTF-8 文本：此处以字节 {0} 开头的字符不完整（请把文件存为 UTF-8）", byte)
                           : base::word(
                                 "the file is not UTF-8 text: byte {0} here starts no character "
                                 "(save the file as UTF-8)",
                                 "文件不是 UTF-8 文本：此处的字节 {0} 不是任何字符的开头（请把文件存为 "
                                 "UTF-8）",
                                 byte);
    result.diagnostics.add(
        make_diagnostic(map, static_cast<std::uint32_t>(*bad), Severity::error, code::kInvalidUtf8, message));
    return result;
  }
  result.module.comments = grammar::scan_comments(source);

  grammar::ParseState state;
  state.buffer_begin = source.data();
  iterator_type first = source.data();
  iterator_type const last = source.data() + source.size();
  auto const skip_context = x3::make_context<x3::skipper_tag>(grammar::skipper);
  auto const context = x3::make_context<grammar::state_tag>(state, skip_context);

  while (true) {
    x3::skip_over(first, last, skip_context);
    if (first == last) break;
    iterator_type const start = first;
    ast::Declaration declaration;
    state.error.reset();
    if (grammar::declaration.parse(first, last, context, x3::unused, declaration)) {
      if (options.rule_conditions_in_text) keep_condition_as_text(declaration);
      result.module.declarations.push_back(std::move(declaration));
      continue;
    }
    std::uint32_t offset = state.offset_of(start);
    base::Wording message;
    if (state.error) {
      offset = state.error->offset;
      message = syntax_words(state.error->message);
      // Point at the next token, not at the white space before it, as clang does.
      iterator_type at = state.buffer_begin + offset;
      x3::skip_over(at, last, skip_context);
      offset = state.offset_of(at);
      if (at == last) message = message.suffixed(" before the end of the file", "，但文件已经结束");
      message = base::with_closest(std::move(message), misspelt_word(source, offset, state.error->message));
    } else {
      message = syntax_words(
          "expected a declaration (import, goal, fact, terms, province, step, alternatives, cause, "
          "rule, scenario, baseline, reference, calendar)");
    }
    result.diagnostics.add(make_diagnostic(map, offset, Severity::error, code::kSyntax, std::move(message)));
    first = source.data() + recovery_point(source, std::max<std::size_t>(offset, state.offset_of(start) + 1));
  }
  // The declarations stay as long as the KB does; a large file's growth left up to a third of
  // the vector unused (a declaration is half a kilobyte).
  result.module.declarations.shrink_to_fit();
  return result;
}

}  // namespace mpadvisor::dsl
