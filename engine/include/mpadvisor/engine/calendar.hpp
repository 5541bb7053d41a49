// Time arithmetic for plans: adding a duration to a moment on the Beijing wall clock, where
// working days skip weekends and the public holidays of the KB's calendar (and count the
// weekend days worked instead, 调休).
#pragma once

#include <cstdint>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::engine {

// Days since 1970-01-01 of the date a moment falls on.
std::int32_t day_number(base::WallSeconds t);

// `from` plus `amount`. Minutes, hours and days are calendar time. N working days end on the
// Nth working day after the date of `from`, at the same time of day (a fraction counts as a
// whole day: a review that may take half a day may take the day). Without a calendar, or past
// the days it covers, only weekends are skipped.
base::WallSeconds add_time(const HolidayCalendar* calendar, base::WallSeconds from, TimeAmount amount);

// Whether a day is a working day (see HolidayCalendar::working_day); weekends only when
// `calendar` is null.
bool working_day(const HolidayCalendar* calendar, std::int32_t day);

}  // namespace mpadvisor::engine
