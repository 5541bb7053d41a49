// The store: round trip, schema and reopening, reading, labelling, diagnoses, seeding.
#include "mpadvisor/casebase/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "case_generator.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "support.hpp"

namespace cb = mpadvisor::casebase;
using cb::testing::data_dir;
using cb::testing::TempDir;

namespace {

std::vector<cb::Case> parse_file(const std::filesystem::path& file) {
  std::vector<cb::Case> cases;
  for (const auto& line : cb::testing::read_lines(file)) {
    auto parsed = cb::parse_case_line(line);
    if (parsed.blank) continue;
    EXPECT_TRUE(parsed.ok()) << parsed.error.en;
    cases.push_back(*parsed.value);
  }
  return cases;
}

std::int64_t raw_int(const std::filesystem::path& db, const char* sql) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, sql, -1, &stmt, nullptr);
  const std::int64_t value = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return value;
}

}  // namespace

TEST(Store, ImportThenExportGivesTheSameCases) {
  TempDir tmp;
  const auto input = data_dir() / "valid_cases.jsonl";
  auto expected = parse_file(input);
  ASSERT_EQ(expected.size(), 6u);
  {
    auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
    const auto report = store.import_jsonl(input);
    EXPECT_EQ(report.imported, 6u);
    EXPECT_EQ(report.lines, 7u);  // one blank line
    EXPECT_EQ(report.skipped, 0u);
    EXPECT_EQ(report.redactions.phones, 2u);
    EXPECT_EQ(report.redactions.emails, 1u);
  }
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  std::ostringstream out;
  store.export_jsonl(out);
  std::istringstream exported(out.str());
  std::size_t index = 0;
  for (std::string line; std::getline(exported, line); ++index) {
    auto parsed = cb::parse_case_line(line);
    ASSERT_TRUE(parsed.ok()) << parsed.error.en;
    ASSERT_LT(index, expected.size());
    expected[index].id = static_cast<cb::CaseId>(index + 1);  // ids are given in import order
    EXPECT_EQ(*parsed.value, expected[index]) << line;
    EXPECT_EQ(store.get(expected[index].id), expected[index]);
  }
  EXPECT_EQ(index, expected.size());

  // Exporting, importing into a new database and exporting again is byte for byte stable.
  std::istringstream again(out.str());
  auto copy = cb::Store::open(cb::testing::db(tmp, "copy.db"));
  copy.import_jsonl(again);
  std::ostringstream out2;
  copy.export_jsonl(out2);
  EXPECT_EQ(out.str(), out2.str());
}

