// Field checks shared by the JSONL codec and the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::casebase::validate {

// Why the text is not a date or date-time as the whole project reads them (base/clock.hpp:
// YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff]] with an optional Z or offset; 30 February and
// the like refused); nothing when it is one.
std::optional<base::Wording> date_error(std::string_view text);

// Step and cause ids: an ASCII letter or '_' first, then letters, digits, '_', '.', '-', ':';
// at most 200 characters. E.g. filing.submit, name_commercial.
bool is_identifier(std::string_view text) noexcept;

}  // namespace mpadvisor::casebase::validate
