// The Beijing clock: one reader of dates for the whole project, so every invalid date is
// refused the same way (30 February is never read as 2 March).
#include "mpadvisor/base/clock.hpp"

#include <gtest/gtest.h>

namespace mpadvisor::base {
namespace {

using namespace std::chrono;

TEST(Clock, ZonesAreConvertedToBeijingTime) {
  EXPECT_EQ(parse_time("2026-11-27T10:00:00").seconds, parse_time("2026-11-27T02:00:00Z").seconds);
  EXPECT_EQ(parse_time("2026-11-27T10:00:00+08:00").seconds, parse_time("2026-11-27T10:00").seconds);
  EXPECT_EQ(parse_time("2026-11-27T10:00:00+0800").seconds, parse_time("2026-11-27 10:00").seconds);
  EXPECT_EQ(parse_time("2026-11-27T03:00:00-07").seconds, parse_time("2026-11-27T18:00").seconds);
  EXPECT_EQ(parse_time("2026-11-27T10:00:00.750").seconds, parse_time("2026-11-27T10:00").seconds);
}

TEST(Clock, FormatsRoundTrip) {
  EXPECT_EQ(format_datetime(parse_time("2026-02-28T23:59:59").seconds), "2026-02-28T23:59:59");
  EXPECT_EQ(format_date(parse_time("2028-02-29").seconds), "2028-02-29");
  EXPECT_EQ(format_date(parse_time("1969-12-31T23:00").seconds), "1969-12-31");
  EXPECT_FALSE(parse_time("2026-11-27").has_time);
  EXPECT_TRUE(parse_time("2026-11-27T00:00").has_time);
}

TEST(Clock, ImpossibleDatesAreRefusedWithTheReason) {
  EXPECT_EQ(parse_time("2026-02-30").error.en, "'2026-02-30' is not a date: February 2026 has 28 days");
  EXPECT_EQ(parse_time("2026-02-29T10:00").error.en, "'2026-02-29T10:00' is not a date: February 2026 has 28 days");
  EXPECT_TRUE(parse_time("2028-02-29").ok());
  EXPECT_EQ(parse_time("2026-13-01").error.en, "'2026-13-01' is not a date: month 13 does not exist");
  EXPECT_EQ(parse_time("2026-11-00").error.en, "'2026-11-00' is not a date: day 0 does not exist");
  EXPECT_EQ(parse_time("2026-04-31").error.en, "'2026-04-31' is not a date: April 2026 has 30 days");
}

TEST(Clock, TheReasonIsWordedInChineseToo) {
  EXPECT_EQ(parse_time("2026-02-30").error.zh, "“2026-02-30”不是有效日期：2026 年 2 月只有 28 天");
  EXPECT_EQ(parse_time("2026-13-01").error.zh, "“2026-13-01”不是有效日期：没有 13 月");
  EXPECT_EQ(parse_time("2026/11/27").error.zh,
            "“2026/11/27”不是日期（请写成 YYYY-MM-DD，或 YYYY-MM-DDTHH:MM[:SS]，可加 Z 或 ±HH:MM）");
  EXPECT_EQ(parse_time("2026-11-27T24:00").error.zh, "“2026-11-27T24:00”不是有效时刻：小时为 00–23，分钟和秒为 00–59");
  EXPECT_TRUE(parse_time("2026-11-27").error.zh.empty());
}

TEST(Clock, MalformedTextIsRefused) {
  for (const char* bad : {"", "2026", "2026-1-1", "26-11-27", "2026/11/27", "2026-11-27T", "2026-11-27T10",
                          "2026-11-27T10:00:", "2026-11-27T10:00:00.", "2026-11-27T10:00x", "2026-11-27X10:00"}) {
    ParsedTime const t = parse_time(bad);
    EXPECT_FALSE(t.ok()) << bad;
    EXPECT_NE(t.error.en.find("is not a date (write YYYY-MM-DD"), std::string::npos) << t.error.en;
  }
  EXPECT_EQ(parse_time("2026-11-27T24:00").error.en,
            "'2026-11-27T24:00' is not a time of day: hours run 00–23, minutes and seconds 00–59");
  EXPECT_EQ(parse_time("2026-11-27T10:00+15:00").error.en,
            "'2026-11-27T10:00+15:00' is not a date-time: its zone must be Z or an offset from -14:00 to +14:00");
  EXPECT_FALSE(parse_time("2026-11-27T10:00+08:0").ok());
}

TEST(Clock, DaysBetweenCountsCalendarDays) {
  EXPECT_EQ(days_between(year{2026} / 2 / 28, year{2026} / 3 / 1), 1);
  EXPECT_EQ(days_between(year{2028} / 2 / 28, year{2028} / 3 / 1), 2);
  EXPECT_EQ(days_between(year{2026} / 11 / 27, year{2026} / 5 / 31), -180);
  EXPECT_EQ(date_of(midnight(year{2026} / 11 / 27) + 86399), Date{year{2026} / 11 / 27});
}

TEST(Clock, NowIsOnTheBeijingClock) {
  // Eight hours ahead of UTC, whatever the machine's zone.
  auto const utc = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  EXPECT_NEAR(static_cast<double>(beijing_now() - utc), 8 * 3600.0, 5.0);
}

}  // namespace
}  // namespace mpadvisor::base
