#include "pg.hpp"

#include <charconv>

#include "mpadvisor/casebase/error.hpp"

namespace mpadvisor::casebase::pg {
namespace {

// libpq's messages end with a newline and may run over several lines ("DETAIL: …"); the
// first line is the one a person needs.
std::string first_line(const char* message) {
  std::string_view text = message ? message : "";
  if (text.starts_with("ERROR:  ")) text.remove_prefix(8);
  const auto end = text.find('\n');
  return std::string(text.substr(0, end));
}

// The parameters as libpq takes them: NUL-terminated texts, or null for SQL NULL.
std::vector<const char*> values_of(const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  return values;
}

}  // namespace

std::optional<std::string> Result::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return std::string(text(row, column));
}

std::int64_t Result::int64(int row, int column) const {
  const auto value = text(row, column);
  std::int64_t out = 0;
  std::from_chars(value.data(), value.data() + value.size(), out);
  return out;
}

Connection::Connection(const std::string& url, std::string printable)
    : conn_(libpq().connectdb(url.c_str()), libpq().finish), printable_(std::move(printable)) {
  if (!conn_)
    throw Error(Errc::database, base::word("cannot connect to the case database {0}: out of memory",
                                           "无法连接案例库 {0}：内存不足", printable_));
  // The server's reason is in English (or the server's language) either way.
  if (libpq().status(conn_.get()) != CONNECTION_OK)
    throw Error(Errc::database, base::word("cannot connect to the case database {0}: {1}", "无法连接案例库 {0}：{1}",
                                           printable_, first_line(libpq().error_message(conn_.get()))));
  // Warnings ("relation already exists, skipping") are not for the applicant's terminal.
  libpq().set_notice_processor(
      conn_.get(), [](void*, const char*) {}, nullptr);
  exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

void Connection::fail(std::string_view what, const PGresult* result) const {
  const char* message = result ? libpq().result_error_message(result) : libpq().error_message(conn_.get());
  throw Error(Errc::database, std::string(what) + " failed on " + printable_ + ": " + first_line(message));
}

Result Connection::checked(Result result, std::string_view what) const {
  const auto status = libpq().result_status(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(what, result.get());
  return result;
}

void Connection::exec(const std::string& sql) const {
  // PQexec runs every statement of the string and stops at the first failure.
  checked(Result(libpq().exec(conn_.get(), sql.c_str())), "a statement");
}

Result Connection::query(const std::string& sql, const std::vector<Param>& params) const {
  const auto values = values_of(params);
  return checked(Result(libpq().exec_params(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                            values.data(), nullptr, nullptr, 0)),
                 "a query");
}

Result Connection::query(const char* sql, std::initializer_list<Param> params) const {
  return query(std::string(sql), std::vector<Param>(params));
}

Result Connection::prepared(const char* name, const char* sql, const std::vector<Param>& params) const {
  if (!prepared_.contains(name)) {
    checked(Result(libpq().prepare(conn_.get(), name, sql, static_cast<int>(params.size()), nullptr)),
            "preparing a statement");
    prepared_.insert(name);
  }
  const auto values = values_of(params);
  return checked(Result(libpq().exec_prepared(conn_.get(), name, static_cast<int>(values.size()), values.data(),
                                              nullptr, nullptr, 0)),
                 "a query");
}

std::string Connection::try_query(const char* sql, std::initializer_list<Param> params) const {
  const auto values = values_of(std::vector<Param>(params));
  Result result(libpq().exec_params(conn_.get(), sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                    nullptr, 0));
  const auto status = libpq().result_status(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
  const char* state = libpq().result_error_field(result.get(), PG_DIAG_SQLSTATE);
  if (!state) fail("a query", result.get());  // no SQLSTATE: the connection itself failed
  return state;
}

Transaction::Transaction(const Connection& db, Kind kind) : db_(db) {
  db_.exec(kind == Kind::write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const Error&) {  // the connection is gone: the server rolls back by itself
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

std::string array_literal(const std::vector<std::string>& texts) {
  std::string out = "{";
  for (const auto& text : texts) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string array_literal(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (auto value : values) {
    if (out.size() > 1) out += ',';
    out += std::to_string(value);
  }
  return out + "}";
}

}  // namespace mpadvisor::casebase::pg
