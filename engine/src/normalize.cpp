#include "mpadvisor/engine/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>

#include "normalize_detail.hpp"

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

// ASCII letters and digits, without the C library's locale-dependent call.
bool is_ascii_word(UChar32 c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The common CJK ideographs: unchanged by NFKC_Casefold and never separators.
bool is_unified_ideograph(UChar32 c) { return c >= 0x4E00 && c <= 0x9FFF; }

constexpr std::pair<UChar32, UChar32> kSimplified[] = {
#include "traditional_simplified.inc"
};

// Which code points of the Basic Multilingual Plane have a simplified form, one bit each,
// worked out when the program is compiled: the usual case of a Simplified text, no mapping,
// is then one bit test, without a guard for a static's first use.
constexpr std::array<std::uint64_t, 0x10000 / 64> kMappedBmp = [] {
  std::array<std::uint64_t, 0x10000 / 64> bits{};
  for (auto [from, to] : kSimplified) {
    if (from < 0x10000) bits[static_cast<std::size_t>(from) / 64] |= std::uint64_t{1} << (from % 64);
  }
  return bits;
}();

// Simplified form of one code point, from the table generated from ICU at build time.
UChar32 simplify(UChar32 c) {
  if (c < 0x2E80 || (c < 0x10000 && ((kMappedBmp[static_cast<std::size_t>(c) / 64] >> (c % 64)) & 1u) == 0)) return c;
  auto it = std::lower_bound(std::begin(kSimplified), std::end(kSimplified), std::pair<UChar32, UChar32>{c, 0});
  return it != std::end(kSimplified) && it->first == c ? it->second : c;
}

// Normalised bytes go to a sink, which may also keep where each came from.
// copy() takes a run of original characters that are already normalised, as they are.
struct TextOnly {
  std::string& text;
  void reserve(std::size_t n) { text.reserve(n); }
  void append(std::string_view bytes, std::uint32_t, std::uint32_t) { text.append(bytes); }
  void push(char byte, std::uint32_t, std::uint32_t) { text.push_back(byte); }
  void copy(std::string_view original, std::uint32_t begin, std::uint32_t end) {
    text.append(original.substr(begin, end - begin));
  }
};

struct WithOrigins {
  NormalizedText& out;
  void reserve(std::size_t n) {
    out.text.reserve(n);
    out.origin_begin.reserve(n);
    out.origin_end.reserve(n);
  }
  void append(std::string_view bytes, std::uint32_t begin, std::uint32_t end) {
    out.text.append(bytes);
    out.origin_begin.insert(out.origin_begin.end(), bytes.size(), begin);
    out.origin_end.insert(out.origin_end.end(), bytes.size(), end);
  }
  void push(char byte, std::uint32_t begin, std::uint32_t end) { append(std::string_view(&byte, 1), begin, end); }
  void copy(std::string_view original, std::uint32_t begin, std::uint32_t end) {
    for (auto at = static_cast<std::int32_t>(begin);
         at < static_cast<std::int32_t>(end);) {  // each character its own origin
      std::int32_t const from = at;
      U8_FWD_1(original.data(), at, static_cast<std::int32_t>(end));
      append(original.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(at - from)),
             static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(at));
    }
  }
};

