// The KB's own tests: run every scenario, compare with its expectations, and measure which
// rules the scenarios exercise.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

struct ExpectationResult {
  std::string expected;  // the expectation as written in the KB
  std::string actual;    // what the diagnosis said instead (empty when it passed)
  bool passed = false;
};

struct ScenarioResult {
  std::uint32_t scenario = 0;
  std::vector<ExpectationResult> expectations;
  std::string error;  // the scenario's facts do not fit the KB
  bool passed() const;
};

struct RuleCoverage {
  RuleId rule = kNone;
  bool fired = false;      // true in some scenario
  bool not_fired = false;  // false in some scenario
};

struct ScenarioReport {
  std::vector<ScenarioResult> results;
  std::vector<RuleCoverage> coverage;  // by RuleId
  std::size_t failed() const;
  std::vector<RuleId> uncovered() const;  // rules not seen both firing and not firing
};

// `now` stands in for the scenarios that give no `as_of`.
ScenarioReport run_scenarios(const Model& model, std::int64_t now);

}  // namespace mpadvisor::engine
