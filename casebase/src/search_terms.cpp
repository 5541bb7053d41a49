#include "search_terms.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_set>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::casebase {
namespace {

std::vector<CodePoint> decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  base::utf8::for_each(s, [&](char32_t cp, std::size_t at, std::size_t length) {
    out.push_back({cp, s.substr(at, length)});
  });
  return out;
}

// Spaces, controls and punctuation (ASCII, Latin-1, general, CJK and full-width forms).
bool separator(char32_t c) {
  if (c <= 0x20 || c == 0x7F || c == 0xFFFD) return true;
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
  return (c >= 0x80 && c <= 0xBF) || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

// Calls `word` for each Latin run and `run` for each run of Chinese characters of a chunk.
template <typename Word, typename Run>
void split_chunk(const std::vector<CodePoint>& chunk, Word word, Run run) {
  std::size_t k = 0;
  while (k < chunk.size()) {
    bool const chinese = is_ideograph(chunk[k].value);
    std::size_t end = k;
    while (end < chunk.size() && is_ideograph(chunk[end].value) == chinese) ++end;
    if (chinese)
      run(chunk, k, end);
    else
      word(chunk, k, end);
    k = end;
  }
}

std::string text_of(const std::vector<CodePoint>& chunk, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) out.append(chunk[k].text);
  return out;
}

}  // namespace

std::vector<std::vector<CodePoint>> chunks_of(std::string_view text) {
  std::vector<std::vector<CodePoint>> chunks(1);
  for (const auto& cp : decode(text)) {
    if (separator(cp.value)) {
      if (!chunks.back().empty()) chunks.emplace_back();
    } else {
      chunks.back().push_back(cp);
    }
  }
  if (chunks.back().empty()) chunks.pop_back();
  return chunks;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_PRIVATE_USE_CHAR:
      return true;
    default:
      return false;
  }
}

bool is_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}

std::string grams_of(std::string_view message) {
  std::string out;
  auto add = [&](const std::string& term) {
    if (!out.empty()) out += ' ';
    out += term;
  };
  for (const auto& chunk : chunks_of(message)) {
    split_chunk(
        chunk, [&](const auto& c, std::size_t from, std::size_t to) { add(text_of(c, from, to)); },
        [&](const auto& c, std::size_t from, std::size_t to) {
          for (std::size_t k = from; k < to; ++k) {
            add(std::string(c[k].text));
            if (k + 1 < to) add(text_of(c, k, k + 2));
          }
        });
  }
  return out;
}

std::vector<std::string> query_grams(std::string_view query, std::size_t max_terms) {
  std::vector<std::string> terms;
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& term) {
    std::string key = term;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    if (terms.size() < max_terms && seen.insert(key).second) terms.push_back(term);
  };
  for (const auto& chunk : chunks_of(query)) {
    split_chunk(
        chunk,
        [&](const auto& c, std::size_t from, std::size_t to) {
          // One term per word the word index's tokenizer sees ("a_b" is two words there): a
          // term is then one token on both backends, never a phrase.
          for (std::size_t k = from; k < to;) {
            while (k < to && !is_word_char(c[k].value)) ++k;
            std::size_t end = k;
            while (end < to && is_word_char(c[end].value)) ++end;
            if (end > k) add(text_of(c, k, end));
            k = end;
          }
        },
        [&](const auto& c, std::size_t from, std::size_t to) {
          if (to - from == 1) add(std::string(c[from].text));
          for (std::size_t k = from; k + 1 < to; ++k) add(text_of(c, k, k + 2));
        });
  }
  return terms;
}

std::vector<std::string> query_trigrams(std::string_view query) {
  std::vector<std::string> grams;
  std::unordered_set<std::string> seen;
  for (const auto& chunk : chunks_of(query)) {
    for (std::size_t k = 0; k + 3 <= chunk.size(); ++k) {
      std::string gram;
      for (std::size_t j = k; j < k + 3; ++j) gram.append(chunk[j].text);
      std::string key = gram;  // both indexes fold case
      std::transform(key.begin(), key.end(), key.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
      if (seen.insert(key).second) grams.push_back(std::move(gram));
    }
  }
  return grams;
}

std::string fts_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace mpadvisor::casebase
