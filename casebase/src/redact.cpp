// Redaction of personal data (see redact.hpp). Normalise first, then match: each pass folds the
// text's full-width forms (ｚｈａｏ＠ｅｘａｍｐｌｅ．ｃｏｍ, １３８…, the ideographic space) to
// ASCII in a copy that remembers where each byte came from, finds what to cut in the copy, and
// cuts the same spans out of the original, so the rest of the text is stored exactly as written.
// Matching works on UTF-8 bytes: ASCII digits, '@' and separators are single bytes that never
// occur inside a multi-byte sequence, so a number right after a Chinese character is found, and
// a match never splits a character.
#include "mpadvisor/casebase/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <vector>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::casebase {
namespace {

constexpr std::size_t npos = std::string_view::npos;

unsigned char byte(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// Length of the code point starting at i (1 for a stray byte).
std::size_t cp_length(std::string_view s, std::size_t i) { return base::utf8::decode(s, i).length; }

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
  if (s[i] == 'X' || s[i] == 'x') return length = 1, true;  // Ｘ is folded to X before matching
  return false;
}

bool plus_at(std::string_view s, std::size_t i, std::size_t& length) {
  if (i >= s.size()) return false;
  if (s[i] == '+') return length = 1, true;  // ＋ is folded to + before matching
  return false;
}

// Spaces and dashes people put inside phone numbers.
bool separator_at(std::string_view s, std::size_t i, std::size_t& length) {
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

bool has_digit(std::string_view s) {
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

Folded fold(std::string_view s) {
  Folded f;
  f.text.reserve(s.size());
  f.origin.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = byte(s, i);
    if (b == 0xEF && i + 2 < s.size() && (byte(s, i + 1) == 0xBC || byte(s, i + 1) == 0xBD)) {
      // EF BC 81..BF is U+FF01..U+FF3F; EF BD 80..9E is U+FF40..U+FF5E.
      const unsigned code = 0xFF00u + (byte(s, i + 1) == 0xBC ? 0u : 0x40u) + (byte(s, i + 2) - 0x80u);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        f.text += static_cast<char>(code - 0xFEE0);
        f.origin.push_back(i);
        i += 3;
        continue;
      }
    }
    if (b == 0xE3 && i + 2 < s.size() && byte(s, i + 1) == 0x80 && byte(s, i + 2) == 0x80) {  // U+3000
      f.text += ' ';
      f.origin.push_back(i);
      i += 3;
      continue;
    }
    f.text += static_cast<char>(b);
    f.origin.push_back(i);
    ++i;
  }
  f.origin.push_back(s.size());
  return f;
}

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

// ---------------------------------------------------------------------------------------------
// E-mail addresses: local@domain.tld, local part [A-Za-z0-9._%+-], domain labels of letters,
// digits, dashes and Chinese characters (例子.中国), ending in an alphabetic top-level domain of
// 2+ letters or a Chinese one.

bool local_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}

bool domain_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// A CJK unified ideograph (U+4E00–U+9FFF: three bytes led by E4–E9) at i.
bool ideograph_at(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && byte(s, i) >= 0xE4 && byte(s, i) <= 0xE9 && byte(s, i + 1) >= 0x80 &&
         byte(s, i + 1) <= 0xBF && byte(s, i + 2) >= 0x80 && byte(s, i + 2) <= 0xBF;
}

constexpr std::array<std::string_view, 10> kChineseTlds = {"中国", "中國",   "公司", "网络", "網絡",
                                                           "在线", "中文网", "香港", "台湾", "台灣"};

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.front() == '-' || domain.back() == '-') return false;
  const auto last_dot = domain.rfind('.');
  if (last_dot == npos || domain.find("..") != npos) return false;
  const auto tld = domain.substr(last_dot + 1);
  if (std::find(kChineseTlds.begin(), kChineseTlds.end(), tld) != kChineseTlds.end()) return true;
  if (tld.size() < 2) return false;
  for (char c : tld)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// The end of the longest valid domain starting at `begin`, or npos. Chinese text may follow an
// address without a space ("a@b.com谢谢"), so shorter prefixes are tried too.
std::size_t domain_end(std::string_view s, std::size_t begin) {
  constexpr std::size_t kMaxDomain = 253;
  std::size_t end = begin;
  while (end < s.size() && end - begin < kMaxDomain) {
    if (domain_char(byte(s, end)))
      ++end;
    else if (ideograph_at(s, end))
      end += 3;
    else
      break;
  }
  for (std::size_t p = end; p > begin; --p) {
    if (valid_domain(s.substr(begin, p - begin))) return p;
  }
  return npos;
}

