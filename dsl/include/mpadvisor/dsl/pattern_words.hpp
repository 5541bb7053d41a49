// Message patterns written as words with gaps (`words "名称" ... ("商业" | "经营")`): the
// regular expression they stand for, so that the planner, the checker and ICU all see one
// kind of pattern. KB authors need no regex syntax for the patterns most causes need.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl {

// "名称" ... ("商业" | "经营") ..3 "词" → 名称.*(商业|经营).{0,3}词, with every regex
// character in the texts escaped.
std::string words_regex(const std::vector<ast::PatternPiece>& pieces);

// The words as the formatter writes them: "名称" ... ("商业" | "经营") ..3 "词".
std::string format_words(const std::vector<ast::PatternPiece>& pieces);

}  // namespace mpadvisor::dsl
