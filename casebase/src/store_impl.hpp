// What store.cpp, stats.cpp and similar.cpp share: the open connection and the reading of
// cases (with their causes) a page at a time.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "mpadvisor/casebase/store.hpp"
#include "sqlite.hpp"

namespace mpadvisor::casebase {

struct Store::Impl {
  // Waiting for another process's write lock: up to timeout_ms, telling the caller once.
  struct BusyWait {
    int timeout_ms = 5000;
    std::function<void()> on_wait;
    bool told = false;
  };

  std::filesystem::path path;
  BusyWait busy;  // before db: SQLite holds a pointer to it while the connection lives
  sql::Connection db;
  SeedReport seed;

  // SQLite's busy handler: count is how often it was called for this lock. Sleeps a little and
  // asks to retry until the timeout; the caller's on_wait runs on the first call.
  static int on_busy(void* context, int count);
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
