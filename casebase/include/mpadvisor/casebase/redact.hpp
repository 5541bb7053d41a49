// Personal data never enters the case base: PRC resident ID numbers, mainland mobile numbers and
// e-mail addresses are replaced by a mark wherever they appear in text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mpadvisor::casebase {

inline constexpr std::string_view kIdMark = "[ID]";
inline constexpr std::string_view kPhoneMark = "[PHONE]";
inline constexpr std::string_view kEmailMark = "[EMAIL]";
inline constexpr std::string_view kAccountMark = "[ACCOUNT]";  // a QQ number or WeChat ID
inline constexpr std::string_view kAddressMark = "[ADDRESS]";  // a street address with a house number

struct RedactionCounts {
  std::size_t id_numbers = 0;
  std::size_t phones = 0;
  std::size_t emails = 0;
  std::size_t accounts = 0;
  std::size_t addresses = 0;

  std::size_t total() const noexcept { return id_numbers + phones + emails + accounts + addresses; }
  RedactionCounts& operator+=(const RedactionCounts& other) noexcept {
    id_numbers += other.id_numbers;
    phones += other.phones;
    emails += other.emails;
    accounts += other.accounts;
    addresses += other.addresses;
    return *this;
  }
};

// Replaces, in UTF-8 text, after folding full-width forms (ｚｈａｏ＠ｅｘａｍｐｌｅ．ｃｏｍ, １３８…):
//  - resident ID numbers: 18 characters (17 digits and a digit or X) whose ISO 7064 MOD 11-2
//    check character is right, also written in groups ("430102 19900101 123X"); and 15-digit
//    first-generation IDs with a province code and a birth date → [ID];
//  - mainland mobile numbers, 11 digits starting 13–19, optionally after +86 or 86, with spaces,
//    dashes or dots between digits; landlines with an area code ("0755-12345678") → [PHONE];
//  - e-mail addresses, also with a Chinese domain (例子.中国) → [EMAIL];
//  - QQ numbers after "QQ", WeChat IDs after 微信号/微信/WeChat/vx/wx, and wxid_… → [ACCOUNT];
//  - street addresses with a house number (…路123号, …街8号3栋501室) → [ADDRESS].
// A number counts only when no other digit touches it; Chinese characters next to it do not
// hide it. Counts are added to `counts`. docs/cases.md lists every form.
std::string redact(std::string_view text, RedactionCounts* counts = nullptr);

// The same, in place: `text` is left untouched (no copy) when it holds nothing to redact.
// Returns whether anything was replaced.
bool redact_in_place(std::string& text, RedactionCounts* counts = nullptr);

// True when `id` is 17 ASCII digits and a check character (digit, X or x) that matches them.
bool is_valid_resident_id(std::string_view id) noexcept;

}  // namespace mpadvisor::casebase
