#include "mpadvisor/base/clock.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace mpadvisor::base {

namespace {

using namespace std::chrono;

constexpr WallSeconds kBeijingOffset = 8LL * 3600;
constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

// Reads exactly `count` ASCII digits at `pos`; false if they are not all there.
bool digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  for (std::size_t k = pos; k < pos + count; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
  }
  std::from_chars(s.data() + pos, s.data() + pos + count, out);
  return true;
}

std::string quoted(std::string_view s) {
  constexpr std::size_t kShown = 40;  // a wrong field may hold a whole paragraph
  std::string out(s.substr(0, kShown));
  if (s.size() > kShown) out += "…";
  return out;
}

// `why` completes "… is not": "a date (…)" / "不是日期（…）".
ParsedTime failure(std::string_view text, const Wording& why) {
  std::string const shown = quoted(text);
  ParsedTime p;
  p.error = {fmt::format("'{}' is not {}", shown, why.en), fmt::format("“{}”不是{}", shown, why.zh)};
  return p;
}

const Wording kExpected = {"a date (write YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM)",
                           "日期（请写成 YYYY-MM-DD，或 YYYY-MM-DDTHH:MM[:SS]，可加 Z 或 ±HH:MM）"};

// Reads a zone written after the time: Z, ±HH:MM, ±HHMM or ±HH. Returns false if malformed.
bool read_zone(std::string_view s, std::size_t& pos, WallSeconds& offset) {
  if (s[pos] == 'Z') {
    offset = 0;
    ++pos;
    return true;
  }
  int const sign = s[pos] == '-' ? -1 : 1;
  int hours = 0, minutes = 0;
  if (!digits(s, pos + 1, 2, hours)) return false;
  pos += 3;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!digits(s, pos, 2, minutes)) return false;
    pos += 2;
  }
  if (hours > 14 || minutes > 59) return false;
  offset = sign * (hours * 3600LL + minutes * 60LL);
  return true;
}

}  // namespace

Wording invalid_date_reason(int year, unsigned month, unsigned day) {
  if (month < 1 || month > 12) return word("month {0} does not exist", "没有 {0} 月", month);
  if (day < 1) return {"day 0 does not exist", "没有 0 日"};
  auto const last =
      static_cast<unsigned>((std::chrono::year{year} / std::chrono::month{month} / std::chrono::last).day());
  if (day > last) {
    return word("{0} {1} has {2} days", "{1} 年 {3} 月只有 {2} 天", kMonthNames[month - 1], year, last, month);
  }
  return {};
}

ParsedTime parse_time(std::string_view s) {
  int y = 0, mo = 0, d = 0;
  if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d)) {
    return failure(s, kExpected);
  }
  if (Wording why = invalid_date_reason(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)); !why.en.empty()) {
    return failure(s, why.prefixed("a date: ", "有效日期："));
  }
  ParsedTime out;
  int h = 0, mi = 0, sec = 0;
  WallSeconds offset = kBeijingOffset;  // no zone written: Beijing time, the process's clock
  std::size_t pos = 10;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return failure(s, kExpected);
    if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, mi)) {
      return failure(s, kExpected);
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return failure(s, kExpected);
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        std::size_t const first = ++pos;  // a fraction of a second: read, then dropped
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == first) return failure(s, kExpected);
      }
    }
    if (h > 23 || mi > 59 || sec > 60)
      return failure(
          s, {"a time of day: hours run 00–23, minutes and seconds 00–59", "有效时刻：小时为 00–23，分钟和秒为 00–59"});
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == '+' || s[pos] == '-')) {
      if (!read_zone(s, pos, offset))
        return failure(s, {"a date-time: its zone must be Z or an offset from -14:00 to +14:00",
                           "有效日期时间：时区须为 Z 或 -14:00 至 +14:00 的偏移"});
    }
    if (pos != s.size()) return failure(s, kExpected);
    out.has_time = true;
  }
  Date const date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  WallSeconds const local = midnight(date) + h * 3600LL + mi * 60LL + sec;
  out.seconds = local - offset + kBeijingOffset;
  return out;
}

Date date_of(WallSeconds t) { return Date{floor<days>(sys_seconds{seconds{t}})}; }

WallSeconds midnight(Date d) { return sys_seconds{sys_days{d}}.time_since_epoch().count(); }

std::string format_date(WallSeconds t) {
  Date const d = date_of(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::string format_datetime(WallSeconds t) {
  WallSeconds const rest = t - midnight(date_of(t));
  char buf[48];
  std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return format_date(t) + buf;
}

long days_between(Date from, Date to) { return static_cast<long>((sys_days{to} - sys_days{from}).count()); }

WallSeconds beijing_now() { return static_cast<WallSeconds>(std::time(nullptr)) + kBeijingOffset; }

Date beijing_today() { return date_of(beijing_now()); }

}  // namespace mpadvisor::base
