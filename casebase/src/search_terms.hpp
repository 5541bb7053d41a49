// How messages and queries are cut into search terms, shared by the importer (which indexes)
// and similar() (which searches): chunks at spaces and punctuation, and for the word index
// (cases_grams) every Chinese character and every pair of neighbouring Chinese characters,
// so that Chinese written without spaces ("名称商业") finds what "名称 商业" finds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::casebase {

struct CodePoint {
  char32_t value;
  std::string_view text;
};

// The text cut at spaces, controls and punctuation (ASCII, Latin-1, general, CJK, full-width).
std::vector<std::vector<CodePoint>> chunks_of(std::string_view text);

// A character of a word as FTS5's unicode61 tokenizer reads words: a letter, a number, or a
// private-use character (Unicode categories L*, N*, Co). Anything else separates words.
bool is_word_char(char32_t c);

// A CJK ideograph (the unified block and its extension A, and the compatibility block).
bool is_ideograph(char32_t c);

// What the word index holds for a message: its Latin words, and every Chinese character and
// pair of characters, separated by spaces (the unicode61 tokenizer splits them there).
std::string grams_of(std::string_view message);

// The word-index terms of a query: Latin words, Chinese pairs, and a lone Chinese character
// where a run has only one. At most `max_terms`, duplicates (ignoring ASCII case) removed.
std::vector<std::string> query_grams(std::string_view query, std::size_t max_terms);

// The trigram-index terms of a query: every three neighbouring characters within a chunk, in
// order, duplicates (ignoring ASCII case) removed.
std::vector<std::string> query_trigrams(std::string_view query);

// A quoted FTS5 string: any text, never syntax.
std::string fts_string(std::string_view text);

}  // namespace mpadvisor::casebase
