#include "mpadvisor/engine/scenario.hpp"

#include <algorithm>

namespace mpadvisor::engine {

bool ScenarioResult::passed() const {
  return error.empty() &&
         std::all_of(expectations.begin(), expectations.end(), [](const ExpectationResult& e) { return e.passed; });
}

std::size_t ScenarioReport::failed() const {
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [](const ScenarioResult& r) { return !r.passed(); }));
}

std::vector<RuleId> ScenarioReport::uncovered() const {
  std::vector<RuleId> out;
  for (const RuleCoverage& c : coverage) {
    if (!c.fired || !c.not_fired) out.push_back(c.rule);
  }
  return out;
}

namespace {

std::string causes_at(const Model& model, const std::vector<Finding>& findings, StepId step) {
  std::string out;
  for (const Finding& f : findings) {
    if (f.step == step) out += (out.empty() ? "" : ", ") + model.causes()[f.cause].name;
  }
  return out.empty() ? "none" : out;
}

// Whether the diagnosis meets one expectation, and a description of what it says instead.
std::pair<bool, std::string> check(const Model& model, const Diagnosis& d, const Expectation& e) {
  StepId const step = e.step;
  CauseId const cause = e.cause;
  auto matches = [&](const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.step == step && (cause == kNone || f.cause == cause); });
  };
  std::string const step_name = step == kNone ? "" : model.steps()[step].name;
  std::vector<Finding> blocking;
  for (const BlockedStep& b : d.blockers) blocking.insert(blocking.end(), b.causes.begin(), b.causes.end());
  switch (e.kind) {
    case Expectation::Kind::verdict:
      return {d.verdict == e.verdict, "verdict " + std::string(to_string(d.verdict))};
    case Expectation::Kind::blocked: {
      bool const hit = cause != kNone ? matches(blocking) : d.status[step] == StepStatus::blocked;
      return {hit, step_name + " is " + std::string(to_string(d.status[step])) +
                       ", blocking causes there: " + causes_at(model, blocking, step)};
    }
    case Expectation::Kind::warned:
      return {matches(d.warnings), "warnings at " + step_name + ": " + causes_at(model, d.warnings, step)};
    case Expectation::Kind::waiting: {
      bool const hit = cause != kNone ? matches(d.waiting) : d.status[step] == StepStatus::waiting;
      return {hit, step_name + " is " + std::string(to_string(d.status[step]))};
    }
    case Expectation::Kind::needs_info: {
      bool const hit =
          std::any_of(d.needs_info.begin(), d.needs_info.end(), [&](const NeededFact& n) { return n.fact == e.fact; });
      std::string needed;
      for (const NeededFact& n : d.needs_info) needed += (needed.empty() ? "" : ", ") + model.facts()[n.fact].name;
      return {hit, "information needed: " + (needed.empty() ? std::string("none") : needed)};
    }
  }
  return {false, ""};
}

}  // namespace

ScenarioReport run_scenarios(const Model& model, std::int64_t now) {
  ScenarioReport report;
  for (RuleId r = 0; r < model.rules().size(); ++r) report.coverage.push_back({r, false, false});
  for (std::uint32_t i = 0; i < model.scenarios().size(); ++i) {
    const ScenarioInfo& sc = model.scenarios()[i];
    ScenarioResult result;
    result.scenario = i;
    Profile profile = empty_profile(model, now);
    try {
      for (const Given& g : sc.given) {
        if (g.fact == kNone) {
          for (StepId s : g.done_steps) profile.done[s] = true;
        } else {
          set_fact(model, profile, g.fact, g.value);
        }
      }
    } catch (const ProfileError& e) {
      result.error = e.what();
      report.results.push_back(std::move(result));
      continue;
    }
    DiagnoseOptions options;
    if (sc.target != kNone) options.target = sc.target;
    options.evidence = false;
    Diagnosis d = diagnose(model, profile, options);
    for (auto [rule, value] : d.rule_values) {
      if (value == Truth::yes) report.coverage[rule].fired = true;
      if (value == Truth::no) report.coverage[rule].not_fired = true;
    }
    for (const Expectation& e : sc.expectations) {
      auto [hit, actual] = check(model, d, e);
      bool const passed = e.negated ? !hit : hit;
      result.expectations.push_back({e.text, passed ? "" : actual, passed});
    }
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace mpadvisor::engine