TEST(Store, KeepsIdsGivenByTheImportAndRejectsDuplicates) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  std::istringstream in(
      R"({"id":40,"date":"2024-01-01","stage":"a","entity":"personal","profile":{},"message":"m","causes":[],"fix":null,"outcome":"unknown","source":"s"})"
      "\n"
      R"({"date":"2024-01-01","stage":"a","entity":"personal","profile":{},"message":"n","causes":[],"fix":null,"outcome":"unknown","source":"s"})");
  store.import_jsonl(in);
  EXPECT_TRUE(store.find(40).has_value());
  EXPECT_TRUE(store.find(41).has_value());  // no id: the next free one
  std::istringstream duplicate(
      R"({"id":41,"date":"2024-01-01","stage":"a","entity":"personal","profile":{},"message":"m","causes":[],"fix":null,"outcome":"unknown","source":"s"})");
  try {
    store.import_jsonl(duplicate);
    FAIL() << "expected a duplicate id error";
  } catch (const cb::ImportError& e) {
    EXPECT_EQ(e.line(), 1u);
    EXPECT_NE(std::string(e.what()).find("duplicate id 41"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store.count(), 2);
}

TEST(Store, CreatesTheSchemaOnAnEmptyDatabaseAndReopens) {
  TempDir tmp;
  const auto path = cb::testing::db(tmp, "nested/folders/cases.db");
  {
    auto store = cb::Store::open(path);
    EXPECT_TRUE(store.created());
    EXPECT_EQ(store.schema_version(), cb::latest_schema_version());
    EXPECT_EQ(store.count(), 0);
    store.import_jsonl(data_dir() / "valid_cases.jsonl");
  }
  {
    auto store = cb::Store::open(path);
    EXPECT_FALSE(store.created());
    EXPECT_EQ(store.count(), 6);
    EXPECT_EQ(store.schema_version(), cb::latest_schema_version());
  }
  if (cb::testing::on_postgres()) return;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"), cb::latest_schema_version());
  // WAL mode is a property of the file.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
}

TEST(Store, MigratesAnEmptyExistingFile) {
  MPADVISOR_SQLITE_ONLY();
  TempDir tmp;
  const auto path = cb::testing::db(tmp, "empty.db");
  std::ofstream(path).close();  // a 0-byte file is an empty SQLite database
  auto store = cb::Store::open(path);
  EXPECT_EQ(store.schema_version(), cb::latest_schema_version());
}

TEST(Store, RefusesANewerSchemaAndNonDatabases) {
  TempDir tmp;
  const auto path = cb::testing::db(tmp, "future.db");
  { cb::Store::open(path); }
  if (cb::testing::on_postgres()) {
    cb::testing::pg_exec("UPDATE " + path.substr(path.find("%3D") + 3) +
                         ".meta SET value = '99' WHERE key = 'schema_version'");
  } else {
    sqlite3* handle = nullptr;
    sqlite3_open(path.c_str(), &handle);
    sqlite3_exec(handle, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(handle);
  }
  try {
    cb::Store::open(path);
    FAIL();
  } catch (const cb::Error& e) {
    EXPECT_EQ(e.code(), cb::Errc::schema);
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos) << e.what();
  }
  if (cb::testing::on_postgres()) return;

  const auto text = cb::testing::db(tmp, "notes.db");
  std::ofstream(text) << "this is not a database, just some text that is long enough to have a header.............";
  try {
    cb::Store::open(text);
    FAIL();
  } catch (const cb::Error& e) {
    EXPECT_EQ(e.code(), cb::Errc::database);
    EXPECT_NE(std::string(e.what()).find("not a database"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cb::Store::open(tmp.path()), cb::Error);  // a folder
}

TEST(Store, ListsShowsAndLabels) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  store.import_jsonl(data_dir() / "valid_cases.jsonl");

  cb::ListFilter by_stage;
  by_stage.stage = "review.code";
  auto cases = store.list(by_stage);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].id, 2);
  EXPECT_EQ(cases[1].id, 3);

  cb::ListFilter by_cause;
  by_cause.cause = "category_not_open";
  cases = store.list(by_cause);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].id, 2);
  EXPECT_EQ(cases[1].id, 6);

  cb::ListFilter both = by_cause;
  both.stage = "review.code";
  EXPECT_EQ(store.list(both).size(), 1u);
  cb::ListFilter limited;
  limited.limit = 4;
  EXPECT_EQ(store.list(limited).size(), 4u);
  EXPECT_EQ(store.list().size(), 6u);

  EXPECT_FALSE(store.find(999).has_value());
  try {
    store.get(999);
    FAIL();
  } catch (const cb::Error& e) {
    EXPECT_EQ(e.code(), cb::Errc::not_found);
  }

  EXPECT_TRUE(store.label(4, "info_inconsistent"));
  EXPECT_FALSE(store.label(4, "info_inconsistent"));  // already there
  EXPECT_TRUE(store.label(2, "needs_test_account"));
  EXPECT_EQ(store.get(2).causes,
            (std::vector<std::string>{"category_not_open", "content_mismatch", "needs_test_account"}));
  EXPECT_EQ(store.get(4).causes, std::vector<std::string>{"info_inconsistent"});
  EXPECT_THROW(store.label(999, "x"), cb::Error);
  EXPECT_THROW(store.label(1, "not a cause"), cb::Error);
  EXPECT_THROW(store.label(1, ""), cb::Error);
}

