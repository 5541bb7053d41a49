// Lowering scenarios: their facts (with their baseline's merged in), target and
// expectations as ids, each expectation keeping its KB text for reports.
#include <algorithm>

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

Given ModelBuilder::given(const ast::Assignment& a) const {
  Given g;
  g.unknown = a.unknown;
  if (a.fact.text == dsl::kGivenDone) {
    if (a.unknown) return g;
    for (const ast::Value& item : a.value.items) {
      ast::Name step;
      step.text = item.text;
      g.done_steps.push_back(step_id(step));
    }
  } else {
    g.fact = fact_id(a.fact);
    if (!a.unknown) g.value = literal_of(a.value);
  }
  return g;
}

namespace {

// Adds one fact to a scenario's facts, replacing what was said of the same fact before (done
// replaces done); `unknown` takes it away.
void merge(std::vector<Given>& facts, Given g) {
  auto same = std::find_if(facts.begin(), facts.end(), [&](const Given& earlier) { return earlier.fact == g.fact; });
  if (g.unknown) {
    if (same != facts.end()) facts.erase(same);
  } else if (same != facts.end()) {
    *same = std::move(g);
  } else {
    facts.push_back(std::move(g));
  }
}

}  // namespace

void ModelBuilder::scenarios() {
  each<ast::Scenario>([&](const ast::Scenario& s, const ast::Module& m) {
    ScenarioInfo info;
    info.name = s.name.text;
    info.description = text_of(s.description);
    // The baselines' facts first (the one started from first), then the scenario's own, each
    // replacing a fact named before: the scenario is its baseline "but with…".
    std::vector<const ast::Baseline*> chain;
    for (const ast::Name* from = &s.from; !from->empty();) {
      chain.push_back(symbols_.baselines.at(from->text).decl);  // the checker ruled out cycles
      from = &chain.back()->from;
    }
    if (!chain.empty()) info.baseline = chain.front()->name.text;
    const ast::Name* target = s.target.empty() ? nullptr : &s.target;
    for (const ast::Baseline* b : chain) {
      if (!target && !b->target.empty()) target = &b->target;
    }
    for (auto b = chain.rbegin(); b != chain.rend(); ++b) {
      for (const ast::Assignment& a : (*b)->given) merge(info.given, given(a));
    }
    for (const ast::Assignment& a : s.given) merge(info.given, given(a));
    info.target = target ? step_id(*target) : kNone;
    for (const ast::Expectation& e : s.expectations) info.expectations.push_back(expectation(e));
    info.location = locate(&m, s.name.span);
    model_->scenarios_->building().push_back(std::move(info));
  });
}

}  // namespace mpadvisor::engine
