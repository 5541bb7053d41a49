// Word-shaped personal data: e-mail addresses (Chinese domains too), QQ numbers and WeChat IDs
// after their keyword, and street addresses with a house number.
#include <algorithm>
#include <array>

#include "mpadvisor/casebase/redact.hpp"
#include "redact_scan.hpp"

namespace mpadvisor::casebase::redaction {
namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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

}  // namespace mpadvisor::casebase::redaction