template <typename Sink>
void normalize_into(std::string_view text, Sink& sink, bool shortcuts) {
  const icu::Normalizer2& norm = nfkc_casefold();
  sink.reserve(text.size());
  bool pending_space = false;  // a separator was seen since the last kept character
  UChar32 last_kept = 0;
  // Keeps one normalised character that came from original bytes [start, end).
  auto keep = [&](UChar32 f, std::uint32_t start, std::uint32_t end) {
    // Keep a word boundary only where it separates Latin letters or digits.
    if (pending_space && is_ascii_word(last_kept) && is_ascii_word(f)) sink.push(' ', start, start);
    pending_space = false;
    last_kept = f;
    if (f < 0x80) {
      sink.push(static_cast<char>(f), start, end);
      return;
    }
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, f, error);
    if (!error) sink.append(std::string_view(buf, static_cast<std::size_t>(len)), start, end);
  };
  // Characters already in normal form (lower-case ASCII letters and digits, common
  // ideographs without a simplified form), where nothing is pending, are copied as one run:
  // from `run` to the current character. They are recognised from their bytes, without the
  // general decoder: a common ideograph is three bytes led by E4–E9, well-formed whatever its
  // continuation bytes hold.
  std::uint32_t run = 0;
  int32_t i = 0;
  auto const length = static_cast<int32_t>(text.size());
  while (i < length) {
    if (shortcuts && !pending_space) {
      auto const lead = static_cast<unsigned char>(text[static_cast<std::size_t>(i)]);
      if ((lead >= 'a' && lead <= 'z') || (lead >= '0' && lead <= '9')) {
        last_kept = lead;
        ++i;
        continue;
      }
      if (lead >= 0xE4 && lead <= 0xE9 && i + 2 < length) {
        auto const second = static_cast<unsigned char>(text[static_cast<std::size_t>(i) + 1]);
        auto const third = static_cast<unsigned char>(text[static_cast<std::size_t>(i) + 2]);
        if ((second & 0xC0) == 0x80 && (third & 0xC0) == 0x80) {
          UChar32 const ideograph = ((lead & 0x0F) << 12) | ((second & 0x3F) << 6) | (third & 0x3F);
          if (is_unified_ideograph(ideograph) && simplify(ideograph) == ideograph) {
            last_kept = ideograph;
            i += 3;
            continue;
          }
        }
      }
    }
    int32_t const start = i;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, length, c);
    if (c < 0) c = 0xFFFD;
    auto const from = static_cast<std::uint32_t>(start), to = static_cast<std::uint32_t>(i);
    if (run < from) sink.copy(text, run, from);
    run = to;
    if (c < 0x80) {
      // ASCII needs no ICU: letters fold to lower case, digits stay, the rest separates.
      if (!is_ascii_word(c)) {
        pending_space = true;
        continue;
      }
      keep(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c, from, to);
      continue;
    }
    if (shortcuts && is_unified_ideograph(c)) {
      keep(simplify(c), from, to);
      continue;
    }
    // An inert character is its own NFKC_Casefold form; only the others need ICU's mapping.
    icu::UnicodeString folded;
    if (shortcuts && norm.isInert(c)) {
      folded = icu::UnicodeString(c);
    } else {
      UErrorCode status = U_ZERO_ERROR;
      norm.normalize(icu::UnicodeString(c), folded, status);
    }
    for (int32_t k = 0; k < folded.length(); k = folded.moveIndex32(k, 1)) {
      UChar32 const f = simplify(folded.char32At(k));
      if (is_separator(f)) {
        pending_space = true;
        continue;
      }
      keep(f, from, to);
    }
  }
  if (run < static_cast<std::uint32_t>(length)) sink.copy(text, run, static_cast<std::uint32_t>(length));
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> NormalizedText::original_range(std::size_t begin, std::size_t end) const {
  if (begin >= end || end > origin_end.size()) return {0, 0};
  return {origin_begin[begin], origin_end[end - 1]};
}

NormalizedText normalize(std::string_view text) {
  NormalizedText out;
  WithOrigins sink{out};
  normalize_into(text, sink, true);
  return out;
}

std::pair<std::uint32_t, std::uint32_t> original_range(std::string_view original, std::size_t begin, std::size_t end) {
  return normalize(original).original_range(begin, end);
}

std::string normalize_text(std::string_view text) {
  std::string out;
  normalize_text(text, out);
  return out;
}

void normalize_text(std::string_view text, std::string& out) {
  out.clear();
  TextOnly sink{out};
  normalize_into(text, sink, true);
}

std::string normalize_compact(std::string_view text) {
  std::string out = normalize_text(text);
  std::erase(out, ' ');
  return out;
}

namespace detail {
std::string normalize_through_icu(std::string_view text) {
  std::string out;
  TextOnly sink{out};
  normalize_into(text, sink, false);
  return out;
}
}  // namespace detail

}  // namespace mpadvisor::engine
