#include "mpadvisor/base/wording.hpp"

#include <gtest/gtest.h>

namespace mpadvisor::base {
namespace {

TEST(Wording, BothLanguagesFromOneSetOfValues) {
  Wording const w = word("fact '{0}' must be at most {1}", "字段“{0}”不能大于 {1}", std::string("filed_count"), 50);
  EXPECT_EQ(w.en, "fact 'filed_count' must be at most 50");
  EXPECT_EQ(w.zh, "字段“filed_count”不能大于 50");
  EXPECT_EQ(w.in(Lang::zh), w.zh);
  EXPECT_EQ(w.in(Lang::en), w.en);
  // A language may leave a value out, or take them in another order.
  Wording const reordered = word("{0} {1}", "{1}{0}", 1, std::string("个"));
  EXPECT_EQ(reordered.zh, "个1");
}

TEST(Wording, PrefixesAndTheClosestName) {
  Wording const w = word("unknown fact '{0}'", "没有字段“{0}”", std::string("entitty"));
  EXPECT_EQ(with_closest(w, "entity").en, "unknown fact 'entitty'; did you mean 'entity'?");
  EXPECT_EQ(with_closest(w, "entity").zh, "没有字段“entitty”；是不是“entity”？");
  EXPECT_EQ(with_closest(w, std::nullopt).zh, w.zh);
  EXPECT_EQ(w.prefixed("a.json: ", "a.json：").zh, "a.json：没有字段“entitty”");
}

TEST(Wording, AReasonFoundElsewhereIsPutInEachLanguageAsItsOwn) {
  Wording const reason = word("month {0} does not exist", "没有 {0} 月", 13);
  Wording const w = word("{0}:{1}: {2}", "{0}:{1}：{2}", std::string("cases.jsonl"), 4, reason);
  EXPECT_EQ(w.en, "cases.jsonl:4: month 13 does not exist");
  EXPECT_EQ(w.zh, "cases.jsonl:4：没有 13 月");
}

TEST(Wording, AnErrorKeepsBothAndSaysEnglishToCodeThatKnowsNoLanguage) {
  try {
    throw UserError({"the line is not JSON", "这一行不是 JSON"});
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(), "the line is not JSON");
    const auto& user = dynamic_cast<const UserError&>(e);
    EXPECT_EQ(user.message(Lang::zh), "这一行不是 JSON");
    EXPECT_EQ(user.wording().en, "the line is not JSON");
  }
  EXPECT_EQ(english_only("disk I/O error").zh, "disk I/O error");
}

}  // namespace
}  // namespace mpadvisor::base
