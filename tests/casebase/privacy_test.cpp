// No ID-card number, phone number or e-mail address reaches the database: the bytes of the
// SQLite file, its WAL and its shared-memory file (or, on PostgreSQL, a dump of the tables'
// data, term index included) are searched after an import full of them.
#include <gtest/gtest.h>

#include <sstream>

#include "mpadvisor/casebase/store.hpp"
#include "support.hpp"

namespace cb = mpadvisor::casebase;
using cb::testing::data_dir;
using cb::testing::read_bytes;
using cb::testing::TempDir;

namespace {

// Everything personal in pii_cases.jsonl, as digits/addresses without separators and as written.
const std::vector<std::string> kSecrets = {
    "11010519491231002X",
    "440524188001010014",
    "32010219900101007X",
    "320102198506120018",  // valid ID numbers
    "139-0011-2233",
    "13712345670",
    "15900001111",
    "13800138000",
    "15012345678",
    "8618611112222",
    "186 1111 2222",
    "８６１３９１２３４５６７８",
    "zhang.san@example.com",
    "li_si+mp@mail.example.cn",
    "wang.wu@qq.com",
    "a.b-c@sub.example.org",
    "zhaoliu@example.com",
    // Fragments long enough to identify a person: local parts and the middle of numbers.
    "zhang.san",
    "wang.wu",
    "zhaoliu",
    "12345670",
    "91231002X",
    "88001010014",
    "0011-2233",
};

std::string database_bytes(const std::string& db) {
  if (cb::testing::on_postgres()) return cb::testing::pg_dump(db);
  std::string bytes;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::path file = db;
    file += suffix;
    if (std::filesystem::exists(file)) bytes += read_bytes(file);
  }
  return bytes;
}

void expect_no_secret(const std::string& bytes, const std::string& when) {
  for (const auto& secret : kSecrets) EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found " << when;
}

}  // namespace

TEST(Privacy, TheDatabaseFilesHoldNoPersonalData) {
  TempDir tmp;
  const auto db = cb::testing::db(tmp, "cases.db");
  // The fixture really is full of secrets (guards against the test passing vacuously).
  const auto fixture = read_bytes(data_dir() / "pii_cases.jsonl");
  for (const auto& secret : kSecrets) ASSERT_NE(fixture.find(secret), std::string::npos) << secret;
  {
    auto store = cb::Store::open(db);
    const auto report = store.import_jsonl(data_dir() / "pii_cases.jsonl");
    EXPECT_EQ(report.imported, 3u);
    EXPECT_EQ(report.redactions.id_numbers, 5u);
    EXPECT_EQ(report.redactions.phones, 8u);
    EXPECT_EQ(report.redactions.emails, 5u);
    // Searching, labelling and recording diagnoses with personal data store none of it either.
    (void)store.similar("手机号13800138000", 5);
    EXPECT_THROW(store.label(1, "13800138000"), cb::Error);
    store.record_diagnosis(1, "kb 13800138000", "blocked by zhaoliu@example.com", std::nullopt);
    EXPECT_EQ(store.get(1).diagnosis->kb_version, "kb [PHONE]");
    if (!cb::testing::on_postgres()) {
      ASSERT_TRUE(std::filesystem::exists(tmp / "cases.db-wal"));
    }
    expect_no_secret(database_bytes(db), "while the database is open (WAL)");

    std::ostringstream out;
    store.export_jsonl(out);
    expect_no_secret(out.str(), "in the export");
    EXPECT_NE(out.str().find("[ID]"), std::string::npos);
    EXPECT_NE(out.str().find("[PHONE]"), std::string::npos);
    EXPECT_NE(out.str().find("[EMAIL]"), std::string::npos);
  }
  expect_no_secret(database_bytes(db), "after closing (checkpointed)");
}

TEST(Privacy, NumbersThatAreNotPersonalDataAreKept) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  store.import_jsonl(data_dir() / "pii_cases.jsonl");
  const auto c = store.get(3);
  // An 18-digit number with a wrong check digit, and 11 digits starting 12, are not redacted.
  EXPECT_NE(c.message.find("110105194912310021"), std::string::npos) << c.message;
  EXPECT_NE(c.message.find("12345678901"), std::string::npos) << c.message;
  EXPECT_NE(c.profile.find("110105194912310021"), std::string::npos) << c.profile;
  const auto first = store.get(1);
  EXPECT_EQ(first.message, "备案人身份证号[ID]与手机号[PHONE]不匹配，请联系[EMAIL]");
  EXPECT_EQ(first.fix, "重新填写手机号：[PHONE]");
  EXPECT_EQ(first.source, "user [PHONE]");
}

// The wider forms (full-width and Chinese-domain e-mail, dotted and landline phones, grouped
// and 15-digit IDs, QQ and WeChat accounts, street addresses) are absent from the database
// file, its WAL and the FTS index; a filing number survives.
TEST(Privacy, TheWiderFormsNeverReachTheDatabaseFiles) {
  const std::vector<std::string> secrets = {"ｚｈａｏ",      "ｅｘａｍｐｌｅ",  "zhang@例子",    "例子.中国",
                                            "138.1234.5678", "1234.5678",       "139-8765-4321", "8765-4321",
                                            "12345678",      "430102 19900101", "19900101 1238", "430102900101123",
                                            "330782-1985",   "1203-4569",       "987654321",     "zhaoliu_2024",
                                            "186 5555 6666", "5555 6666",       "麓山南路123号", "q1w2e3r4t5"};
  TempDir tmp;
  const auto db = cb::testing::db(tmp, "cases.db");
  const auto fixture = read_bytes(data_dir() / "pii_more_cases.jsonl");
  for (const auto& secret : secrets) ASSERT_NE(fixture.find(secret), std::string::npos) << secret;
  auto store = cb::Store::open(db);
  const auto report = store.import_jsonl(data_dir() / "pii_more_cases.jsonl");
  EXPECT_EQ(report.imported, 1u);
  EXPECT_EQ(report.redactions.accounts, 3u);
  EXPECT_EQ(report.redactions.addresses, 1u);
  (void)store.similar("麓山南路123号", 5);  // the query is redacted too
  std::string const bytes = database_bytes(db);
  ASSERT_NE(bytes.find("粤ICP备2024012345"), std::string::npos);  // the dump really holds the case
  for (const auto& secret : secrets) EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  EXPECT_NE(store.get(1).message.find("粤ICP备2024012345号-1X"), std::string::npos) << store.get(1).message;
}
