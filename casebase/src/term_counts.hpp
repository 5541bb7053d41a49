// What the PostgreSQL backend's term tables hold for a message, computed the way SQLite's FTS5
// tokenizers see the same text, so that bm25 gives both backends the same scores:
//   trigrams  FTS5's trigram tokenizer: every three neighbouring characters, case folded;
//   words     FTS5's unicode61 tokenizer over grams_of(message): runs of letters, digits and
//             private-use characters, case folded, Latin diacritics removed.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mpadvisor::casebase {

struct TermCounts {
  std::unordered_map<std::string, int> frequency;  // term → occurrences in the message
  int tokens = 0;                                  // every token, also those never searched
};

// The trigrams of a message. Only trigrams inside a chunk (search_terms.hpp) are kept in
// `frequency` — a query never holds a space or punctuation — but `tokens` counts them all.
TermCounts trigram_counts(std::string_view message);
// The word-index tokens of grams_of(message).
TermCounts word_counts(std::string_view message);

// A query term as the index holds it: a trigram folded; a word split into its tokens.
std::string fold_trigram(std::string_view term);
std::vector<std::string> word_tokens(std::string_view term);

}  // namespace mpadvisor::casebase
