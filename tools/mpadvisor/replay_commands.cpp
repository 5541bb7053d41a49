// cases replay and kb impact: the case base run through the engine.
#include "replay_commands.hpp"

#include <iostream>
#include <memory>

#include "case_store.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/render/replay.hpp"
#include "mpadvisor/replay/replay.hpp"
#include "option_values.hpp"
#include "progress.hpp"

namespace mpadvisor::cli {
namespace {

int run_replay(const GlobalOptions& g, bool record) {
  auto model = load_model(g, g.kb_path());
  casebase::Store store = open_case_store(g);
  replay::ReplayReport r;
  try {
    Progress progress(g.render_options().lang);
    r = replay::replay(store, *model, record, [&](std::size_t done, std::size_t all) { progress.update(done, all); });
    progress.finish();
  } catch (const casebase::Error& e) {
    rethrow_case_error(e);
  }
  if (g.output_format() == Format::json)
    std::cout << render::replay_json(r, model->version()).dump(2) << "\n";
  else
    std::cout << render::replay_text(r, model->version(), g.render_options());
  return kExitOk;
}

int run_impact(const GlobalOptions& g, const std::string& base_path) {
  auto base = load_model(g, base_path);
  auto next = load_model(g, g.kb_path());
  casebase::Store store = open_case_store(g);
  std::size_t total = 0;
  std::vector<replay::ImpactRow> rows;
  try {
    Progress progress(g.render_options().lang);
    rows = replay::impact(store, *base, *next, &total,
                          [&](std::size_t done, std::size_t all) { progress.update(done, all); });
    progress.finish();
  } catch (const casebase::Error& e) {
    rethrow_case_error(e);
  }
  if (g.output_format() == Format::json)
    std::cout << render::impact_json(rows, total, base->version(), next->version()).dump(2) << "\n";
  else
    std::cout << render::impact_text(rows, total, base->version(), next->version(), g.render_options());
  return rows.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void register_kb_impact(CLI::App& kb, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto base = std::make_shared<std::string>();
  CLI::App* impact =
      kb.add_subcommand("impact", "Stored cases whose verdict or top cause changes between --base and --kb");
  impact->add_option("--base", *base, "The KB before the change")->type_name("PATH")->required();
  impact->callback([&context, base, &g] { context.action = [&g, base] { return run_impact(g, *base); }; });
}

void register_cases_replay(CLI::App& cases, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto record = std::make_shared<bool>(false);
  CLI::App* replay =
      cases.add_subcommand("replay", "Diagnose every stored case; top-1/top-3 accuracy of the cause ranking");
  replay->add_flag("--record", *record, "Store each case's verdict and top cause with the KB version");
  replay->callback([&context, record, &g] { context.action = [&g, record] { return run_replay(g, *record); }; });
}

}  // namespace mpadvisor::cli
