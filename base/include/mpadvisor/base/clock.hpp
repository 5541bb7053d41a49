// Dates and times on the Beijing wall clock.
//
// The process mpadvisor models runs on Beijing time (UTC+8, no daylight saving): review
// hours, the 24-hour window of the MIIT SMS, the dates on rejection notices. Every time in
// the project is therefore a count of seconds on that wall clock since 1970-01-01T00:00,
// counted as if the wall clock were UTC. Such a count compares, subtracts and formats the
// same on every machine, whatever its time zone.
//
// This is the one place that reads and writes dates: the profile reader, the case base,
// replay and the command line all use it, so a date is valid or invalid the same way
// everywhere, with the same message.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::base {

using Date = std::chrono::year_month_day;

// Seconds on the Beijing wall clock since 1970-01-01T00:00.
using WallSeconds = std::int64_t;

// The result of reading a date or date-time: the moment, or why the text is not one.
struct ParsedTime {
  WallSeconds seconds = 0;
  bool has_time = false;  // a time of day was written (otherwise midnight)
  Wording error;          // empty when the text is valid; otherwise a sentence naming the text
  bool ok() const { return error.en.empty(); }
};

// Reads `2026-11-27`, `2026-11-27T10:00`, `2026-11-27T10:00:00` (a space may stand for the
// `T`; seconds may have a fraction, `.250`), optionally followed by `Z` or an offset
// (`+08:00`, `+0800`, `+08`). A time without a zone is Beijing time; one with a zone is
// converted to it. Dates that do not exist (30 February, day 0, month 13) are errors.
ParsedTime parse_time(std::string_view text);

// "2026-11-27" and "2026-11-27T10:00:00".
std::string format_date(WallSeconds t);
std::string format_datetime(WallSeconds t);

// The calendar date a moment falls on, and the midnight that starts a date.
Date date_of(WallSeconds t);
WallSeconds midnight(Date d);

// Whole days from one date to another (negative when `to` is earlier).
long days_between(Date from, Date to);

// Why a year, month and day do not make a date; empty when they do ("February 2026 has 28 days").
Wording invalid_date_reason(int year, unsigned month, unsigned day);

// The current moment and date on the Beijing wall clock.
WallSeconds beijing_now();
Date beijing_today();

}  // namespace mpadvisor::base
