#include "mpadvisor/dsl/pattern_words.hpp"

#include <string_view>

namespace mpadvisor::dsl {
namespace {

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\.*+?()[]{}|^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string words_regex(const std::vector<ast::PatternPiece>& pieces) {
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const ast::PatternPiece& p = pieces[i];
    if (i > 0) out += p.gap < 0 ? ".*" : p.gap == 0 ? "" : ".{0," + std::to_string(p.gap) + "}";
    if (p.texts.size() == 1) {
      out += escaped(p.texts.front());
      continue;
    }
    out += "(";
    for (std::size_t k = 0; k < p.texts.size(); ++k) out += (k ? "|" : "") + escaped(p.texts[k]);
    out += ")";
  }
  return out;
}

std::string format_words(const std::vector<ast::PatternPiece>& pieces) {
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const ast::PatternPiece& p = pieces[i];
    if (i > 0) out += p.gap < 0 ? " ... " : " .." + std::to_string(p.gap) + " ";
    if (p.texts.size() == 1) {
      out += quoted(p.texts.front());
      continue;
    }
    out += "(";
    for (std::size_t k = 0; k < p.texts.size(); ++k) out += (k ? " | " : "") + quoted(p.texts[k]);
    out += ")";
  }
  return out;
}

}  // namespace mpadvisor::dsl
