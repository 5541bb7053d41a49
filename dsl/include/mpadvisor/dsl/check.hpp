// Semantic checks of a loaded KB: names, types, the step graph, coverage of texts and sources.
#pragma once

#include <optional>

#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/diagnostic.hpp"
#include "mpadvisor/dsl/load.hpp"

namespace mpadvisor::dsl {

struct CheckOptions {
  std::optional<int> stale_after_days;  // warn about sources checked longer ago than this
  ast::Date today;                      // "now" for the staleness check
};

// Runs every pass (see check/passes.hpp for the order) and returns what they found.
Diagnostics check(const KnowledgeBase& kb, const CheckOptions& options = {});

// Days from `from` to `to` (proleptic Gregorian), for staleness and time-window rules.
long days_between(const ast::Date& from, const ast::Date& to);

}  // namespace mpadvisor::dsl
