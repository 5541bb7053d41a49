// The one exception type of the casebase library. Its message is a single line meant for a
// person ("cases.jsonl:12: outcome must be one of approved, rejected, unknown"); the CLI prints
// it and exits with code 2. The mistakes a user makes in a command (a case id that is not
// there, a bad cause id, no database given) and the database being busy are worded in Chinese
// too; the rest (a bad import line, SQLite's and PostgreSQL's own reasons) only in English.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::casebase {

enum class Errc {
  io,             // a file could not be read, written or created
  database,       // SQLite reported an error (including "not a database")
  schema,         // the database was written by a newer mpadvisor, or a migration failed
  invalid_input,  // a bad JSONL line, a bad cause id, …
  not_found,      // no case with that id
};

class Error : public base::UserError {
 public:
  Error(Errc code, const std::string& english) : base::UserError(base::english_only(english)), code_(code) {}
  Error(Errc code, base::Wording message) : base::UserError(std::move(message)), code_(code) {}
  Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

// "no case with id 7": the one message every store gives for a missing case.
Error no_case(std::int64_t id);
// An imported case whose id another case has: the reason both stores give for the line.
base::Wording duplicate_id(std::int64_t id);

// A bad line in a JSON Lines import that was not skipped: nothing of the import was written.
class ImportError : public Error {
 public:
  ImportError(std::string source, std::size_t line, base::Wording reason);
  const std::string& source() const noexcept { return source_; }
  std::size_t line() const noexcept { return line_; }
  const base::Wording& reason() const noexcept { return reason_; }

 private:
  std::string source_;
  std::size_t line_;
  base::Wording reason_;
};

}  // namespace mpadvisor::casebase
