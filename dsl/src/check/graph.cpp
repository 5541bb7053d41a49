// The step-graph passes: the `requires` graph is acyclic (each cycle reported with its whole
// path), and every step is on the way to a goal.
#include "check/context.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/step_graph.hpp"

namespace mpadvisor::dsl::check_detail {

void check_step_graph(CheckContext& cx) {
  cx.graph = std::make_unique<StepGraph>(cx.symbols);
  const StepGraph& graph = *cx.graph;
  const auto& g = graph.graph();
  auto cycles = graph.cycles();
  for (const auto& cycle : cycles) {
    std::string path;
    for (StepId v : cycle) path += (path.empty() ? "" : " → ") + g[v].name;
    // Point at the edge that closes the cycle as written in its first step.
    const StepVertex& first = g[cycle.front()];
    ast::Span at = first.step->name.span;
    for (const ast::Name& r : first.step->requires_) {
      if (r.text == g[cycle[1]].name) at = r.span;
    }
    cx.report(*first.module, at, Severity::error, code::kRequiresCycle,
              base::word("steps require each other in a cycle: {0}", "步骤之间循环依赖：{0}", path));
  }
}

void check_reachability(CheckContext& cx) {
  const StepGraph& graph = *cx.graph;
  const auto& g = graph.graph();
  if (cx.symbols.goals.empty()) return;
  std::vector<bool> needed(graph.size(), false);
  base::Wording goals;  // 'a', 'b' / “a”、“b”
  for (const auto& goal_decl : cx.symbols.goals) {
    auto goal = graph.find(goal_decl.decl->step.text);
    if (!goal) continue;
    goals.en += (goals.en.empty() ? "'" : ", '") + g[*goal].name + "'";
    goals.zh += (goals.zh.empty() ? "“" : "、“") + g[*goal].name + "”";
    std::vector<bool> reached = graph.requirements_of(*goal);
    for (StepId v = 0; v < graph.size(); ++v) needed[v] = needed[v] || reached[v];
  }
  for (StepId v = 0; v < graph.size(); ++v) {
    if (!needed[v]) {
      cx.report(*g[v].module, g[v].step->name.span, Severity::warning, code::kUnreachableStep,
                base::word("no goal reaches step '{0}' (goals: {1}); require it from a step on the way, or declare it "
                           "a goal",
                           "没有目标用到步骤“{0}”（目标：{1}）；请让途中的某一步 requires 它，或把它声明为目标",
                           g[v].name, goals));
    }
  }
}

}  // namespace mpadvisor::dsl::check_detail