void find_emails(std::string_view s, Rewriter& r, std::size_t& count) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '@') {  // the text is folded: ＠ is '@' here
      ++i;
      continue;
    }
    std::size_t start = i;
    while (start > r.copied && local_char(byte(s, start - 1))) --start;
    while (start < i && s[start] == '.') ++start;
    std::size_t const end = domain_end(s, i + 1);
    if (start < i && end != npos) {
      r.replace(start, end, kEmailMark);
      ++count;
      i = end;
    } else {
      ++i;
    }
  }
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

// ---------------------------------------------------------------------------------------------
// Accounts named as such: a QQ number after "QQ" (5–11 digits), a WeChat ID after 微信号, 微信,
// WeChat, weixin, vx or wx (a letter and 5–19 letters, digits, '_' or '-'), and any wxid_….

bool ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool starts_with_nocase(std::string_view s, std::size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(byte(s, i + k)) != static_cast<unsigned char>(word[k])) return false;
  }
  return true;
}

// After a keyword: 号, 码, 号码, ID, 群 and spaces, ':', '=' or '-'; the position after them, and
// whether anything was skipped (a keyword glued to letters, as in "wxapp", names no account).
std::size_t skip_account_label(std::string_view s, std::size_t j, bool& skipped) {
  static constexpr std::array<std::string_view, 4> kWords = {"号码", "号", "群", "码"};
  skipped = false;
  for (bool more = true; more;) {
    more = false;
    for (std::string_view w : kWords) {
      if (s.substr(j, w.size()) == w) {
        j += w.size();
        more = skipped = true;
      }
    }
    if (starts_with_nocase(s, j, "id")) {
      j += 2;
      more = skipped = true;
    }
    while (j < s.size() && (s[j] == ' ' || s[j] == ':' || s[j] == '=' || s[j] == '-' || s[j] == '\t')) {
      ++j;
      more = skipped = true;
    }
  }
  return j;
}

