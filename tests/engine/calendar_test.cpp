// Working days skip weekends and the KB's public holidays, count make-up working days, and
// past the table's end fall back to weekends only.
#include "mpadvisor/engine/calendar.hpp"

#include <gtest/gtest.h>

#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

std::int64_t at(const char* text) { return base::parse_time(text).seconds; }
std::string when(std::int64_t t) { return base::format_datetime(t); }

const char* const kCalendar = R"(
goal s
step s { title zh "步" en "Step" }
calendar holidays {
  title zh "假期" en "Holidays"
  covers 2026-01-01..2026-12-31
  workday 2026-09-20 zh "调休" en "Working Sunday"
  holiday 2026-10-01..2026-10-07 zh "国庆节" en "National Day"
  workday 2026-10-10 zh "调休" en "Working Saturday"
  source "https://example.org/holidays" checked 2026-12-01 certainty official
}
)";

TEST(Calendar, CalendarTimeIgnoresWeekendsAndHolidays) {
  auto m = testing::model_from(kCalendar);
  ASSERT_TRUE(m);
  EXPECT_EQ(when(add_time(m->calendar(), at("2026-09-30T10:00"), {2, TimeUnit::day})), "2026-10-02T10:00:00");
  EXPECT_EQ(when(add_time(m->calendar(), at("2026-09-30T10:00"), {90, TimeUnit::minute})), "2026-09-30T11:30:00");
  EXPECT_EQ(when(add_time(m->calendar(), at("2026-09-30T10:00"), {24, TimeUnit::hour})), "2026-10-01T10:00:00");
}

TEST(Calendar, WorkingDaysSkipWeekendsOnly) {
  // Friday 2026-11-27 + 1 working day is Monday; + 5 is the next Friday.
  EXPECT_EQ(when(add_time(nullptr, at("2026-11-27T10:00"), {1, TimeUnit::working_day})), "2026-11-30T10:00:00");
  EXPECT_EQ(when(add_time(nullptr, at("2026-11-27T10:00"), {5, TimeUnit::working_day})), "2026-12-04T10:00:00");
  // A fraction of a working day takes the day.
  EXPECT_EQ(when(add_time(nullptr, at("2026-11-27T10:00"), {0.5, TimeUnit::working_day})), "2026-11-30T10:00:00");
  EXPECT_EQ(when(add_time(nullptr, at("2026-11-27T10:00"), {0, TimeUnit::working_day})), "2026-11-27T10:00:00");
}

TEST(Calendar, HolidaysAreSkippedAndMakeUpDaysCounted) {
  auto m = testing::model_from(kCalendar);
  ASSERT_TRUE(m);
  const HolidayCalendar* cal = m->calendar();
  ASSERT_NE(cal, nullptr);
  EXPECT_FALSE(cal->working_day(day_number(at("2026-10-05"))));  // a Monday in the holiday
  EXPECT_TRUE(cal->working_day(day_number(at("2026-10-10"))));   // a Saturday worked instead
  EXPECT_TRUE(cal->working_day(day_number(at("2026-09-20"))));   // a Sunday worked instead
  // Wednesday 30 September + 1 working day: 1–7 October are off, Thursday 8 is the next.
  EXPECT_EQ(when(add_time(cal, at("2026-09-30T10:00"), {1, TimeUnit::working_day})), "2026-10-08T10:00:00");
  // + 3: 8 (Thu), 9 (Fri), 10 (the working Saturday).
  EXPECT_EQ(when(add_time(cal, at("2026-09-30T10:00"), {3, TimeUnit::working_day})), "2026-10-10T10:00:00");
  // Without the table the same days are ordinary weekdays.
  EXPECT_EQ(when(add_time(nullptr, at("2026-09-30T10:00"), {1, TimeUnit::working_day})), "2026-10-01T10:00:00");
}

TEST(Calendar, PastTheTableOnlyWeekendsCount) {
  auto m = testing::model_from(kCalendar);
  ASSERT_TRUE(m);
  // 2027-01-01 is a Friday; the table ends on 2026-12-31, so it counts as a working day.
  EXPECT_EQ(when(add_time(m->calendar(), at("2026-12-31T10:00"), {1, TimeUnit::working_day})), "2027-01-01T10:00:00");
  EXPECT_FALSE(m->calendar()->covers(day_number(at("2027-01-01"))));
}

}  // namespace
}  // namespace mpadvisor::engine
