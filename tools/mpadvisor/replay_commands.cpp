#include "replay_commands.hpp"

#include <iomanip>
#include <iostream>
#include <memory>

#include "case_store.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/replay/replay.hpp"
#include "render.hpp"

namespace mpadvisor::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "-" : out;
}

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

int run_replay(const GlobalOptions& g, bool record) {
  auto model = load_model(g.kb_path(), g.colour);
  casebase::Store store = open_case_store(g);
  replay::ReplayReport r = replay::replay(store, *model, record);
  if (g.output_format() == Format::json) {
    Json misses = Json::array();
    for (const replay::ReplayMiss& m : r.misses)
      misses.push_back({{"id", m.id}, {"labelled", m.labelled}, {"ranked", m.ranked}});
    std::cout << Json{{"kb_version", model->version()},
                      {"cases", r.cases},
                      {"labelled", r.labelled},
                      {"top1", r.top1},
                      {"top3", r.top3},
                      {"top1_accuracy", ratio(r.top1, r.labelled)},
                      {"top3_accuracy", ratio(r.top3, r.labelled)},
                      {"errors", r.errors},
                      {"misses", std::move(misses)}}
                     .dump(2)
              << "\n";
  } else if (to_engine(g.language()) == engine::Lang::zh) {
    std::cout << std::fixed << std::setprecision(1) << "已用知识库 " << model->version() << " 重放 " << r.cases
              << " 个案例（其中 " << r.labelled << " 个已标注）\n"
              << "首位命中：" << r.top1 << "/" << r.labelled << "（" << 100 * ratio(r.top1, r.labelled) << "%）\n"
              << "前三命中：" << r.top3 << "/" << r.labelled << "（" << 100 * ratio(r.top3, r.labelled) << "%）\n";
    if (r.errors) std::cout << "与知识库不符的资料：" << r.errors << "\n";
    for (const replay::ReplayMiss& m : r.misses) {
      std::cout << "未命中 #" << m.id << "：标注 " << join(m.labelled) << "；排序 " << join(m.ranked) << "\n";
    }
  } else {
    std::cout << std::fixed << std::setprecision(1) << "replayed " << r.cases << " cases (" << r.labelled
              << " labelled) with KB " << model->version() << "\n"
              << "top-1 accuracy: " << r.top1 << "/" << r.labelled << " (" << 100 * ratio(r.top1, r.labelled) << "%)\n"
              << "top-3 accuracy: " << r.top3 << "/" << r.labelled << " (" << 100 * ratio(r.top3, r.labelled) << "%)\n";
    if (r.errors) std::cout << "profiles that do not fit the KB: " << r.errors << "\n";
    for (const replay::ReplayMiss& m : r.misses) {
      std::cout << "miss #" << m.id << ": labelled " << join(m.labelled) << "; ranked " << join(m.ranked) << "\n";
    }
  }
  return kExitOk;
}

int run_impact(const GlobalOptions& g, const std::string& base_path) {
  auto base = load_model(base_path, g.colour);
  auto next = load_model(g.kb_path(), g.colour);
  casebase::Store store = open_case_store(g);
  std::size_t total = 0;
  std::vector<replay::ImpactRow> rows = replay::impact(store, *base, *next, &total);
  auto top = [](const replay::CaseVerdict& v) { return v.top_cause().value_or("-"); };
  if (g.output_format() == Format::json) {
    Json changed = Json::array();
    for (const replay::ImpactRow& row : rows) {
      changed.push_back({{"id", row.id},
                         {"before", {{"verdict", row.before.verdict}, {"top_cause", top(row.before)}}},
                         {"after", {{"verdict", row.after.verdict}, {"top_cause", top(row.after)}}}});
    }
    std::cout << Json{{"base_version", base->version()},
                      {"kb_version", next->version()},
                      {"cases", total},
                      {"changed", std::move(changed)}}
                     .dump(2)
              << "\n";
  } else {
    if (to_engine(g.language()) == engine::Lang::zh)
      std::cout << "kb impact：" << total << " 个案例中有 " << rows.size() << " 个结果改变（" << base->version()
                << " → " << next->version() << "）\n";
    else
      std::cout << "kb impact: " << rows.size() << " of " << total << " cases change (" << base->version() << " → "
                << next->version() << ")\n";
    for (const replay::ImpactRow& row : rows) {
      std::cout << "#" << row.id << ": " << row.before.verdict << " / " << top(row.before) << "  →  "
                << row.after.verdict << " / " << top(row.after) << "\n";
    }
  }
  return rows.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void register_kb_impact(CLI::App& kb, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto base = std::make_shared<std::string>();
  CLI::App* impact =
      kb.add_subcommand("impact", "Stored cases whose verdict or top cause changes between --base and --kb");
  impact->add_option("--base", *base, "The KB before the change")->required();
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