bool id_char(unsigned char c) { return ascii_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

void find_accounts(std::string_view s, Rewriter& r, std::size_t& count) {
  static constexpr std::array<std::string_view, 6> kWeChat = {"微信", "wechat", "weixin", "vx", "wx", "v信"};
  std::size_t i = 0;
  while (i < s.size()) {
    bool const word_start = i == 0 || !ascii_letter(byte(s, i - 1));
    if (word_start && starts_with_nocase(s, i, "wxid_")) {
      std::size_t end = i + 5;
      while (end < s.size() && id_char(byte(s, end))) ++end;
      if (end > i + 5) {
        r.replace(i, end, kAccountMark);
        ++count;
        i = end;
        continue;
      }
    }
    if (word_start && starts_with_nocase(s, i, "qq")) {
      bool skipped = false;
      std::size_t const from = skip_account_label(s, i + 2, skipped);
      std::size_t end = from, length = 0;
      while (digit_at(s, end, length) >= 0) end += length;
      std::size_t const digits = end - from;
      if (digits >= 5 && digits <= 11 && s[from] != '0' && (skipped || from == i + 2)) {
        r.replace(from, end, kAccountMark);
        ++count;
        i = end;
        continue;
      }
    }
    bool matched = false;
    for (std::string_view w : kWeChat) {
      bool const ascii = ascii_letter(static_cast<unsigned char>(w[0]));
      if ((ascii && !word_start) || !starts_with_nocase(s, i, w)) continue;
      bool skipped = false;
      std::size_t const from = skip_account_label(s, i + w.size(), skipped);
      if (!skipped || from >= s.size() || !ascii_letter(byte(s, from))) continue;
      std::size_t end = from;
      while (end < s.size() && id_char(byte(s, end))) ++end;
      if (end - from >= 6 && end - from <= 20) {
        r.replace(from, end, kAccountMark);
        ++count;
        i = end;
        matched = true;
        break;
      }
    }
    if (!matched) i += cp_length(s, i);
  }
}

// ---------------------------------------------------------------------------------------------
// Street addresses with a house number: a road name (路, 街, 道, 巷, 弄, 胡同, 大道) and a number
// with 号, with what follows it (栋, 幢, 单元, 楼, 层, 室). The road name reaches back over up to
// ten Chinese characters, but not past a district, city or province (区, 县, 市, 省, 镇, 乡, 村).

bool number_char_at(std::string_view s, std::size_t i, std::size_t& length) {
  static constexpr std::array<std::string_view, 12> kNumerals = {"一", "二", "三", "四", "五", "六",
                                                                 "七", "八", "九", "十", "百", "零"};
  if (digit_at(s, i, length) >= 0) return true;
  if (i < s.size() && s[i] == '-') return length = 1, true;
  for (std::string_view n : kNumerals) {
    if (s.substr(i, n.size()) == n) return length = n.size(), true;
  }
  return false;
}

// The end of "<number>号[…]" at i, or npos.
std::size_t house_number_end(std::string_view s, std::size_t i) {
  static constexpr std::array<std::string_view, 7> kUnits = {"号楼", "栋", "幢", "单元", "楼", "层", "室"};
  std::size_t j = i, length = 0, numbers = 0;
  while (numbers < 8 && number_char_at(s, j, length)) {
    j += length;
    ++numbers;
  }
  if (numbers == 0 || s.substr(j, 3) != "号") return npos;
  j += 3;
  for (int part = 0; part < 4; ++part) {  // 3栋2单元501室
    std::size_t k = j, n = 0;
    while (n < 6 && number_char_at(s, k, length)) {
      k += length;
      ++n;
    }
    bool unit = false;
    for (std::string_view u : kUnits) {
      if (n > 0 && s.substr(k, u.size()) == u) {
        j = k + u.size();
        unit = true;
        break;
      }
    }
    if (!unit) break;
  }
  return j;
}

void find_addresses(std::string_view s, Rewriter& r, std::size_t& count) {
  static constexpr std::array<std::string_view, 7> kRoads = {"大道", "胡同", "路", "街", "道", "巷", "弄"};
  static constexpr std::array<std::string_view, 9> kAreas = {"区", "县", "市", "省", "镇", "乡", "村", "州", "旗"};
  std::size_t i = 0;
  while (i < s.size()) {
    std::string_view road;
    for (std::string_view w : kRoads) {
      if (s.substr(i, w.size()) == w) {
        road = w;
        break;
      }
    }
    std::size_t const end = road.empty() ? npos : house_number_end(s, i + road.size());
    if (end == npos) {
      i += cp_length(s, i);
      continue;
    }
    std::size_t start = i;
    for (int k = 0; k < 10 && start >= r.copied + 3 && ideograph_at(s, start - 3); ++k) {
      std::string_view const before = s.substr(start - 3, 3);
      if (std::find(kAreas.begin(), kAreas.end(), before) != kAreas.end()) break;
      start -= 3;
    }
    if (start == i) {  // no road name: "第3号" alone is no address
      i += cp_length(s, i);
      continue;
    }
    r.replace(start, end, kAddressMark);
    ++count;
    i = end;
  }
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

// A keyword find_accounts looks for without digits: 微信, WeChat, weixin, vx, wx (any case,
// full-width too, as find_accounts sees them).
bool might_name_an_account(std::string_view text) {
  std::string folded = fold(text).text;
  std::transform(folded.begin(), folded.end(), folded.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  for (std::string_view w : {"微信", "wechat", "weixin", "vx", "wx", "v信"}) {
    if (folded.find(w) != npos) return true;
  }
  return false;
}

bool has_at_sign(std::string_view text) { return text.find('@') != npos || text.find("\xEF\xBC\xA0") != npos; }

// Cheap test before the passes: '@' or ＠, a digit, 号 (a house number in Chinese numerals), or
// a keyword of an account.
bool might_hold_personal_data(std::string_view text) {
  return has_at_sign(text) || has_digit(text) || text.find("号") != npos || might_name_an_account(text);
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
  // Each pass folds the text again, so a pass runs only where its cheap test says it may find
  // something. E-mail first: a number used as the local part ("13812345678@qq.com") is one address.
  if (has_at_sign(result)) result = pass(result, found.emails, find_emails);
  // Accounts before numbers: "QQ 123456789" is an account, not a digit run (a QQ number has digits).
  if (has_digit(result) || might_name_an_account(result)) result = pass(result, found.accounts, find_accounts);
  if (has_digit(result)) {
    // ID numbers before phones: both are digit runs, and an ID is the longer, stricter match.
    result = pass(result, found.id_numbers, find_id_numbers);
    result = pass(result, found.phones, find_phones);
  }
  if (result.find("号") != npos) result = pass(result, found.addresses, find_addresses);
  if (counts) *counts += found;
  return result;
}

}  // namespace mpadvisor::casebase
