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

struct RedactionCounts {
  std::size_t id_numbers = 0;
  std::size_t phones = 0;
  std::size_t emails = 0;

  std::size_t total() const noexcept { return id_numbers + phones + emails; }
  RedactionCounts& operator+=(const RedactionCounts& other) noexcept {
    id_numbers += other.id_numbers;
    phones += other.phones;
    emails += other.emails;
    return *this;
  }
};

// Replaces, in UTF-8 text:
//  - 18-character resident ID numbers (17 digits and a digit or X) whose ISO 7064 MOD 11-2 check
//    character is right → [ID];
//  - mainland mobile numbers, 11 digits starting 13–19, optionally after +86 or 86, with spaces or
//    dashes between digits → [PHONE];
//  - e-mail addresses → [EMAIL].
// A number counts only when no other digit touches it; Chinese characters next to it do not
// hide it. Full-width digits (０–９) are recognised too. Counts are added to `counts`.
std::string redact(std::string_view text, RedactionCounts* counts = nullptr);

// The same, in place: `text` is left untouched (no copy) when it holds nothing to redact.
// Returns whether anything was replaced.
bool redact_in_place(std::string& text, RedactionCounts* counts = nullptr);

// True when `id` is 17 ASCII digits and a check character (digit, X or x) that matches them.
bool is_valid_resident_id(std::string_view id) noexcept;

}  // namespace mpadvisor::casebase
