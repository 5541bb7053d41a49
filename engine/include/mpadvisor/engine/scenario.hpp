// The KB's own tests: run every scenario, compare with its expectations, and measure which
// rules the scenarios exercise.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

// One expectation checked, with what the diagnosis said about the same thing: its verdict,
// the step's status and the causes found there, or the facts it asked for (whichever the
// expectation is about). Renderers turn it into words.
struct ExpectationResult {
  const Expectation* expectation = nullptr;  // in the Model
  bool passed = false;
  Verdict verdict = Verdict::clear;
  StepStatus status = StepStatus::pending;
  std::vector<CauseId> causes;  // blocking (or warning, for `warned`) causes at the step
  std::vector<FactId> facts;    // the facts the diagnosis asked for
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
