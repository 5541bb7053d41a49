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

void collect(const std::vector<Finding>& findings, StepId step, std::vector<CauseId>& out) {
  for (const Finding& f : findings) {
    if (f.step == step) out.push_back(f.cause);
  }
}

// Whether the diagnosis meets one expectation, with what it says about the same thing.
ExpectationResult check(const Diagnosis& d, const Expectation& e) {
  ExpectationResult r;
  r.expectation = &e;
  r.verdict = d.verdict;
  if (e.step != kNone) r.status = d.status[e.step];
  auto any_at = [&](const std::vector<CauseId>& causes) {
    return e.cause == kNone ? !causes.empty() : std::find(causes.begin(), causes.end(), e.cause) != causes.end();
  };
  bool hit = false;
  switch (e.kind) {
    case Expectation::Kind::verdict:
      hit = d.verdict == e.verdict;
      break;
    case Expectation::Kind::blocked:
      for (const BlockedStep& b : d.blockers) collect(b.causes, e.step, r.causes);
      hit = e.cause != kNone ? any_at(r.causes) : r.status == StepStatus::blocked;
      break;
    case Expectation::Kind::warned:
      collect(d.warnings, e.step, r.causes);
      hit = any_at(r.causes);
      break;
    case Expectation::Kind::waiting:
      collect(d.waiting, e.step, r.causes);
      hit = e.cause != kNone ? any_at(r.causes) : r.status == StepStatus::waiting;
      break;
    case Expectation::Kind::needs_info:
      for (const NeededFact& n : d.needs_info) r.facts.push_back(n.fact);
      hit = std::find(r.facts.begin(), r.facts.end(), e.fact) != r.facts.end();
      break;
  }
  r.passed = e.negated ? !hit : hit;
  return r;
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
          for (StepId s : g.done_steps) mark_done(model, profile, s);
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
    for (const Expectation& e : sc.expectations) result.expectations.push_back(check(d, e));
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace mpadvisor::engine