TEST(Store, RecordsDiagnosesAndStreamsCasesForReplay) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  std::istringstream in([] {
    std::string lines;
    cb::testing::CaseGenerator generator;
    for (int k = 0; k < 1500; ++k) lines += generator.line(k) + "\n";
    return lines;
  }());
  store.import_jsonl(in);

  // A replay: stream every case and write its diagnosis back while streaming.
  std::size_t seen = 0;
  cb::CaseId last = 0;
  store.for_each_case([&](const cb::Case& c) {
    EXPECT_GT(c.id, last);
    last = c.id;
    ++seen;
    store.record_diagnosis(c.id, "kb-1", c.causes.empty() ? "clear" : "blocked",
                           c.causes.empty() ? std::nullopt : std::optional<std::string_view>(c.causes.front()));
    return true;
  });
  EXPECT_EQ(seen, 1500u);
  std::size_t diagnosed = 0;
  store.for_each_case([&](const cb::Case& c) {
    EXPECT_TRUE(c.diagnosis.has_value());
    if (c.diagnosis) {
      EXPECT_EQ(c.diagnosis->kb_version, "kb-1");
      EXPECT_EQ(c.diagnosis->top_cause.has_value(), !c.causes.empty());
    }
    return ++diagnosed < 100;  // stopping early
  });
  EXPECT_EQ(diagnosed, 100u);

  store.record_diagnoses(std::vector<cb::DiagnosisRecord>{{1, {"kb-2", "blocked", "name_commercial"}},
                                                          {2, {"kb-2", "clear", std::nullopt}}});
  EXPECT_EQ(store.get(1).diagnosis, (cb::LastDiagnosis{"kb-2", "blocked", "name_commercial"}));
  // A batch with a missing case changes nothing.
  EXPECT_THROW(store.record_diagnoses(std::vector<cb::DiagnosisRecord>{{3, {"kb-3", "clear", std::nullopt}},
                                                                       {99999, {"kb-3", "clear", std::nullopt}}}),
               cb::Error);
  EXPECT_EQ(store.get(3).diagnosis->kb_version, "kb-1");
  EXPECT_THROW(store.record_diagnosis(1, "", "clear", std::nullopt), cb::Error);
  EXPECT_THROW(store.record_diagnosis(1, "kb", "clear", "not a cause"), cb::Error);
}

TEST(Store, SeedsANewDatabaseOnce) {
  TempDir tmp;
  cb::OpenOptions options;
  options.seed_dir = data_dir() / "seed";
  {
    auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"), options);
    EXPECT_TRUE(store.seed_report().seeded);
    EXPECT_EQ(store.seed_report().files.size(), 2u);  // README.txt is not a case file
    EXPECT_EQ(store.seed_report().imported, 3u);
    EXPECT_EQ(store.count(), 3);
    EXPECT_EQ(store.get(3).message, "备案通过");  // files in name order
  }
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"), options);
  EXPECT_FALSE(store.seed_report().seeded);
  EXPECT_EQ(store.count(), 3);

  // A missing folder seeds nothing, and is no error.
  cb::OpenOptions missing;
  missing.seed_dir = tmp / "no-such-folder";
  auto empty = cb::Store::open(cb::testing::db(tmp, "other.db"), missing);
  EXPECT_TRUE(empty.seed_report().seeded);
  EXPECT_EQ(empty.count(), 0);
}

TEST(Store, ABadSeedLeavesTheDatabaseUncreated) {
  TempDir tmp;
  cb::OpenOptions options;
  options.seed_dir = data_dir() / "bad_seed";
  try {
    cb::Store::open(cb::testing::db(tmp, "cases.db"), options);
    FAIL();
  } catch (const cb::ImportError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(e.source().find("02_bad.jsonl"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("month 13 does not exist"), std::string::npos) << e.what();
  }
  // Nothing was created: the next open (with a good seed) starts from scratch.
  if (!cb::testing::on_postgres()) {
    EXPECT_EQ(raw_int(cb::testing::db(tmp, "cases.db"), "PRAGMA user_version"), 0);
  }
  options.seed_dir = data_dir() / "seed";
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"), options);
  EXPECT_TRUE(store.seed_report().seeded);
  EXPECT_EQ(store.count(), 3);
}
