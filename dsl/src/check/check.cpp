// The checker's driver: the passes as one ordered table, in the manner of a compiler's stage
// list. A pass runs only if the passes it relies on reported no error; otherwise it would
// report consequences of those errors instead of new problems.
#include <array>
#include <string_view>

#include "check/context.hpp"

namespace mpadvisor::dsl {

base::Date to_date(const ast::Date& d) {
  return base::Date{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                    std::chrono::day{static_cast<unsigned>(d.day)}};
}

base::Wording date_error(const ast::Date& d) {
  base::Wording why = base::invalid_date_reason(d.year, static_cast<unsigned>(d.month), static_cast<unsigned>(d.day));
  if (why.en.empty() && d.has_time() && (d.hour > 23 || d.minute > 59))
    why = {"hours run 00–23 and minutes 00–59", "小时为 00–23，分钟为 00–59"};
  return why;
}

namespace check_detail {
namespace {

enum PassId : unsigned {
  kDuplicates,
  kReferences,
  kSources,
  kScenarios,
  kConditions,
  kStepGraph,
  kReachability,
  kCauseUse,
  kCoverage,
  kPassCount
};

constexpr unsigned bit(PassId id) { return 1u << id; }

struct Pass {
  PassId id;
  std::string_view name;
  void (*run)(CheckContext&);
  unsigned relies_on;  // bits of the passes that must have found no error
};

// Every pass reads the symbol table, built before any pass runs; it keeps the first of two
// declarations of a name, so a duplicate hides nothing from the later passes.
constexpr std::array<Pass, kPassCount> kPasses = {{
    // Every name declared once; no fact named after a reserved word.
    {kDuplicates, "duplicates", check_duplicates, 0},
    // Every reference outside conditions names a declaration of the right kind; goals,
    // actors, values, dates, fixes and message patterns fit their declarations.
    {kReferences, "references", check_references, 0},
    // Every source is an address or names a declared reference; its `checked` date exists.
    {kSources, "sources", check_sources, 0},
    // Scenario and baseline facts fit their facts; `from`, targets and expectations resolve;
    // no scenario restates its baseline.
    {kScenarios, "scenarios", check_scenarios, 0},
    // Every test in a condition names a declared fact and is well typed for it. It resolves
    // its own names and skips a test whose fact is undefined, so it relies on no other pass.
    // And no `and` chain asks one fact for two incompatible things: literals are compared as
    // written, so a mistyped one (a type error above) cannot hide a contradiction. Both in one
    // walk, so that a condition kept as text is parsed once.
    {kConditions, "conditions", check_conditions, 0},
    // `requires` has no cycle; builds the step graph the compiler orders steps by. An
    // unresolved `requires` is left out of the graph; it cannot create a cycle.
    {kStepGraph, "step graph", check_step_graph, 0},
    // Every step is on the way to a goal. Over a cycle the question has no answer, and a
    // misspelt `requires` (a references error) would make its step look unreachable.
    {kReachability, "reachability", check_reachability, bit(kStepGraph) | bit(kReferences)},
    // Causes no rule uses, and blocking causes without message patterns. A cause misspelt in
    // a rule (a references error) would look unused.
    {kCauseUse, "cause use", check_cause_use, bit(kReferences)},
    // Texts in both languages, fixes, sources and their age: warnings for the author.
    {kCoverage, "coverage", check_coverage, 0},
}};

}  // namespace

void run_passes(CheckContext& cx) {
  unsigned failed = 0;
  for (const Pass& pass : kPasses) {
    if ((failed & pass.relies_on) != 0) continue;
    std::size_t const errors = cx.diagnostics.error_count();
    pass.run(cx);
    if (cx.diagnostics.error_count() > errors) failed |= bit(pass.id);
  }
}

}  // namespace check_detail
}  // namespace mpadvisor::dsl
