// Full-text search for similar messages: Chinese and English, ranking and ties, FTS syntax in
// the query, short queries, and a case base large enough for the common-trigram path.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sstream>

#include "case_generator.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "mpadvisor/casebase/store.hpp"
#include "support.hpp"

namespace cb = mpadvisor::casebase;
using cb::testing::TempDir;

namespace {

std::string line(const std::string& message, const std::string& stage = "review.code") {
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return R"({"date":"2024-01-01","stage":")" + stage + R"(","entity":"personal","profile":{},"message":")" + escaped +
         R"(","causes":[],"fix":null,"outcome":"rejected","source":"t"})" + "\n";
}

std::vector<cb::CaseId> ids(const std::vector<cb::SimilarCase>& found) {
  std::vector<cb::CaseId> out;
  for (const auto& f : found) out.push_back(f.value.id);
  return out;
}

class Similar : public ::testing::Test {
 protected:
  void SetUp() override {
    std::istringstream in(line("小程序名称含有商业性词汇，个人主体不支持") +                     // 1
                          line("服务类目与你提交代码审核时设置的功能页面内容不一致") +           // 2
                          line("个人主体暂不开放资讯类目") +                                     // 3
                          line("The mini program requires login; provide a test account") +      // 4
                          line("Content about travel deals is not open to personal accounts") +  // 5
                          line("名称含有商业词汇") +                                             // 6
                          line("Same words, same rank") + line("Same words, same rank", "filing.submit") +
                          line("Same words, same rank", "certification.submit"));  // 7 8 9 (three cases)
    store.import_jsonl(in);
  }
  TempDir tmp;
  cb::Store store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
};

}  // namespace

TEST_F(Similar, FindsChineseMessages) {
  const auto found = store.similar("名称含有商业词汇等内容", 3);
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found[0].value.id, 6);  // shares the most trigrams
  EXPECT_EQ(found[1].value.id, 1);
  EXPECT_GT(found[0].score, found[1].score);
  EXPECT_GT(found[1].score, 0);
  EXPECT_EQ(ids(store.similar("资讯类目", 5)).front(), 3);
  // Digits next to Chinese characters, and a phone number in the query (redacted like the data).
  EXPECT_EQ(ids(store.similar("代码审核13812345678时设置", 1)), std::vector<cb::CaseId>{2});
}

TEST_F(Similar, FindsEnglishMessagesCaseInsensitively) {
  EXPECT_EQ(ids(store.similar("please provide a TEST ACCOUNT", 1)), std::vector<cb::CaseId>{4});
  EXPECT_EQ(ids(store.similar("not open to personal", 1)), std::vector<cb::CaseId>{5});
}

TEST_F(Similar, TiesAreBrokenById) {
  const auto found = store.similar("same words", 3);
  EXPECT_EQ(ids(found), (std::vector<cb::CaseId>{7, 8, 9}));
  EXPECT_EQ(found[0].score, found[2].score);
}

TEST_F(Similar, LimitIsRespected) {
  EXPECT_TRUE(store.similar("名称含有商业性词汇", 0).empty());
  EXPECT_EQ(store.similar("名称含有商业性词汇", 1).size(), 1u);
}

TEST_F(Similar, FtsSyntaxAndShortQueriesNeverFail) {
  for (const char* query : {"",
                            "   ",
                            "\"",
                            "\"\"\"",
                            "*",
                            "名称*",
                            "NEAR(a b)",
                            "AND",
                            "OR NOT",
                            "-名称",
                            "^含有",
                            "message:名称",
                            "(",
                            ")",
                            "{message}: x",
                            "a\"b",
                            "'; DROP TABLE cases; --",
                            "名",
                            "ab",
                            "\xFF\xFE",
                            "审核\"*^:()",
                            "NEAR(\"商业性\" \"词汇\", 2)"}) {
    EXPECT_NO_THROW((void)store.similar(query, 5)) << query;
  }
  // Short queries use the word index (characters and pairs): the shorter message first (bm25).
  EXPECT_EQ(ids(store.similar("类目", 5)), (std::vector<cb::CaseId>{3, 2}));
  EXPECT_EQ(ids(store.similar("类目 资讯", 5)), (std::vector<cb::CaseId>{3, 2}));  // both words first
  // A query made of FTS syntax around real words still finds them.
  EXPECT_EQ(ids(store.similar("\"商业性\" AND NEAR(词汇*)", 1)), std::vector<cb::CaseId>{1});
  EXPECT_TRUE(store.similar("\"*^:()", 5).empty());
  EXPECT_EQ(store.count(), 9);
}

TEST(SimilarLarge, RareWordsWinOverCommonTemplates) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  cb::testing::GeneratedCases source(9000);  // each template ~1,300 times: its trigrams are common
  std::istream in(&source);
  store.import_jsonl(in);
  std::istringstream special(line("小程序名称“独角兽咖啡馆QX7”含有商业性词汇，个人主体不支持该名称"));
  store.import_jsonl(special);
  EXPECT_EQ(store.similar("名称独角兽咖啡馆QX7含有商业性词汇", 3).front().value.id, 9001);

  // A query whose every trigram is common (a template message) still answers, bounded.
  const auto common = store.similar("与你提交代码审核时设置的功能页面内容", 5);
  ASSERT_EQ(common.size(), 5u);
  for (const auto& c : common) EXPECT_NE(c.value.message.find("代码审核"), std::string::npos) << c.value.message;
}

