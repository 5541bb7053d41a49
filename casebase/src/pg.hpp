// A thin RAII layer over libpq: a connection, results, parameters as text, and transactions.
// Every failure becomes casebase::Error(Errc::database) with the server's message; the URL in
// messages is always the printable one (no password).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "libpq.hpp"

namespace mpadvisor::casebase::pg {

// One query parameter in text form; NULL when empty.
class Param {
 public:
  Param(std::nullopt_t) {}  // NOLINT(google-explicit-constructor): reads as a value in a list
  Param(std::string text) : text_(std::move(text)) {}             // NOLINT(google-explicit-constructor)
  Param(std::string_view text) : text_(std::string(text)) {}      // NOLINT(google-explicit-constructor)
  Param(const char* text) : text_(std::string(text)) {}           // NOLINT(google-explicit-constructor)
  Param(std::int64_t value) : text_(std::to_string(value)) {}     // NOLINT(google-explicit-constructor)
  Param(const std::optional<std::string>& text) : text_(text) {}  // NOLINT(google-explicit-constructor)
  const char* c_str() const noexcept { return text_ ? text_->c_str() : nullptr; }

 private:
  std::optional<std::string> text_;
};

class Result {
 public:
  explicit Result(PGresult* result) : result_(result, libpq().clear) {}
  int rows() const noexcept { return libpq().ntuples(result_.get()); }
  bool is_null(int row, int column) const noexcept { return libpq().getisnull(result_.get(), row, column) != 0; }
  std::string_view text(int row, int column) const noexcept {
    return {libpq().getvalue(result_.get(), row, column),
            static_cast<std::size_t>(libpq().getlength(result_.get(), row, column))};
  }
  std::optional<std::string> optional_text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  bool boolean(int row, int column) const noexcept { return text(row, column) == "t"; }
  const PGresult* get() const noexcept { return result_.get(); }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class Connection {
 public:
  // `url`: a postgresql:// URL; `printable`: the same without its password, for messages.
  Connection(const std::string& url, std::string printable);
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // Fixed SQL (several statements allowed: migrations, BEGIN/COMMIT).
  void exec(const std::string& sql) const;
  // One statement with $1… parameters sent as text.
  Result query(const char* sql, std::initializer_list<Param> params = {}) const;
  Result query(const std::string& sql, const std::vector<Param>& params) const;
  // As query, through a statement prepared once per connection under `name` (parsed and
  // planned once: the importer runs the same statements for every case).
  Result prepared(const char* name, const char* sql, const std::vector<Param>& params) const;
  // As query, but returns the SQLSTATE of a failure ("" on success) instead of throwing.
  std::string try_query(const char* sql, std::initializer_list<Param> params = {}) const;

  const std::string& printable() const noexcept { return printable_; }

 private:
  [[noreturn]] void fail(std::string_view what, const PGresult* result) const;
  // `result` when its status is a success, else Error naming `what` with the server's message.
  Result checked(Result result, std::string_view what) const;

  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
  std::string printable_;
  mutable std::set<std::string> prepared_;
};

// BEGIN … COMMIT; rolls back when destroyed uncommitted (an exception went through).
class Transaction {
 public:
  enum class Kind { write, read_snapshot };
  explicit Transaction(const Connection& db, Kind kind = Kind::write);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  const Connection& db_;
  bool open_ = true;
};

// A PostgreSQL array literal ({"a","b"}) of the texts, for `= ANY($1::text[])` and unnest.
std::string array_literal(const std::vector<std::string>& texts);
std::string array_literal(const std::vector<std::int64_t>& values);

}  // namespace mpadvisor::casebase::pg
