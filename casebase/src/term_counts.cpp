#include "term_counts.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "mpadvisor/base/utf8.hpp"
#include "search_terms.hpp"

namespace mpadvisor::casebase {
namespace {

char32_t lower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

// é → e: the first code point of the canonical decomposition when the rest are combining marks.
char32_t without_diacritic(char32_t c) {
  if (c < 0xC0) return c;
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString parts;
  if (U_FAILURE(status) || !nfd->getDecomposition(static_cast<UChar32>(c), parts) || parts.length() == 0) return c;
  const UChar32 base = parts.char32At(0);
  for (int32_t k = U16_LENGTH(base); k < parts.length();) {
    const UChar32 mark = parts.char32At(k);
    if (u_charType(mark) != U_NON_SPACING_MARK) return c;
    k += U16_LENGTH(mark);
  }
  return static_cast<char32_t>(base);
}

template <typename Token>
void for_each_word_token(std::string_view text, Token token) {
  std::string current;
  base::utf8::for_each(text, [&](char32_t c, std::size_t, std::size_t) {
    if (is_word_char(c)) {
      base::utf8::append(current, without_diacritic(lower(c)));
    } else if (!current.empty()) {
      token(current);
      current.clear();
    }
  });
  if (!current.empty()) token(current);
}

}  // namespace

std::string fold_trigram(std::string_view term) {
  std::string out;
  base::utf8::for_each(term, [&](char32_t c, std::size_t, std::size_t) { base::utf8::append(out, lower(c)); });
  return out;
}

TermCounts trigram_counts(std::string_view message) {
  TermCounts counts;
  const std::size_t characters = base::utf8::count_code_points(message);
  counts.tokens = characters >= 3 ? static_cast<int>(characters - 2) : 0;
  for (const auto& chunk : chunks_of(message)) {
    for (std::size_t k = 0; k + 3 <= chunk.size(); ++k) {
      std::string gram;
      for (std::size_t j = k; j < k + 3; ++j) base::utf8::append(gram, lower(chunk[j].value));
      ++counts.frequency[gram];
    }
  }
  return counts;
}

TermCounts word_counts(std::string_view message) {
  TermCounts counts;
  for_each_word_token(grams_of(message), [&](const std::string& token) {
    ++counts.tokens;
    ++counts.frequency[token];
  });
  return counts;
}

std::vector<std::string> word_tokens(std::string_view term) {
  std::vector<std::string> tokens;
  for_each_word_token(term, [&](const std::string& token) { tokens.push_back(token); });
  return tokens;
}

}  // namespace mpadvisor::casebase
