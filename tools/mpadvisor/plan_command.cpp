// plan: the cheapest sets of changes that unblock a profile, in order, with money, days and
// a release window. Checks the options, calls the planner, hands the result to a renderer.
#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/engine/plan.hpp"
#include "mpadvisor/render/plan.hpp"
#include "option_values.hpp"

namespace mpadvisor::cli {
namespace {

struct PlanArgs {
  std::string profile, target, weights;
  std::vector<std::string> keep;
  int top = 3;
};

// "cny=1,days=20,risk=200": any of the three, each a non-negative number.
engine::PlanWeights parse_weights(const std::string& text) {
  engine::PlanWeights w;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string const item = text.substr(start, end - start);
    std::size_t const eq = item.find('=');
    double value = -1;
    if (eq != std::string::npos) {
      auto [p, ec] = std::from_chars(item.data() + eq + 1, item.data() + item.size(), value);
      if (ec != std::errc{} || p != item.data() + item.size()) value = -1;
    }
    std::string const key = item.substr(0, eq);
    if (eq == std::string::npos || value < 0 || !std::isfinite(value) ||
        (key != "cny" && key != "days" && key != "risk"))
      throw UsageError(base::word("--weights takes cny=N,days=N,risk=N with non-negative numbers, got '{0}'",
                                  "--weights 须写成 cny=N,days=N,risk=N（N 为非负数），而不是“{0}”", item));
    (key == "cny" ? w.cny : key == "days" ? w.days : w.risk) = value;
    start = end + 1;
  }
  return w;
}

int run_plan(const GlobalOptions& g, const PlanArgs& a) {
  auto model = load_model(g, g.kb_path());
  engine::Profile profile = load_profile(*model, a.profile);
  engine::PlanOptions options;
  if (!a.target.empty()) {
    auto step = model->find_step(a.target);
    if (!step)
      throw UsageError(base::word("--target '{0}' is not a step of the knowledge base",
                                  "--target “{0}”不是知识库中的步骤", a.target));
    options.target = *step;
  }
  options.top = static_cast<std::size_t>(a.top);
  if (!a.weights.empty()) options.weights = parse_weights(a.weights);
  for (const std::string& name : a.keep) {
    auto fact = model->find_fact(name);
    if (!fact)
      throw UsageError(
          base::word("--keep '{0}' is not a fact of the knowledge base", "--keep “{0}”不是知识库中的字段", name));
    options.keep.push_back(*fact);
  }
  engine::PlanResult const result = engine::plan(*model, profile, options);
  render::Options const r = g.render_options();
  if (g.output_format() == Format::json)
    std::cout << render::plan_json(*model, result, profile.as_of, options.weights, r).dump(2) << "\n";
  else
    std::cout << render::plan_text(*model, result, profile.as_of, r);
  return result.plans.empty() || !result.unresolvable.empty() ? kExitFindings : kExitOk;
}

}  // namespace

void register_plan_command(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto args = std::make_shared<PlanArgs>();
  CLI::App* plan = app.add_subcommand(
      "plan", "The cheapest changes that unblock a profile, in order, with money, days and a release window");
  plan->add_option("profile", args->profile, "Profile (JSON)")->type_name("")->required();
  plan->add_option("--target", args->target, "Step to plan toward (default: every goal of the KB)")->type_name("STEP");
  plan->add_option("--top", args->top, "How many plans to show (1–20)")->type_name("N")->check(within(1, 20));
  plan->add_option("--weights", args->weights, "How to rank plans: cny=1,days=20,risk=200 (the default)")
      ->type_name("WEIGHTS");
  plan->add_option("--keep", args->keep, "Facts you will not change (a,b or repeated)")
      ->type_name("FACTS")
      ->delimiter(',');
  plan->callback([&context, args, &g] { context.action = [&g, args] { return run_plan(g, *args); }; });
}

}  // namespace mpadvisor::cli
