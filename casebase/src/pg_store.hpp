// The PostgreSQL backend, for several workers sharing one case base. Its parts: pg_schema.cpp
// (migrations), pg_store.cpp (opening, import, reading, writing, statistics), pg_search.cpp
// (the similar-case search).
//
// Writers (import, label, record) take one transaction-scoped advisory lock, so two importers
// wait for each other as they do on SQLite; readers take no lock and read a snapshot (MVCC),
// so they never wait and never fail during an import.
#pragma once

#include <cstdint>
#include <string>

#include "backend.hpp"
#include "pg.hpp"

namespace mpadvisor::casebase {

// The advisory lock every writer holds for its transaction: one per case base, i.e. per schema
// (its first key says "mpad" in ASCII, the second is the schema's name hashed).
inline constexpr const char* kTryWriteLock = "SELECT pg_try_advisory_xact_lock(1836081508, hashtext(current_schema()))";
inline constexpr const char* kWaitWriteLock = "SELECT pg_advisory_xact_lock(1836081508, hashtext(current_schema()))";

// Brings the database to the latest schema (in the caller's transaction, which holds the
// write lock). `on_create` runs after the migrations when there was no schema at all.
// Returns the version found before.
int migrate_postgres(const pg::Connection& db, const std::function<void()>& on_create);

class PgStore final : public Store::Impl {
 public:
  PgStore(const std::string& url, const OpenOptions& options);

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
  // Takes the write lock in the current transaction, waiting up to the busy timeout (and
  // telling the caller once, as SQLite's busy handler does).
  void lock_for_writing() const;

  pg::Connection db_;
  int busy_timeout_ms_;
  std::function<void()> on_wait_;
};

// The cases with these ids, in the order given (missing ids are left out).
std::vector<Case> load_pg_cases(const pg::Connection& db, const std::vector<CaseId>& ids);

}  // namespace mpadvisor::casebase
