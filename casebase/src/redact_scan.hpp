// What the redaction passes share (redact.cpp runs them; redact_numbers.cpp and
// redact_words.cpp hold them): byte-level scanning of UTF-8, the full-width fold that remembers
// where each byte came from, and one pass that cuts the original where the folded copy matched.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::casebase::redaction {

inline constexpr std::size_t npos = std::string_view::npos;

inline unsigned char byte(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// Length of the code point starting at i (1 for a stray byte).
inline std::size_t cp_length(std::string_view s, std::size_t i) { return base::utf8::decode(s, i).length; }

// The value of the digit at i and its length in bytes, or -1.
inline int digit_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return -1;
  const unsigned char b = byte(s, i);
  if (b >= '0' && b <= '9') {
    length = 1;
    return b - '0';
  }
  if (b == 0xEF && i + 2 < s.size() && byte(s, i + 1) == 0xBC && byte(s, i + 2) >= 0x90 && byte(s, i + 2) <= 0x99) {
    length = 3;
    return byte(s, i + 2) - 0x90;
  }
  return -1;
}

inline bool is_digit_at(std::string_view s, std::size_t i) {
  std::size_t unused = 0;
  return digit_at(s, i, unused) >= 0;
}

inline bool x_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  if (s[i] == 'X' || s[i] == 'x') return length = 1, true;  // Ｘ is folded to X before matching
  return false;
}

inline bool plus_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  if (s[i] == '+') return length = 1, true;  // ＋ is folded to + before matching
  return false;
}

// Spaces and dashes people put inside phone numbers.
inline bool separator_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  const unsigned char b = byte(s, i);
  if (b == ' ' || b == '-' || b == '\t' || b == '.') return length = 1, true;
  if (b == 0xC2 && i + 1 < s.size() && byte(s, i + 1) == 0xA0) return length = 2, true;  // no-break space
  if (i + 2 < s.size()) {
    const unsigned char b1 = byte(s, i + 1), b2 = byte(s, i + 2);
    // (the ideographic space and the full-width hyphen are folded to ASCII before matching)
    if (b == 0xE2 && b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) return length = 3, true;  // ‐ ‑ ‒ – — ―
    if (b == 0xE2 && b1 == 0x88 && b2 == 0x92) return length = 3, true;                // − minus
  }
  return false;
}

inline bool has_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char b = byte(s, i);
    if (b >= '0' && b <= '9') return true;
    if (b == 0xEF && is_digit_at(s, i)) return true;
  }
  return false;
}

// A span of the folded text to replace by a mark.
struct Cut {
  std::size_t from, to;
  std::string_view mark;
};

// Records the cuts of one pass, in order; `copied` is where the last cut ended (a match never
// reaches back into it).
struct Rewriter {
  std::string_view in;
  std::vector<Cut> cuts;
  std::size_t copied = 0;

  void replace(std::size_t from, std::size_t to, std::string_view mark) {
    cuts.push_back({from, to, mark});
    copied = to;
  }
};

// The text with full-width ASCII (U+FF01–U+FF5E) and the ideographic space folded to ASCII;
// origin[k] is the byte of the original where folded byte k came from (one extra entry: the end).
struct Folded {
  std::string text;
  std::vector<std::size_t> origin;
};

Folded fold(std::string_view s);

// One pass: fold, find, and cut the original where the folded copy matched.
template <typename Finder>
std::string pass(const std::string& text, std::size_t& count, Finder find) {
  Folded const f = fold(text);
  Rewriter r{f.text, {}, 0};
  find(f.text, r, count);
  if (r.cuts.empty()) return text;
  std::string out;
  std::size_t copied = 0;
  for (const Cut& c : r.cuts) {
    std::size_t const from = f.origin[c.from], to = f.origin[c.to];
    out.append(text, copied, from - copied);
    out.append(c.mark);
    copied = to;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

// ISO 7064 MOD 11-2: the 18th character (0–9, or 10 for X) checks the first 17 digits.
bool id_check_matches(const std::array<int, 18>& digits);

// The passes, each finding one kind of personal data in folded text (redact.hpp lists them).
void find_emails(std::string_view s, Rewriter& r, std::size_t& count);
void find_accounts(std::string_view s, Rewriter& r, std::size_t& count);
void find_addresses(std::string_view s, Rewriter& r, std::size_t& count);
void find_id_numbers(std::string_view s, Rewriter& r, std::size_t& count);
void find_phones(std::string_view s, Rewriter& r, std::size_t& count);

}  // namespace mpadvisor::casebase::redaction