// A case found only through the word index can score higher than a weak trigram match; the
// list still comes most similar first, so the scores a user reads never go up again.
TEST_F(Similar, ScoresComeInOrderWhicheverIndexFoundTheCase) {
  std::istringstream more(line("小程序名称含“社区”字样，需补充社区类目") +        // 10: trigram 名称含
                          line("认证名称带有经营性质，不符合个人认证命名要求"));  // 11: words only
  store.import_jsonl(more);
  const auto found = store.similar("名称含有商业性质词汇", 10);
  ASSERT_GE(found.size(), 3u);
  auto const found_ids = ids(found);
  EXPECT_NE(std::find(found_ids.begin(), found_ids.end(), 11), found_ids.end());
  for (std::size_t k = 1; k < found.size(); ++k)
    EXPECT_GE(found[k - 1].score, found[k].score) << "place " << k << ": case " << found[k].value.id;
}

// Chinese is written without spaces: a query with no trigram in common with a message still
// finds it through its character pairs, as the same words with a space between them do.
TEST_F(Similar, ChineseWithoutSpacesFindsWhatSpacedWordsFind) {
  auto const spaced = ids(store.similar("名称 商业", 5));
  auto const joined = ids(store.similar("名称商业", 5));
  ASSERT_FALSE(spaced.empty());
  for (cb::CaseId id : spaced) {
    EXPECT_NE(std::find(joined.begin(), joined.end(), id), joined.end()) << "case " << id;
  }
  EXPECT_EQ(joined.front(), 6);  // 名称含有商业词汇: both words, the shortest message
  EXPECT_EQ(ids(store.similar("资", 5)), (std::vector<cb::CaseId>{3}));  // one character
}

// A database that had cases before the word index existed gets them indexed when opened.
TEST(SimilarUpgrade, TheWordIndexIsFilledForOlderCases) {
  MPADVISOR_SQLITE_ONLY();  // only SQLite case bases predate the word index
  TempDir tmp;
  auto const path = cb::testing::db(tmp, "cases.db");
  {
    auto store = cb::Store::open(path);
    std::istringstream in(line("个人主体暂不开放资讯类目"));
    store.import_jsonl(in);
  }
  {
    // Make it look like a database from before schema version 3 had indexed anything.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db,
                 "INSERT INTO cases_grams(cases_grams) VALUES('delete-all'); DELETE FROM meta WHERE key = 'word_index'",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  {
    auto store = cb::Store::open(path);
    EXPECT_FALSE(store.similar("资讯", 5).empty());
  }
  auto store = cb::Store::open(path);  // once only: a second open adds nothing twice
  auto const found = store.similar("资讯", 5);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value.id, 1);
}

// The two backends rank alike: the same cases in the same order with the same bm25 scores, on
// the shipped seed cases and on a generated set large enough that common trigrams pass the
// probe bound (kCommonDocs) and the bounded top-ups run.
TEST(SimilarParity, SQLiteAndPostgreSQLGiveTheSameAnswers) {
  if (!cb::testing::on_postgres()) GTEST_SKIP() << "compares both backends: runs in the PostgreSQL run";
  TempDir tmp;
  auto sqlite = cb::Store::open((tmp / "parity.db").string());
  auto postgres = cb::Store::open(cb::testing::db(tmp, "parity"));
  const auto seeds = std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/cases/seed_cases.jsonl";
  for (auto* store : {&sqlite, &postgres}) {
    store->import_jsonl(seeds);
    cb::testing::GeneratedCases source(2500, false, 11);
    std::istream in(&source);
    store->import_jsonl(in);
  }
  ASSERT_EQ(sqlite.count(), postgres.count());

  std::vector<std::string> queries = {
      "审核",         "名称商业", "名称 商业", "小程序",   "Test account", "login", "个人主体 不支持 经营",
      "服务类目不符", "资",       "a_b c-d",   "NEAR(x y)"};
  std::vector<std::string> lines = cb::testing::read_lines(seeds);
  cb::testing::CaseGenerator generator(5);
  for (std::size_t k = 0; k < 20; ++k) lines.push_back(generator.line(k));
  for (const auto& line : lines) {  // each message, whole and its first half
    const auto parsed = cb::parse_case_line(line);
    if (!parsed.ok()) continue;
    const auto& message = parsed.value->message;
    queries.push_back(message);
    queries.push_back(message.substr(0, mpadvisor::base::utf8::floor_boundary(message, message.size() / 2)));
  }

  for (const auto& query : queries) {
    const auto a = sqlite.similar(query, 10);
    const auto b = postgres.similar(query, 10);
    ASSERT_EQ(a.size(), b.size()) << query;
    for (std::size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].value, b[k].value) << query << " #" << k;
      EXPECT_NEAR(a[k].score, b[k].score, 1e-9 * std::max(1.0, std::abs(a[k].score))) << query << " #" << k;
    }
  }
}
