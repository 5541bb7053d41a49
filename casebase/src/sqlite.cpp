#include "sqlite.hpp"

#include <utility>

#include "mpadvisor/casebase/error.hpp"

namespace mpadvisor::casebase::sql {

// ---------------------------------------------------------------------------------------------
// Connection

Connection::Connection(const std::string& path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(Errc::database, message);
  }
}

Connection::Connection(Connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::fail(std::string_view what) const {
  std::string message(what);
  if (!message.empty()) message += ": ";
  message += db_ ? sqlite3_errmsg(db_) : "no database";
  throw Error(Errc::database, message);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw Error(Errc::database, message);
  }
}

Statement Connection::prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK)
    fail("");
  return Statement(db_, stmt);
}

std::int64_t Connection::pragma_int(const char* name) const {
  // Pragma names cannot be bound; callers pass fixed names only.
  auto stmt = prepare(std::string("PRAGMA ") + name);
  return stmt.step() ? stmt.column_int(0) : 0;
}

// ---------------------------------------------------------------------------------------------
// Statement

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

static void check_bind(sqlite3* db, int rc) {
  if (rc != SQLITE_OK) throw Error(Errc::database, std::string("bind: ") + sqlite3_errmsg(db));
}

Statement& Statement::bind(int index, std::int64_t value) {
  check_bind(db_, sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check_bind(db_, sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // A null data pointer would bind NULL; an empty text must stay an empty text.
  check_bind(
      db_, sqlite3_bind_text64(stmt_, index, text.data() ? text.data() : "", text.size(), SQLITE_STATIC, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  check_bind(db_, sqlite3_bind_null(stmt_, index));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw Error(Errc::database, message);
}

int Statement::try_step() noexcept { return sqlite3_step(stmt_); }

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const noexcept { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::column_int(int column) const noexcept { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const noexcept { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::column_text(int column) const noexcept {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string_view();
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return std::string(column_text(column));
}

// ---------------------------------------------------------------------------------------------
// Transactions

WriteTransaction::WriteTransaction(Connection& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

ReadTransaction::ReadTransaction(const Connection& db) : db_(db) {
  if (sqlite3_exec(db_.handle(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) db_.fail("BEGIN");
}

ReadTransaction::~ReadTransaction() { sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr); }

}  // namespace mpadvisor::casebase::sql
