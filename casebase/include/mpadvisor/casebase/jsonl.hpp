// The JSON Lines exchange format of cases (docs/cases.md): one JSON object per line with
//   date, stage, entity, profile, message, causes, fix, outcome, source   (required)
//   id, diagnosis                                                         (optional)
// Parsing validates every field and redacts personal data; it never touches a database, so it
// can also check a file (e.g. the shipped kb/cases/*.jsonl) on its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/casebase/case.hpp"
#include "mpadvisor/casebase/redact.hpp"

namespace mpadvisor::casebase {

struct ParsedLine {
  bool blank = false;         // an empty or all-blank line: nothing to import, not an error
  std::optional<Case> value;  // the case, redacted; id is 0 when the line gave none
  base::Wording error;        // why the line is bad (one line, without the line number)
  RedactionCounts redactions;
  // The profile's "category" (as text when it is not a string), for statistics; none if absent.
  std::optional<std::string> category;

  bool ok() const noexcept { return value.has_value(); }
};

ParsedLine parse_case_line(std::string_view line);

// One line (without the newline), fields in the documented order; `diagnosis` only when set.
std::string to_json_line(const Case& value);

}  // namespace mpadvisor::casebase
