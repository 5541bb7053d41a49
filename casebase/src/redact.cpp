// Redaction of personal data (see redact.hpp). Normalise first, then match: each pass folds the
// text's full-width forms (ｚｈａｏ＠ｅｘａｍｐｌｅ．ｃｏｍ, １３８…, the ideographic space) to
// ASCII in a copy that remembers where each byte came from, finds what to cut in the copy, and
// cuts the same spans out of the original, so the rest of the text is stored exactly as written.
// Matching works on UTF-8 bytes: ASCII digits, '@' and separators are single bytes that never
// occur inside a multi-byte sequence, so a number right after a Chinese character is found, and
// a match never splits a character. The passes: redact_numbers.cpp, redact_words.cpp.
#include "mpadvisor/casebase/redact.hpp"

#include <algorithm>

#include "redact_scan.hpp"

namespace mpadvisor::casebase {
namespace redaction {

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

}  // namespace redaction

using redaction::fold;
using redaction::has_digit;
using redaction::npos;
using redaction::pass;

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
  if (has_at_sign(result)) result = pass(result, found.emails, redaction::find_emails);
  // Accounts before numbers: "QQ 123456789" is an account, not a digit run (a QQ number has digits).
  if (has_digit(result) || might_name_an_account(result))
    result = pass(result, found.accounts, redaction::find_accounts);
  if (has_digit(result)) {
    // ID numbers before phones: both are digit runs, and an ID is the longer, stricter match.
    result = pass(result, found.id_numbers, redaction::find_id_numbers);
    result = pass(result, found.phones, redaction::find_phones);
  }
  if (result.find("号") != std::string::npos) result = pass(result, found.addresses, redaction::find_addresses);
  if (counts) *counts += found;
  return result;
}

}  // namespace mpadvisor::casebase
