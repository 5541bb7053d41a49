// Two tests with real processes (casebase_import_child):
//  - SIGKILL in the middle of a large import leaves a sound database with none of the import;
//  - two readers querying while a third process imports never see "database is locked".
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "case_generator.hpp"
#include "mpadvisor/casebase/store.hpp"
#include "support.hpp"

namespace cb = mpadvisor::casebase;
using cb::testing::Child;
using cb::testing::TempDir;

namespace {

void generate(const std::filesystem::path& file, std::size_t count) {
  std::ofstream out(file, std::ios::binary);
  cb::testing::CaseGenerator generator;
  for (std::size_t k = 0; k < count; ++k) out << generator.line(k) << '\n';
}

// PostgreSQL: the term index's bookkeeping agrees with the cases (an import that half-landed
// would leave totals, terms or postings out of step).
std::string pg_integrity(const std::string& db) {
  const auto schema = cb::testing::pg_schema_of(db);
  try {
    cb::testing::pg_exec(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM " + schema + ".index_totals WHERE documents <> (SELECT count(*) FROM " +
        schema + ".cases)) OR EXISTS (SELECT 1 FROM " + schema +
        ".index_terms i WHERE i.index_name = 'trigrams' AND i.documents <> (SELECT count(*) FROM " + schema +
        ".case_trigrams t WHERE t.term = i.term)) THEN RAISE EXCEPTION 'the term index disagrees with the cases'; "
        "END IF; END $$");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "ok";
}

std::string integrity(const std::string& db) {
  if (cb::testing::on_postgres()) return pg_integrity(db);
  sqlite3* handle = nullptr;
  EXPECT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result;
  while (sqlite3_step(stmt) == SQLITE_ROW) result += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  // The full-text index must agree with its content table too.
  char* error = nullptr;
  if (sqlite3_exec(handle, "INSERT INTO cases_fts(cases_fts) VALUES ('integrity-check')", nullptr, nullptr, &error) !=
      SQLITE_OK)
    result += std::string(" fts: ") + (error ? error : "?");
  sqlite3_free(error);
  sqlite3_close(handle);
  return result;
}

}  // namespace

TEST(Process, KillDuringImportLeavesAllOrNothing) {
  TempDir tmp;
  const auto file = tmp / "big.jsonl";
  constexpr std::size_t kCases = 60000;
  generate(file, kCases);
  // Kill at different moments: right after the first progress report, and later on.
  for (const int delay_ms : {0, 40, 250}) {
    const auto db = cb::testing::db(tmp, "kill" + std::to_string(delay_ms) + ".db");
    { cb::Store::open(db); }  // schema first, so that the kill hits the import itself
    Child child({CASEBASE_IMPORT_CHILD, "import", db, file.string()});
    const auto first = child.read_line();
    ASSERT_EQ(first.rfind("progress ", 0), 0u) << "child said: " << first;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    child.kill(SIGKILL);
    const int status = child.wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the import ended before the kill; make the file bigger";

    EXPECT_EQ(integrity(db), "ok") << "killed after " << delay_ms << " ms";
    auto store = cb::Store::open(db);
    const auto count = store.count();
    EXPECT_TRUE(count == 0 || count == static_cast<std::int64_t>(kCases)) << count << " cases: a partial import";
    EXPECT_EQ(count, 0);
    // And the database takes a new import afterwards.
    std::istringstream one(cb::testing::CaseGenerator().line(0));
    EXPECT_EQ(store.import_jsonl(one).imported, 1u);
  }
}

TEST(Process, ReadersAndAWriterNeverSeeALockedDatabase) {
  TempDir tmp;
  const auto db = cb::testing::db(tmp, "shared.db");
  const auto file = tmp / "batch.jsonl";
  constexpr std::size_t kExisting = 200, kBatch = 15000;
  {
    auto store = cb::Store::open(db);
    cb::testing::GeneratedCases source(kExisting, false, 7);
    std::istream in(&source);
    store.import_jsonl(in);
  }
  generate(file, kBatch);
  const auto expected = std::to_string(kExisting + kBatch);
  // Generous deadline for sanitizer builds on a busy machine; readers stop as soon as they have
  // seen the import's result (and 20 more rounds).
  Child reader1({CASEBASE_IMPORT_CHILD, "read", db, expected, "120"});
  Child reader2({CASEBASE_IMPORT_CHILD, "read", db, expected, "120"});
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // readers are busy when the write starts
  Child writer({CASEBASE_IMPORT_CHILD, "import", db, file.string()});

  std::string last;
  for (std::string line; !(line = writer.read_line()).empty();) last = line;
  const int writer_status = writer.wait();
  EXPECT_TRUE(WIFEXITED(writer_status) && WEXITSTATUS(writer_status) == 0) << "writer status " << writer_status;
  EXPECT_EQ(last, "done " + std::to_string(kBatch));
  for (Child* reader : {&reader1, &reader2}) {
    const auto said = reader->read_line();
    const int status = reader->wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "reader status " << status << ", said: " << said;
    EXPECT_EQ(said.rfind("reads ", 0), 0u) << said;
  }
  EXPECT_EQ(integrity(db), "ok");
  EXPECT_EQ(cb::Store::open(db).count(), static_cast<std::int64_t>(kExisting + kBatch));

#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer's shadow memory and quarantine dwarf the import's own
  // The writer's memory stayed small (the import streams): peak RSS of the children.
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  EXPECT_LT(usage.ru_maxrss, 100 * 1024) << "KiB";
#endif
}
