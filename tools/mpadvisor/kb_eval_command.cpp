// `kb eval [PATH]`: the rejection ranking measured on the labelled set of published messages
// (kb/eval/*.jsonl by default). Exit 1 when the share of right causes ranked first or within
// the first three is below its threshold, or when an entry's profile is diagnosed clear.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "json_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/engine/evaluation.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/evaluation.hpp"

namespace mpadvisor::cli {
namespace {

namespace fs = std::filesystem;

struct EvalArgs {
  std::string path;
  double min_top1 = 0.9, min_top3 = 0.98;
};

// The set's files: PATH itself, or its *.jsonl files in name order.
std::vector<fs::path> eval_files(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(path, ec))
    if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty())
    throw UsageError(base::word("{0} holds no .jsonl file of labelled messages",
                                "{0} 中没有标注过的消息（.jsonl 文件）", path.string()));
  return files;
}

int run_eval(const GlobalOptions& g, const EvalArgs& a) {
  if (a.min_top1 < 0 || a.min_top1 > 1 || a.min_top3 < 0 || a.min_top3 > 1)
    throw UsageError({"--min-top1 and --min-top3 are shares from 0 to 1, such as 0.9",
                      "--min-top1 和 --min-top3 是 0 到 1 之间的比例，如 0.9"});
  auto model = load_model(g, g.kb_path());
  fs::path const root = a.path.empty() ? g.kb_path() / "eval" : fs::path(a.path);
  std::vector<engine::EvalEntry> entries;
  std::int64_t const now = base::beijing_now();
  for (const fs::path& file : eval_files(root)) {
    std::string text;
    try {
      text = base::read_input(file, base::kMaxKbFileBytes, {"evaluation set", "评测集"});
    } catch (const base::InputError& e) {
      throw UsageError(e.wording());
    }
    try {
      std::vector<engine::EvalEntry> read = engine::read_eval_entries(*model, text, file.string(), now);
      for (engine::EvalEntry& e : read) entries.push_back(std::move(e));
    } catch (const engine::EvalError& e) {
      throw UsageError(base::english_only(e.what()));
    }
  }
  engine::EvalReport const report = engine::evaluate(*model, entries);
  render::Options const r = g.render_options();
  if (g.output_format() == Format::json)
    print_json(render::eval_json(*model, report), *model);
  else
    std::cout << render::eval_text(*model, report, r);
  const engine::EvalTally& all = report.overall;
  auto const n = static_cast<double>(std::max<std::size_t>(1, all.entries));
  bool const below = static_cast<double>(all.top1) / n < a.min_top1 || static_cast<double>(all.top3) / n < a.min_top3;
  if (below && g.output_format() != Format::json) {
    std::cout << "\n"
              << render::say(r.lang, render::Msg::eval_below, render::share(all.top1, all.entries),
                             render::share(static_cast<std::size_t>(a.min_top1 * 1000), 1000),
                             render::share(all.top3, all.entries),
                             render::share(static_cast<std::size_t>(a.min_top3 * 1000), 1000))
              << "\n";
  }
  return below || all.clear > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void register_kb_eval(CLI::App& kb, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto args = std::make_shared<EvalArgs>();
  CLI::App* eval = kb.add_subcommand(
      "eval", "Rank every labelled rejection message of an evaluation set; exit 1 below the thresholds");
  eval->add_option("path", args->path, "A .jsonl file or a folder of them (default: the KB's eval/ folder)")
      ->type_name("");
  eval->add_option("--min-top1", args->min_top1, "Share of entries whose right cause must come first (default 0.9)")
      ->type_name("SHARE");
  eval->add_option("--min-top3", args->min_top3,
                   "Share of entries whose right cause must be within the first three (default 0.98)")
      ->type_name("SHARE");
  eval->callback([&context, args, &g] { context.action = [&g, args] { return run_eval(g, *args); }; });
}

}  // namespace mpadvisor::cli
