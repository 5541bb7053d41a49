// Redaction of personal data (see redact.hpp). Works on UTF-8 bytes: ASCII digits, '@' and
// the separators are single bytes that never occur inside a multi-byte sequence, so a number
// written right after a Chinese character is found, and a match never splits a character.
// Full-width forms (０-９, ＋, Ｘ, ＠, ideographic space, full-width hyphen) are decoded explicitly.
#include "mpadvisor/casebase/redact.hpp"

#include <array>
#include <cstdint>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::casebase {
namespace {

constexpr std::size_t npos = std::string_view::npos;

unsigned char byte(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// Length of the code point starting at i (1 for a stray byte).
std::size_t cp_length(std::string_view s, std::size_t i) { return base::utf8::decode(s, i).length; }

// Three-byte code points U+FF00..U+FF3F are EF BC 80..BF; U+FF40..U+FF7F are EF BD 80..BF.
bool fullwidth(std::string_view s, std::size_t i, unsigned char second, unsigned char third) {
  return i + 2 < s.size() && byte(s, i) == 0xEF && byte(s, i + 1) == second && byte(s, i + 2) == third;
}

// The value of the digit at i and its length in bytes, or -1.
int digit_at(std::string_view s, std::size_t i, std::size_t& length) {
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

bool is_digit_at(std::string_view s, std::size_t i) {
  std::size_t unused = 0;
  return digit_at(s, i, unused) >= 0;
}

bool x_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  if (s[i] == 'X' || s[i] == 'x') return length = 1, true;
  if (fullwidth(s, i, 0xBC, 0xB8) || fullwidth(s, i, 0xBD, 0x98)) return length = 3, true;  // Ｘ ｘ
  return false;
}

bool plus_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  if (s[i] == '+') return length = 1, true;
  if (fullwidth(s, i, 0xBC, 0x8B)) return length = 3, true;  // ＋
  return false;
}

// Spaces and dashes people put inside phone numbers.
bool separator_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  const unsigned char b = byte(s, i);
  if (b == ' ' || b == '-' || b == '\t') return length = 1, true;
  if (b == 0xC2 && i + 1 < s.size() && byte(s, i + 1) == 0xA0) return length = 2, true;  // no-break space
  if (i + 2 < s.size()) {
    const unsigned char b1 = byte(s, i + 1), b2 = byte(s, i + 2);
    if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) return length = 3, true;                // ideographic space
    if (b == 0xE2 && b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) return length = 3, true;  // ‐ ‑ ‒ – — ―
    if (b == 0xE2 && b1 == 0x88 && b2 == 0x92) return length = 3, true;                // − minus
    if (b == 0xEF && b1 == 0xBC && b2 == 0x8D) return length = 3, true;                // － full-width
  }
  return false;
}

bool has_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char b = byte(s, i);
    if (b >= '0' && b <= '9') return true;
    if (b == 0xEF && is_digit_at(s, i)) return true;
  }
  return false;
}

// Appends text[from, to) and the mark; returns the new copy position.
struct Rewriter {
  std::string_view in;
  std::string out;
  std::size_t copied = 0;

  void replace(std::size_t from, std::size_t to, std::string_view mark) {
    out.append(in.substr(copied, from - copied));
    out.append(mark);
    copied = to;
  }
  std::string finish() {
    out.append(in.substr(copied));
    return std::move(out);
  }
};

// ---------------------------------------------------------------------------------------------
// E-mail addresses: local@domain.tld, local part [A-Za-z0-9._%+-], domain labels [A-Za-z0-9-].

bool local_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}

bool domain_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.front() == '-') return false;
  const auto last_dot = domain.rfind('.');
  if (last_dot == npos || domain.find("..") != npos) return false;
  const auto tld = domain.substr(last_dot + 1);
  if (tld.size() < 2) return false;
  for (char c : tld)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

std::string redact_emails(std::string_view s, std::size_t& count) {
  Rewriter r{s, {}, 0};
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at_length = 0;
    if (s[i] == '@')
      at_length = 1;
    else if (fullwidth(s, i, 0xBC, 0xA0))
      at_length = 3;  // ＠
    if (at_length == 0) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (start > r.copied && local_char(byte(s, start - 1))) --start;
    while (start < i && s[start] == '.') ++start;
    std::size_t end = i + at_length;
    while (end < s.size() && domain_char(byte(s, end))) ++end;
    while (end > i + at_length && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
    if (start < i && valid_domain(s.substr(i + at_length, end - i - at_length))) {
      r.replace(start, end, kEmailMark);
      ++count;
      i = end;
    } else {
      i += at_length;
    }
  }
  return r.finish();
}

// ---------------------------------------------------------------------------------------------
// Resident ID numbers: a run of exactly 17 digits followed by a digit or X, not touching other
// digits, with a right ISO 7064 MOD 11-2 check character.

constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

// `check` is 0–9, or 10 for X.
bool id_check_matches(const std::array<int, 18>& digits) {
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) sum += digits[k] * kIdWeights[k];
  return (12 - sum % 11) % 11 == digits[17];
}

