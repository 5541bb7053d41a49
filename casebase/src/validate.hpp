// Field checks shared by the JSONL codec and the store.
#pragma once

#include <string_view>

namespace mpadvisor::casebase::validate {

// ISO 8601 calendar date, optionally with a time: YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff]]
// with an optional Z or ±hh:mm / ±hhmm offset. Month and day ranges (leap years too) are checked.
bool is_iso8601(std::string_view text) noexcept;

// Step and cause ids: an ASCII letter or '_' first, then letters, digits, '_', '.', '-', ':';
// at most 200 characters. E.g. filing.submit, name_commercial.
bool is_identifier(std::string_view text) noexcept;

}  // namespace mpadvisor::casebase::validate
