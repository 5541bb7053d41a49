// The SQLite backend: one file, WAL mode (readers never wait for the writer), FTS5 indexes for
// the similar-case search. Its parts: sqlite_store.cpp (opening, import, reading, writing),
// sqlite_stats.cpp, sqlite_search.cpp.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "backend.hpp"
#include "sqlite.hpp"

namespace mpadvisor::casebase {

class SqliteStore final : public Store::Impl {
 public:
  // Waiting for another process's write lock: up to timeout_ms, telling the caller once.
  struct BusyWait {
    int timeout_ms = 5000;
    std::function<void()> on_wait;
    bool told = false;
  };

  SqliteStore(const std::filesystem::path& path, const OpenOptions& options);

  int schema_version() const override;
  ImportReport import_jsonl(std::istream& in, const ImportOptions& options) override;
  std::int64_t count() const override;
  std::vector<Case> load(const std::vector<CaseId>& ids) const override;
  void for_each_page(const ListFilter& filter, bool snapshot,
                     const std::function<bool(std::vector<Case>&)>& page) const override;
  bool label(CaseId id, const std::string& cause) override;
  void record_diagnoses(std::span<const DiagnosisRecord> records) override;
  Stats stats() const override;
  std::unique_ptr<SearchSnapshot> search() const override;

 private:
  // SQLite's busy handler: count is how often it was called for this lock. Sleeps a little and
  // asks to retry until the timeout; the caller's on_wait runs on the first call.
  static int on_busy(void* context, int count);

  std::filesystem::path path_;
  BusyWait busy_;  // before db_: SQLite holds a pointer to it while the connection lives
  sql::Connection db_;
};

// Reads cases matching a filter in id order, `page_size` at a time. Between pages no statement
// is left running, so the caller may write to the database.
class PageReader {
 public:
  PageReader(const sql::Connection& db, ListFilter filter, std::size_t page_size);
  std::vector<Case> next();  // empty when there are no more

 private:
  ListFilter filter_;
  std::string outcome_;
  sql::Statement cases_;
  sql::Statement causes_;
  std::size_t page_size_;
  std::size_t remaining_;  // from filter.limit; SIZE_MAX when unlimited
  CaseId after_ = 0;
};

// The cases with these ids, in the order given (missing ids are left out).
std::vector<Case> load_cases(const sql::Connection& db, const std::vector<CaseId>& ids);

}  // namespace mpadvisor::casebase