std::string redact_id_numbers(std::string_view s, std::size_t& count) {
  Rewriter r{s, {}, 0};
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t length = 0;
    if (digit_at(s, i, length) < 0) {
      i += cp_length(s, i);
      continue;
    }
    // A whole run of digits; i is its first digit because runs are consumed whole.
    std::array<int, 18> digits{};
    std::size_t run = 0, j = i;
    for (int d; (d = digit_at(s, j, length)) >= 0; j += length) {
      if (run < digits.size()) digits[run] = d;
      ++run;
    }
    std::size_t end = npos;
    std::size_t x_length = 0;
    if (run == 18 && !x_at(s, j, x_length)) {
      end = j;
    } else if (run == 17 && x_at(s, j, x_length) && !is_digit_at(s, j + x_length)) {
      digits[17] = 10;
      end = j + x_length;
    }
    if (end != npos && id_check_matches(digits)) {
      r.replace(i, end, kIdMark);
      ++count;
    }
    i = j;
  }
  return r.finish();
}

// ---------------------------------------------------------------------------------------------
// Mobile numbers: [+]86 prefix (optional), then 1[3-9] and nine more digits; up to three spaces
// or dashes may separate any two digits; no digit may touch the number on either side.

constexpr int kMaxSeparators = 3;

std::size_t skip_separators(std::string_view s, std::size_t j) {
  std::size_t length = 0;
  for (int k = 0; k < kMaxSeparators && separator_at(s, j, length); ++k) j += length;
  return j;
}

// The end of an 11-digit mobile number starting at j, or npos.
std::size_t match_mobile(std::string_view s, std::size_t j) {
  std::size_t length = 0;
  for (int k = 0; k < 11; ++k) {
    if (k > 0) j = skip_separators(s, j);
    const int d = digit_at(s, j, length);
    if (d < 0 || (k == 0 && d != 1) || (k == 1 && d < 3)) return npos;
    j += length;
  }
  return is_digit_at(s, j) ? npos : j;
}

// "86" (after an optional plus) at j: the position after it and its separators, or npos.
std::size_t match_country_code(std::string_view s, std::size_t j) {
  std::size_t length = 0;
  if (digit_at(s, j, length) != 8) return npos;
  j += length;
  if (digit_at(s, j, length) != 6) return npos;
  return skip_separators(s, j + length);
}

std::size_t match_phone(std::string_view s, std::size_t i) {
  std::size_t length = 0;
  if (plus_at(s, i, length)) {
    const auto after = match_country_code(s, i + length);
    return after == npos ? npos : match_mobile(s, after);
  }
  if (const auto after = match_country_code(s, i); after != npos)
    if (const auto end = match_mobile(s, after); end != npos) return end;
  return match_mobile(s, i);
}

std::string redact_phones(std::string_view s, std::size_t& count) {
  Rewriter r{s, {}, 0};
  bool after_digit = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t length = 0;
    const bool digit = digit_at(s, i, length) >= 0;
    if (!after_digit && (digit || plus_at(s, i, length))) {
      if (const auto end = match_phone(s, i); end != npos) {
        r.replace(i, end, kPhoneMark);
        ++count;
        i = end;
        after_digit = false;  // match_mobile made sure no digit follows
        continue;
      }
    }
    after_digit = digit;
    i += cp_length(s, i);
  }
  return r.finish();
}

}  // namespace

bool is_valid_resident_id(std::string_view id) noexcept {
  if (id.size() != 18) return false;
  std::array<int, 18> digits{};
  for (std::size_t k = 0; k < 17; ++k) {
    if (id[k] < '0' || id[k] > '9') return false;
    digits[k] = id[k] - '0';
  }
  if (id[17] == 'X' || id[17] == 'x')
    digits[17] = 10;
  else if (id[17] >= '0' && id[17] <= '9')
    digits[17] = id[17] - '0';
  else
    return false;
  return id_check_matches(digits);
}

namespace {

bool might_hold_personal_data(std::string_view text) {
  return text.find('@') != npos || text.find("\xEF\xBC\xA0") != npos || has_digit(text);
}

}  // namespace

bool redact_in_place(std::string& text, RedactionCounts* counts) {
  if (!might_hold_personal_data(text)) return false;
  RedactionCounts found;
  auto redacted = redact(text, &found);
  if (found.total() == 0) return false;
  text = std::move(redacted);
  if (counts) *counts += found;
  return true;
}

std::string redact(std::string_view text, RedactionCounts* counts) {
  RedactionCounts found;
  std::string result(text);
  // E-mail first: a number used as the local part ("13812345678@qq.com") is one address.
  if (result.find('@') != npos || result.find("\xEF\xBC\xA0") != npos) result = redact_emails(result, found.emails);
  if (has_digit(result)) {
    // ID numbers before phones: both are digit runs, and an ID is the longer, stricter match.
    result = redact_id_numbers(result, found.id_numbers);
    result = redact_phones(result, found.phones);
  }
  if (counts) *counts += found;
  return result;
}

}  // namespace mpadvisor::casebase
