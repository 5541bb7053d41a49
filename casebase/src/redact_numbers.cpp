// Number-shaped personal data: resident ID numbers (with their check character, in groups, or
// first-generation) and phone numbers (mobiles with or without +86, landlines with an area code).
#include <algorithm>
#include <array>

#include "mpadvisor/casebase/redact.hpp"
#include "redact_scan.hpp"

namespace mpadvisor::casebase {
namespace redaction {
namespace {

// ---------------------------------------------------------------------------------------------
// Resident ID numbers: a run of exactly 17 digits followed by a digit or X, not touching other
// digits, with a right ISO 7064 MOD 11-2 check character.

constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

}  // namespace

// `check` is 0–9, or 10 for X.
bool id_check_matches(const std::array<int, 18>& digits) {
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) sum += digits[k] * kIdWeights[k];
  return (12 - sum % 11) % 11 == digits[17];
}

namespace {

// The first two digits name a province-level division (GB/T 2260).
bool province_code(int a, int b) {
  static constexpr std::array<int, 34> kCodes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                                 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
  return std::find(kCodes.begin(), kCodes.end(), a * 10 + b) != kCodes.end();
}

bool month_day(int m1, int m2, int d1, int d2) {
  int const month = m1 * 10 + m2, day = d1 * 10 + d2;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// A first-generation ID (15 digits, no check character): a province code and a birth date
// (YYMMDD) where they belong, which an order or tracking number rarely has.
bool old_id_matches(const std::array<int, 18>& d) {
  return province_code(d[0], d[1]) && month_day(d[8], d[9], d[10], d[11]);
}

// An 18-character ID written in groups ("430102 19900101 123X", "430102-1990-0101-1234"): the
// same check character, and also a province code and a plausible birth date, since separated
// digit groups are common in other numbers.
bool grouped_id_matches(const std::array<int, 18>& d) {
  int const year = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9];
  return province_code(d[0], d[1]) && year >= 1900 && year <= 2099 && month_day(d[10], d[11], d[12], d[13]) &&
         id_check_matches(d);
}

// From the digit at i: up to 18 digits with single spaces or dashes between groups, and a
// final X; the end, or npos when that does not make 18 characters no digit touches.
std::size_t match_grouped_id(std::string_view s, std::size_t i, std::array<int, 18>& digits) {
  std::size_t count = 0, j = i, length = 0;
  bool separated = false;
  while (count < 18) {
    int const d = digit_at(s, j, length);
    if (d >= 0) {
      digits[count++] = d;
      j += length;
      continue;
    }
    if (count == 17 && x_at(s, j, length)) {
      digits[count++] = 10;
      j += length;
      break;
    }
    std::size_t sep = 0;
    if (!separator_at(s, j, sep) || !is_digit_at(s, j + sep)) return npos;
    separated = true;
    j += sep;
  }
  std::size_t after = 0;
  if (count != 18 || !separated || is_digit_at(s, j) || x_at(s, j, after)) return npos;
  if (separator_at(s, j, after) && is_digit_at(s, j + after)) return npos;  // a longer grouped number
  return j;
}

}  // namespace

void find_id_numbers(std::string_view s, Rewriter& r, std::size_t& count) {
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
      if (id_check_matches(digits)) end = j;
    } else if (run == 17 && x_at(s, j, x_length) && !is_digit_at(s, j + x_length)) {
      digits[17] = 10;
      if (id_check_matches(digits)) end = j + x_length;
    } else if (run == 15 && !x_at(s, j, x_length) && old_id_matches(digits)) {
      end = j;
    } else if (run < 17) {
      std::array<int, 18> grouped{};
      if (std::size_t const e = match_grouped_id(s, i, grouped); e != npos && grouped_id_matches(grouped)) end = e;
    }
    if (end != npos) {
      r.replace(i, end, kIdMark);
      ++count;
      i = end;
      continue;
    }
    i = j;
  }
}

namespace {

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

// Landlines: an area code 0 + 2–3 digits, in brackets or followed by a space or dash, then a
// local number of 7–8 digits not starting with 0 ("0755-12345678", "(010) 87654321"). The mark is
// the phone's.
std::size_t match_landline(std::string_view s, std::size_t i) {
  std::size_t j = i, length = 0;
  bool const bracket = s[j] == '(';
  if (bracket) ++j;
  std::size_t area = 0;
  if (digit_at(s, j, length) != 0) return npos;
  while (digit_at(s, j, length) >= 0) {
    j += length;
    ++area;
  }
  if (area < 3 || area > 4) return npos;
  if (bracket) {
    if (j >= s.size() || s[j] != ')') return npos;
    ++j;
    if (separator_at(s, j, length) && s[j] != '.') j += length;
  } else {
    if (!separator_at(s, j, length) || s[j] == '.') return npos;
    j += length;
  }
  std::size_t local = 0;
  for (int d; (d = digit_at(s, j, length)) >= 0; j += length) {
    if (local == 0 && d == 0) return npos;
    ++local;
  }
  return local == 7 || local == 8 ? j : npos;
}

}  // namespace

void find_phones(std::string_view s, Rewriter& r, std::size_t& count) {
  bool after_digit = false;  // a digit, or a digit and a dot ("3.14159…" is no phone)
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t length = 0;
    const bool digit = digit_at(s, i, length) >= 0;
    if (!after_digit && (digit || plus_at(s, i, length) || s[i] == '(')) {
      std::size_t end = s[i] == '(' ? npos : match_phone(s, i);
      if (end == npos) end = match_landline(s, i);
      if (end != npos) {
        r.replace(i, end, kPhoneMark);
        ++count;
        i = end;
        after_digit = false;  // the matchers made sure no digit follows
        continue;
      }
    }
    after_digit = digit || (after_digit && s[i] == '.');
    i += cp_length(s, i);
  }
}

}  // namespace redaction

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
  return redaction::id_check_matches(digits);
}

}  // namespace mpadvisor::casebase
