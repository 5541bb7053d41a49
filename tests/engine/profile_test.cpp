// Profile validation: every error names the fact and what was expected.
#include <gtest/gtest.h>

#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const std::string kKb = R"(
goal s
fact entity : enum(personal, enterprise)
fact name : text { max_length 10 }
fact count : number { min 0 max 5 }
fact ok : bool
fact features : set(video, comments)
fact cats : list
fact expires : date
step s { title en "S" }
)";

std::string error_of(const std::string& json) {
  auto m = testing::model_from(kKb);
  try {
    testing::profile_from(*m, json);
  } catch (const ProfileError& e) {
    return e.what();
  }
  return "";
}

TEST(Profile, UnknownFactNameGetsADidYouMean) {
  EXPECT_EQ(error_of(R"({"entiti": "personal"})"), "unknown fact 'entiti'; did you mean 'entity'?");
}
TEST(Profile, WrongType) { EXPECT_EQ(error_of(R"({"ok": "yes"})"), "fact 'ok' expects true or false, got a string"); }
TEST(Profile, UndeclaredEnumValue) {
  EXPECT_EQ(error_of(R"({"entity": "company"})"),
            "fact 'entity' has no value 'company' (expected one of personal, enterprise)");
}
TEST(Profile, UndeclaredSetValue) {
  EXPECT_NE(error_of(R"({"features": ["forum"]})").find("has no value 'forum'"), std::string::npos);
}
TEST(Profile, NumberBounds) { EXPECT_EQ(error_of(R"({"count": 9})"), "fact 'count' must be at most 5"); }
TEST(Profile, TextLength) {
  EXPECT_NE(error_of(R"({"name": "一二三四五六七八九十十一"})").find("longer than 10"), std::string::npos);
}
TEST(Profile, BadDate) {
  EXPECT_EQ(error_of(R"({"expires": "next year"})"), "fact 'expires' expects a date (YYYY-MM-DD), got 'next year'");
}
TEST(Profile, NotJson) { EXPECT_NE(error_of("{nope").find("not valid JSON"), std::string::npos); }
TEST(Profile, NotAnObject) { EXPECT_NE(error_of("[1]").find("JSON object"), std::string::npos); }
TEST(Profile, UnknownDoneStep) {
  EXPECT_NE(error_of(R"({"done": ["t"]})").find("unknown step 't'"), std::string::npos);
}

TEST(Profile, MissingFactsAreUnknownAndCommentsIgnored) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"_description": "a story", "ok": true, "cats": ["a"], "name": null})");
  EXPECT_TRUE(p.facts[*m->find_fact("ok")].known);
  EXPECT_FALSE(p.facts[*m->find_fact("entity")].known);
  EXPECT_FALSE(p.facts[*m->find_fact("name")].known);
}

TEST(Profile, TimesAreReadOnTheBeijingClock) {
  EXPECT_EQ(*parse_time("2026-11-27T10:00:00"), *parse_time("2026-11-27T02:00:00Z"));
  EXPECT_EQ(*parse_time("2026-11-27T10:00:00+08:00"), *parse_time("2026-11-27T10:00"));
  EXPECT_EQ(format_time(*parse_time("2026-02-28T23:59:59"), true), "2026-02-28T23:59:59");
  EXPECT_FALSE(parse_time("2026-13-01").has_value());
  EXPECT_FALSE(parse_time("2026-11-27T25:00").has_value());
}

}  // namespace
}  // namespace mpadvisor::engine
