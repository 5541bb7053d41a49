// A thin RAII layer over the SQLite C API: a connection, prepared statements and write
// transactions. Every failure becomes casebase::Error(Errc::database) with SQLite's message.
// Text is bound without copying (SQLITE_STATIC): keep it alive until the statement is reset.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpadvisor::casebase::sql {

class Statement;

class Connection {
 public:
  Connection() = default;
  explicit Connection(const std::string& path);  // read-write, created if missing
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* handle() const noexcept { return db_; }
  void exec(const char* sql);  // for fixed SQL only (pragmas, migrations, BEGIN/COMMIT)
  Statement prepare(std::string_view sql) const;
  std::int64_t pragma_int(const char* name) const;  // e.g. "user_version"
  [[noreturn]] void fail(std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // not copied
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::optional<std::string>& text);
  // Text is bound without a copy, so a temporary would dangle before step().
  Statement& bind(int index, std::string&& text) = delete;
  Statement& bind(int index, std::optional<std::string>&& text) = delete;
  Statement& bind_null(int index);

  // Runs one step: true when a row is ready, false when done. Throws on error.
  bool step();
  // Runs one step and returns SQLite's (extended) result code instead of throwing.
  int try_step() noexcept;
  void reset() noexcept;  // also clears the bindings

  bool is_null(int column) const noexcept;
  std::int64_t column_int(int column) const noexcept;
  double column_double(int column) const noexcept;
  std::string_view column_text(int column) const noexcept;
  std::optional<std::string> column_optional_text(int column) const;

  sqlite3_stmt* handle() const noexcept { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed uncommitted (an exception went through).
// IMMEDIATE takes the write lock up front, so the busy timeout applies and a read transaction
// is never upgraded into SQLITE_BUSY_SNAPSHOT.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& db);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void commit();

 private:
  Connection& db_;
  bool open_ = true;
};

// BEGIN (deferred) … COMMIT around several reads, so that they see one snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(const Connection& db);
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction();

 private:
  const Connection& db_;
};

}  // namespace mpadvisor::casebase::sql
