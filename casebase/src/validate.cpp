#include "validate.hpp"

#include <optional>
#include <string>

#include "mpadvisor/casebase/case.hpp"

namespace mpadvisor::casebase {

std::string_view to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::approved:
      return "approved";
    case Outcome::rejected:
      return "rejected";
    case Outcome::unknown:
      break;
  }
  return "unknown";
}

std::optional<Outcome> parse_outcome(std::string_view text) noexcept {
  if (text == "approved") return Outcome::approved;
  if (text == "rejected") return Outcome::rejected;
  if (text == "unknown") return Outcome::unknown;
  return std::nullopt;
}

namespace validate {
namespace {

// Reads `count` ASCII digits at pos as a number; -1 if they are not all digits.
int number(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return -1;
  int value = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const char c = s[pos + k];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// True when s[pos..] is exactly an offset hh:mm or hhmm.
bool offset(std::string_view s, std::size_t pos) {
  const int hours = number(s, pos, 2);
  if (hours < 0 || hours > 14) return false;
  pos += 2;
  if (pos < s.size() && s[pos] == ':') ++pos;
  const int minutes = number(s, pos, 2);
  return minutes >= 0 && minutes < 60 && pos + 2 == s.size();
}

}  // namespace

bool is_iso8601(std::string_view s) noexcept {
  const int year = number(s, 0, 4), month = number(s, 5, 2), day = number(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (day > days_in_month(year, month)) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T') return false;
  const int hour = number(s, 11, 2), minute = number(s, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || s.size() < 16 || s[13] != ':') return false;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    const int second = number(s, pos + 1, 2);
    if (second < 0 || second > 60) return false;  // 60: a leap second
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      const std::size_t digits_start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == digits_start) return false;
    }
  }
  if (pos == s.size()) return true;
  if (s[pos] == 'Z') return pos + 1 == s.size();
  if (s[pos] == '+' || s[pos] == '-') return offset(s, pos + 1);
  return false;
}

bool is_identifier(std::string_view s) noexcept {
  if (s.empty() || s.size() > 200) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(s.front())) return false;
  for (char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != ':') return false;
  return true;
}

}  // namespace validate
}  // namespace mpadvisor::casebase
