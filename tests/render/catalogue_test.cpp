// The message catalogue: both languages of every message, the same fields in each, and no
// English status word in the Chinese texts.
#include "mpadvisor/render/catalogue.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace mpadvisor::render {
namespace {

std::multiset<std::string> fields(std::string_view text) {
  static const std::regex field(R"(\{\d*(:[^}]*)?\})");
  std::multiset<std::string> out;
  std::string const s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), field); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

TEST(Catalogue, EveryMessageHasBothLanguagesWithTheSameFields) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < static_cast<std::size_t>(Msg::count_); ++i) {
    auto const id = static_cast<Msg>(i);
    EXPECT_TRUE(names.insert(name_of(id)).second) << name_of(id);
    EXPECT_FALSE(text(Lang::en, id).empty()) << name_of(id);
    EXPECT_FALSE(text(Lang::zh, id).empty()) << name_of(id);
    EXPECT_EQ(fields(text(Lang::en, id)), fields(text(Lang::zh, id))) << name_of(id);
    EXPECT_NO_THROW(say(Lang::zh, id, 1, 2, 3, 4, 5, 6)) << name_of(id);
  }
}

// The words the engine and the JSON use for statuses must never reach Chinese text.
TEST(Catalogue, ChineseTextsHaveNoEnglishStatusWords) {
  static const std::regex english(
      R"(\b(blocked|needs_info|clear|ready|pending|waiting|undetermined|done|true|false|unknown|approved|rejected|error|warning|note|low|medium|high|official)\b)",
      std::regex::icase);
  for (std::size_t i = 0; i < static_cast<std::size_t>(Msg::count_); ++i) {
    auto const id = static_cast<Msg>(i);
    std::string const zh(text(Lang::zh, id));
    EXPECT_FALSE(std::regex_search(zh, english)) << name_of(id) << ": " << zh;
  }
}

TEST(Catalogue, EnumerationsHaveWords) {
  EXPECT_EQ(text(Lang::zh, message_of(engine::Verdict::needs_info)), "需要补充信息");
  EXPECT_EQ(text(Lang::en, message_of(engine::StepStatus::undetermined)), "undetermined");
  EXPECT_EQ(text(Lang::zh, message_of(engine::Truth::unknown)), "未知");
  EXPECT_EQ(text(Lang::zh, message_of(engine::Certainty::applicant)), "申请者亲历");
  EXPECT_EQ(say(Lang::en, Msg::summary_blocked_many, "Release (release)", 2),
            ": 2 root blockers on the way to Release (release)");
}

}  // namespace
}  // namespace mpadvisor::render
