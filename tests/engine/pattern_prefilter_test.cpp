// The message-pattern prefilter (required texts extracted from each regular expression) may
// only skip patterns that cannot match: on every shipped message it must agree with trying
// every pattern.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "compiled.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/normalize.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "support/golden.hpp"

namespace mpadvisor::engine {
namespace {

std::vector<std::pair<CauseId, std::string>> without_prefilter(const Model& m, const std::string& message) {
  std::vector<std::pair<CauseId, std::string>> out;
  icu::UnicodeString const text = icu::UnicodeString::fromUTF8(normalize(message).text);
  for (const CompiledPattern& p : m.match_tables().patterns) {
    if (!out.empty() && out.back().first == p.cause) continue;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(p.regex->matcher(text, status));
    if (matcher->find(status)) out.emplace_back(p.cause, p.source);
  }
  return out;
}

TEST(PatternPrefilter, AgreesWithTryingEveryPattern) {
  namespace fs = std::filesystem;
  dsl::LoadResult loaded = dsl::load(testing::source_dir() / "kb");
  auto m = compile(loaded.kb);
  std::vector<std::string> messages = {"小程序名称含有“瑜伽”等商业性质词汇",
                                       "The name contains commercial wording",
                                       "名称含社区字样，需补充社交-社区/论坛类目",
                                       "服务类目与你提交代码审核时设置的功能页面内容不一致",
                                       "VIDEO content",
                                       "該小程序名稱涉及商業"};
  std::ifstream cases(testing::source_dir() / "kb/cases/seed_cases.jsonl");
  for (std::string line; std::getline(cases, line);) {
    if (!line.empty()) messages.push_back(nlohmann::json::parse(line)["message"].get<std::string>());
  }
  std::size_t matched = 0;
  for (const std::string& message : messages) {
    auto expected = without_prefilter(*m, message);
    matched += !expected.empty();
    EXPECT_EQ(matching_patterns(*m, message), expected) << message;
  }
  EXPECT_GT(matched, messages.size() / 2);
}

}  // namespace
}  // namespace mpadvisor::engine
