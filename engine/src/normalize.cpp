#include "mpadvisor/engine/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>

namespace mpadvisor::engine {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFKC_Casefold data");
  return *n;
}

bool is_separator(UChar32 c) {
  int8_t const type = u_charType(c);
  return u_isUWhiteSpace(c) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR ||
         (type >= U_DASH_PUNCTUATION && type <= U_OTHER_PUNCTUATION) || type == U_INITIAL_PUNCTUATION ||
         type == U_FINAL_PUNCTUATION || type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL ||
         type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL;
}

bool is_ascii_word(UChar32 c) { return c < 0x80 && (u_isalnum(c) != 0); }

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

// Simplified form of one code point, from the table generated from ICU at build time.
UChar32 simplify(UChar32 c) {
  static constexpr std::pair<UChar32, UChar32> kTable[] = {
#include "traditional_simplified.inc"
  };
  if (c < 0x2E80) return c;
  auto it = std::lower_bound(std::begin(kTable), std::end(kTable), std::pair<UChar32, UChar32>{c, 0});
  return it != std::end(kTable) && it->first == c ? it->second : c;
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> NormalizedText::original_range(std::size_t begin, std::size_t end) const {
  if (begin >= end || end > origin_end.size()) return {0, 0};
  return {origin_begin[begin], origin_end[end - 1]};
}

NormalizedText normalize(std::string_view text) {
  const icu::Normalizer2& norm = nfkc_casefold();
  NormalizedText out;
  out.text.reserve(text.size());
  out.origin_begin.reserve(text.size());
  out.origin_end.reserve(text.size());
  bool pending_space = false;  // a separator was seen since the last kept character
  UChar32 last_kept = 0;
  int32_t i = 0;
  auto const length = static_cast<int32_t>(text.size());
  while (i < length) {
    int32_t const start = i;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, length, c);
    if (c < 0) c = 0xFFFD;
    if (c < 0x80) {
      // ASCII needs no ICU: letters fold to lower case, digits stay, the rest separates.
      if (!std::isalnum(c)) {
        pending_space = true;
        continue;
      }
      UChar32 const f = std::tolower(c);
      if (pending_space && is_ascii_word(last_kept)) {
        out.text += ' ';
        out.origin_begin.push_back(static_cast<std::uint32_t>(start));
        out.origin_end.push_back(static_cast<std::uint32_t>(start));
      }
      pending_space = false;
      out.text += static_cast<char>(f);
      out.origin_begin.push_back(static_cast<std::uint32_t>(start));
      out.origin_end.push_back(static_cast<std::uint32_t>(i));
      last_kept = f;
      continue;
    }
    icu::UnicodeString folded;
    UErrorCode status = U_ZERO_ERROR;
    norm.normalize(icu::UnicodeString(c), folded, status);
    for (int32_t k = 0; k < folded.length(); k = folded.moveIndex32(k, 1)) {
      UChar32 const f = simplify(folded.char32At(k));
      if (is_separator(f)) {
        pending_space = true;
        continue;
      }
      // Keep a word boundary only where it separates Latin letters or digits.
      if (pending_space && is_ascii_word(last_kept) && is_ascii_word(f)) {
        out.text += ' ';
        out.origin_begin.push_back(static_cast<std::uint32_t>(start));
        out.origin_end.push_back(static_cast<std::uint32_t>(start));
      }
      pending_space = false;
      std::size_t const before = out.text.size();
      append_utf8(out.text, f);
      out.origin_begin.insert(out.origin_begin.end(), out.text.size() - before, static_cast<std::uint32_t>(start));
      out.origin_end.insert(out.origin_end.end(), out.text.size() - before, static_cast<std::uint32_t>(i));
      last_kept = f;
    }
  }
  return out;
}

std::string normalize_compact(std::string_view text) {
  std::string out = normalize(text).text;
  std::erase(out, ' ');
  return out;
}

}  // namespace mpadvisor::engine
