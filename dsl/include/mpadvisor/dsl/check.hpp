// Semantic checks of a loaded KB: names, types, the step graph, coverage of texts and sources.
#pragma once

#include <optional>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/diagnostic.hpp"
#include "mpadvisor/dsl/load.hpp"

namespace mpadvisor::dsl {

struct CheckOptions {
  std::optional<int> stale_after_days;  // warn about sources checked longer ago than this
  base::Date today;                     // "now" for the staleness check
};

// Runs every pass (see check/passes.hpp for the order) and returns what they found.
Diagnostics check(const KnowledgeBase& kb, const CheckOptions& options = {});

// The calendar date a KB date literal names (only meaningful for a valid one).
base::Date to_date(const ast::Date& d);

}  // namespace mpadvisor::dsl
