// The one exception type of the casebase library. Its message is a single line meant for a
// person ("cases.jsonl:12: outcome must be one of approved, rejected, unknown"); the CLI prints
// it and exits with code 2.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mpadvisor::casebase {

enum class Errc {
  io,             // a file could not be read, written or created
  database,       // SQLite reported an error (including "not a database")
  schema,         // the database was written by a newer mpadvisor, or a migration failed
  invalid_input,  // a bad JSONL line, a bad cause id, …
  not_found,      // no case with that id
};

class Error : public std::runtime_error {
 public:
  Error(Errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

// A bad line in a JSON Lines import that was not skipped: nothing of the import was written.
class ImportError : public Error {
 public:
  ImportError(std::string source, std::size_t line, std::string reason);
  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string source_;
  std::size_t line_;
  std::string reason_;
};

}  // namespace mpadvisor::casebase
