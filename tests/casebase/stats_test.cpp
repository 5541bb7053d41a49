#include <gtest/gtest.h>

#include "mpadvisor/casebase/store.hpp"
#include "support.hpp"

namespace cb = mpadvisor::casebase;
using cb::testing::data_dir;
using cb::testing::TempDir;

TEST(Stats, EmptyDatabase) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  const auto stats = store.stats();
  EXPECT_EQ(stats.total, 0);
  EXPECT_TRUE(stats.by_stage.empty());
  EXPECT_TRUE(stats.by_cause.empty());
  ASSERT_EQ(stats.by_outcome.size(), 3u);
  EXPECT_EQ(stats.by_outcome[0].key, "approved");
  EXPECT_EQ(stats.by_outcome[0].count, 0);
  EXPECT_TRUE(stats.by_category.empty());
}

TEST(Stats, CountsByStageCauseOutcomeAndCategory) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  store.import_jsonl(data_dir() / "valid_cases.jsonl");
  store.label(4, "info_inconsistent");
  const auto stats = store.stats();
  EXPECT_EQ(stats.total, 6);

  ASSERT_EQ(stats.by_stage.size(), 5u);
  EXPECT_EQ(stats.by_stage[0].key, "review.code");  // most frequent first
  EXPECT_EQ(stats.by_stage[0].count, 2);
  EXPECT_EQ(stats.by_stage[1].key, "certify.submit");  // then by name
  EXPECT_EQ(stats.by_stage[1].count, 1);

  ASSERT_FALSE(stats.by_cause.empty());
  EXPECT_EQ(stats.by_cause[0].key, "category_not_open");
  EXPECT_EQ(stats.by_cause[0].count, 2);
  std::int64_t labelled = 0;
  for (const auto& c : stats.by_cause) labelled += c.count;
  EXPECT_EQ(labelled, 7);

  ASSERT_EQ(stats.by_outcome.size(), 3u);
  EXPECT_EQ(stats.by_outcome[0].count, 2);  // approved
  EXPECT_EQ(stats.by_outcome[1].count, 3);  // rejected
  EXPECT_EQ(stats.by_outcome[2].count, 1);  // unknown

  // 工具: 2 cases (1 approved, 1 unknown) → rate 0; 教育 1 rejected → 1; 资讯 1 rejected; 生活服务 1 rejected;
  // one case has an empty profile → no category, listed last.
  ASSERT_EQ(stats.by_category.size(), 5u);
  EXPECT_EQ(stats.by_category[0].category, "工具");
  EXPECT_EQ(stats.by_category[0].cases, 2);
  EXPECT_EQ(stats.by_category[0].approved, 1);
  EXPECT_EQ(stats.by_category[0].unknown, 1);
  EXPECT_EQ(stats.by_category[0].rejection_rate, 0.0);
  EXPECT_EQ(stats.by_category[1].category, "教育");
  EXPECT_EQ(stats.by_category[1].rejection_rate, 1.0);
  EXPECT_FALSE(stats.by_category.back().category.has_value());
  EXPECT_EQ(stats.by_category.back().cases, 1);
  EXPECT_EQ(stats.by_category.back().rejection_rate, 0.0);  // approved, no category
  std::int64_t sum = 0;
  for (const auto& c : stats.by_category) sum += c.cases;
  EXPECT_EQ(sum, stats.total);
}
