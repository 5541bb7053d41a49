#include "mpadvisor/engine/calendar.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace mpadvisor::engine {
namespace {

bool weekend(std::int32_t day) {
  std::chrono::weekday const wd{std::chrono::sys_days{std::chrono::days{day}}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

const CalendarDay* HolidayCalendar::entry(std::int32_t day) const {
  // Entries are sorted by their first day and do not overlap in a sensible table; the last
  // entry starting on or before the day is the only one that can hold it.
  auto it =
      std::upper_bound(days.begin(), days.end(), day, [](std::int32_t d, const CalendarDay& e) { return d < e.first; });
  if (it == days.begin()) return nullptr;
  --it;
  return day <= it->last ? &*it : nullptr;
}

bool HolidayCalendar::working_day(std::int32_t day) const {
  if (const CalendarDay* e = entry(day)) return e->workday;
  return !weekend(day);
}

bool working_day(const HolidayCalendar* calendar, std::int32_t day) {
  return calendar ? calendar->working_day(day) : !weekend(day);
}

std::int32_t day_number(base::WallSeconds t) {
  return static_cast<std::int32_t>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

base::WallSeconds add_time(const HolidayCalendar* calendar, base::WallSeconds from, TimeAmount amount) {
  switch (amount.unit) {
    case TimeUnit::minute:
      return from + std::llround(amount.amount * 60);
    case TimeUnit::hour:
      return from + std::llround(amount.amount * 3600);
    case TimeUnit::day:
      return from + std::llround(amount.amount * 86400);
    case TimeUnit::working_day:
      break;
  }
  auto remaining = static_cast<std::int64_t>(std::ceil(amount.amount));
  base::WallSeconds t = from;
  std::int32_t day = day_number(from);
  while (remaining > 0) {
    ++day;
    t += 86400;
    if (working_day(calendar, day)) --remaining;
  }
  return t;
}

}  // namespace mpadvisor::engine
