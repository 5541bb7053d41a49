// Options of the semantic checks (the checks themselves run through load_and_check, in
// checked_kb.hpp).
#pragma once

#include <optional>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl {

struct CheckOptions {
  std::optional<int> stale_after_days;  // warn about sources checked longer ago than this
  base::Date today;                     // "now" for the staleness check
};

// The calendar date a KB date literal names (only meaningful for a valid one).
base::Date to_date(const ast::Date& d);

// Why a KB date literal names no calendar day (30 February), in both languages; empty when it
// names one.
base::Wording date_error(const ast::Date& d);

}  // namespace mpadvisor::dsl
