// Message patterns decided from their literals (message_pattern.hpp) must agree with ICU:
// an exact plan gives ICU's answer on every normalised message, and a loose plan never rules
// out a message ICU matches. Checked on hand-picked patterns, on every shipped pattern, and on
// messages built at random from the patterns' own literals. (The plans' shapes are tested in
// tests/dsl/pattern_plan_test.cpp.)
#include "message_pattern.hpp"

#include <gtest/gtest.h>
#include <unicode/regex.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "compiled.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/normalize.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

bool icu_finds(const std::string& pattern, const std::string& normalized) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> regex(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
  EXPECT_TRUE(U_SUCCESS(status)) << pattern;
  if (U_FAILURE(status)) return false;
  icu::UnicodeString const text = icu::UnicodeString::fromUTF8(normalized);
  std::unique_ptr<icu::RegexMatcher> m(regex->matcher(text, status));
  return m->find(status);
}

// Patterns covering each construct the planner reads or relaxes.
const std::vector<std::string> kPatterns = {"名称.*(商业|经营)",
                                            "business.?licen[cs]e",
                                            "(包含|含有).{0,3}(小程序|微信)",
                                            "应急(联系)?(电话|方式)",
                                            "核验.*(超时)?.+",
                                            "a(b.*c|d)e",
                                            "^名称",
                                            "名称$",
                                            "名称[a-z]+审核",
                                            ".{2}名称",
                                            "名称.{3,}",
                                            "(商业)?",
                                            "x.y",
                                            "t\u0308",
                                            "(a|t)\u0308.*[ǰ]",
                                            "(ab|a)(c|bc)",
                                            "名称.*?审核",
                                            "名称.*+审核",
                                            "(名称){2}",
                                            "[^a]b",
                                            "Straße",
                                            "mini program",
                                            "(证件|身份证).{1,2}(不|无).?效",
                                            "(((a)))b?c",
                                            "a.{0,0}b",
                                            "",
                                            ".",
                                            "认证.*(已过期|已到期)|(年审|认证).*逾期"};

const std::vector<std::string> kMessages = {"小程序名称含有商业性质词汇",
                                            "名称涉及经营",
                                            "business licence required",
                                            "your business license",
                                            "businessxlicense",
                                            "包含微信",
                                            "包含一二三微信",
                                            "包含一二三四微信",
                                            "应急联系电话与手机号相同",
                                            "核验超时",
                                            "核验超时了",
                                            "核验",
                                            "abxyce ade abce",
                                            "名称x审核",
                                            "名称abc审核",
                                            "一二名称",
                                            "名称一二三",
                                            "名称名称",
                                            "ab c",
                                            "abc",
                                            "straße strasse",
                                            "ẗ ǰ",
                                            "mini program name",
                                            "身份证无效 证件不生效",
                                            "",
                                            "x",
                                            "认证已过期",
                                            "年审逾期"};

// Returns how many messages ICU matches, so that callers can check the test is not vacuous.
std::size_t expect_agrees(const std::string& pattern, const std::vector<std::string>& messages) {
  std::size_t matched = 0;
  LiteralTable table;
  LiteralPlan const plan = intern_plan(dsl::plan_pattern(pattern), table);
  TermMatcher const literals(table.texts(), /*word_boundaries=*/false);
  for (const std::string& message : messages) {
    std::string const normalized = normalize(message).text;
    bool const icu = icu_finds(pattern, normalized);
    bool const planned = LiteralHits(literals, normalized).matches(plan);
    matched += icu;
    if (plan.exact) {
      EXPECT_EQ(planned, icu) << "pattern " << pattern << " on " << normalized;
    } else if (icu) {
      EXPECT_TRUE(planned) << "loose pattern " << pattern << " ruled out " << normalized;
    }
  }
  return matched;
}

TEST(MessagePattern, AgreesWithIcuOnHandPickedMessages) {
  std::size_t matched = 0;
  for (const std::string& pattern : kPatterns) matched += expect_agrees(pattern, kMessages);
  EXPECT_GT(matched, 60u);
}

std::vector<std::string> shipped_patterns() {
  std::shared_ptr<const Model> const model = testing::model_at(testing::source_dir() / "kb");
  std::vector<std::string> out;
  for (const CauseInfo& c : model->causes()) out.insert(out.end(), c.patterns.begin(), c.patterns.end());
  return out;
}

// Messages made of the patterns' literals, filler characters and separators, so that literals
// land in and out of order and at every distance.
std::vector<std::string> random_messages(const std::vector<std::string>& patterns, std::size_t count) {
  LiteralTable table;
  for (const std::string& p : patterns) intern_plan(dsl::plan_pattern(p), table);
  std::vector<std::string> pieces = table.texts();
  for (const char* filler : {"的", "一", "x", " ", "，", "a", "审核", "名", "称"}) pieces.emplace_back(filler);
  std::mt19937 random(20261127);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string message;
    std::size_t const n = random() % 8;
    for (std::size_t k = 0; k < n; ++k) message += pieces[random() % pieces.size()];
    out.push_back(std::move(message));
  }
  return out;
}

TEST(MessagePattern, AgreesWithIcuOnRandomMessages) {
  std::vector<std::string> patterns = shipped_patterns();
  patterns.insert(patterns.end(), kPatterns.begin(), kPatterns.end());
  std::vector<std::string> const messages = random_messages(patterns, 400);
  std::size_t matched = 0;
  for (const std::string& pattern : patterns) matched += expect_agrees(pattern, messages);
  EXPECT_GT(matched, 1000u);  // about 1,500 of the 55,000 pairs match
}

// End to end: matching_patterns gives what trying every pattern with ICU gives.
TEST(MessagePattern, MatchingPatternsAgreesWithIcu) {
  auto m = testing::model_at(testing::source_dir() / "kb");
  std::vector<std::string> messages = kMessages;
  std::ifstream cases(testing::source_dir() / "kb/cases/seed_cases.jsonl");
  for (std::string line; std::getline(cases, line);) {
    if (!line.empty()) messages.push_back(nlohmann::json::parse(line)["message"].get<std::string>());
  }
  messages.emplace_back("該小程序名稱涉及商業");  // Traditional: normalised before matching
  std::size_t matched = 0;
  for (const std::string& message : messages) {
    std::string const normalized = normalize(message).text;
    std::vector<std::pair<CauseId, std::string_view>> expected, found;
    for (const CompiledPattern& p : m->match_tables().patterns) {
      if (!expected.empty() && expected.back().first == p.cause) continue;
      if (icu_finds(p.source, normalized)) expected.emplace_back(p.cause, p.source);
    }
    for (const PatternMatch& match : matching_patterns(*m, message)) found.emplace_back(match.cause, match.pattern);
    matched += !expected.empty();
    EXPECT_EQ(found, expected) << message;
  }
  EXPECT_GT(matched, 10u);
}

}  // namespace
}  // namespace mpadvisor::engine
