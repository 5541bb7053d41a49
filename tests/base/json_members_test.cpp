// An object's members as spans: what the span reader takes, what it gives, and every shape it
// refuses (so that the caller falls back to a full JSON parser and its message).
#include "mpadvisor/base/json_members.hpp"

#include <gtest/gtest.h>

namespace mpadvisor::base {
namespace {

TEST(JsonObjectMembers, GivesEachKeyAndValueText) {
  auto const members = json_object_members(
      " {\"id\": 7, \"profile\" : {\"a\": [1, \"]}\\\"\"], \"b\": {}},\n\"pro\\u0066ile\":\"x\", \"t\": null } ");
  ASSERT_TRUE(members);
  ASSERT_EQ(members->size(), 4u);
  EXPECT_EQ((*members)[0].key, "id");
  EXPECT_EQ((*members)[0].value, "7");
  EXPECT_EQ((*members)[1].key, "profile");
  EXPECT_EQ((*members)[1].value, "{\"a\": [1, \"]}\\\"\"], \"b\": {}}");
  EXPECT_FALSE((*members)[1].key_escaped);
  EXPECT_EQ((*members)[2].key, "pro\\u0066ile");
  EXPECT_TRUE((*members)[2].key_escaped);
  EXPECT_EQ((*members)[2].value, "\"x\"");
  EXPECT_EQ((*members)[3].value, "null");
  EXPECT_TRUE(json_object_members("{}")->empty());
}

TEST(JsonObjectMembers, RefusesWhatIsNotOneObject) {
  for (const char* bad : {"", "[]", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\": 1,}", "{\"a\": 1 \"b\": 2}",
                          "{\"a\": [1}", "{\"a\": {\"b\": 1]}", "{\"a\": \"x}", "{\"a\": \"x\n\"}", "{a: 1}",
                          "{\"a\": 1} {}", "{\"a\": 1}]", "{\"a\\\": 1}"}) {
    EXPECT_FALSE(json_object_members(bad)) << bad;
  }
}

}  // namespace
}  // namespace mpadvisor::base
