// Lowering scenarios: their facts (with their baseline's merged in), target and
// expectations as ids, each expectation keeping its KB text for reports.
#include "compile/builder.hpp"
#include "mpadvisor/dsl/format.hpp"

namespace mpadvisor::engine {

Expectation ModelBuilder::expectation(const ast::Expectation& e) const {
  static constexpr Expectation::Kind kKinds[] = {Expectation::Kind::verdict, Expectation::Kind::blocked,
                                                 Expectation::Kind::warned, Expectation::Kind::waiting,
                                                 Expectation::Kind::needs_info};
  Expectation out;
  out.kind = kKinds[static_cast<int>(e.kind)];
  out.negated = e.negated;
  out.verdict = e.verdict == "blocked"      ? Verdict::blocked
                : e.verdict == "needs_info" ? Verdict::needs_info
                                            : Verdict::clear;
  if (!e.step.empty()) out.step = step_id(e.step);
  if (!e.cause.empty()) out.cause = cause_id(e.cause);
  if (!e.fact.empty()) out.fact = fact_id(e.fact);
  out.text = dsl::format_expectation(e);
  return out;
}

void ModelBuilder::scenarios() {
  each<ast::Scenario>([&](const ast::Scenario& s, const ast::Module& m) {
    ScenarioInfo info;
    info.name = s.name.text;
    info.description = text_of(s.description);
    for (const ast::Assignment& a : s.given) {
      Given g;
      if (a.fact.text == dsl::kGivenDone) {
        for (const ast::Value& item : a.value.items) {
          ast::Name step;
          step.text = item.text;
          g.done_steps.push_back(step_id(step));
        }
      } else {
        g.fact = fact_id(a.fact);
        g.value = literal_of(a.value);
      }
      info.given.push_back(std::move(g));
    }
    info.target = s.target.empty() ? kNone : step_id(s.target);
    for (const ast::Expectation& e : s.expectations) info.expectations.push_back(expectation(e));
    info.location = locate(&m, s.name.span);
    model_->scenarios_.push_back(std::move(info));
  });
}

}  // namespace mpadvisor::engine
