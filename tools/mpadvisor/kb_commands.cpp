// kb check, fmt, test, graph and impact: maintaining the knowledge base as code.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "file_output.hpp"
#include "json_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/format.hpp"
#include "mpadvisor/dsl/parse.hpp"
#include "mpadvisor/engine/graph_export.hpp"
#include "mpadvisor/engine/scenario.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/kb.hpp"
#include "option_values.hpp"
#include "replay_commands.hpp"

namespace mpadvisor::cli {
namespace {

namespace fs = std::filesystem;

fs::path kb_argument(const GlobalOptions& g, const std::string& path) {
  return path.empty() ? g.kb_path() : fs::path(path);
}

// "180d" → 180; plain numbers are days too.
int parse_days(const std::string& text) {
  std::string digits = text;
  if (!digits.empty() && digits.back() == 'd') digits.pop_back();
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 6) {
    throw UsageError(base::word("--stale-after takes a number of days such as 180d, got '{0}'",
                                "--stale-after 须为天数，如 180d，而不是“{0}”", text));
  }
  return std::stoi(digits);
}

int run_check(const GlobalOptions& g, const std::string& path, const std::string& stale_after) {
  dsl::CheckOptions options;
  options.today = base::beijing_today();
  if (!stale_after.empty()) options.stale_after_days = parse_days(stale_after);
  fs::path const root = kb_argument(g, path);
  require_kb_path(root);
  dsl::KbCheck kb = check_kb(root, options);
  if (g.output_format() == Format::json) {
    std::cout << dsl::render_json(kb.diagnostics, g.render_options().lang);
  } else {
    render::Options const r = g.render_options();
    std::cerr << render::diagnostics_text(kb.diagnostics, r);
    std::cout << render::check_summary(kb.files, kb.diagnostics, r);
  }
  return kb.diagnostics.has_errors() ? kExitFindings : kExitOk;
}

std::vector<fs::path> mpk_files(const fs::path& root) {
  require_kb_path(root);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return {root};
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".mpk") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int run_fmt(const GlobalOptions& g, std::vector<std::string> paths, bool check_only) {
  if (paths.empty()) paths.push_back(g.kb_path().string());
  std::size_t changed = 0, broken = 0;
  for (const std::string& p : paths) {
    for (const fs::path& file : mpk_files(p)) {
      std::string text = dsl::read_file(file);
      dsl::ParseResult parsed = dsl::parse(file.string(), text);
      if (parsed.diagnostics.has_errors()) {
        std::cerr << render::diagnostics_text(parsed.diagnostics, g.render_options());
        ++broken;
        continue;
      }
      std::string formatted = dsl::format(parsed.module);
      if (formatted == text) continue;
      ++changed;
      if (check_only) {
        std::cout << file.string() << "\n";
      } else {
        replace_file(file, formatted);
        std::cout << "formatted " << file.string() << "\n";
      }
    }
  }
  if (broken) return kExitFindings;
  return check_only && changed ? kExitFindings : kExitOk;
}

int run_test(const GlobalOptions& g, const std::string& path, bool require_coverage) {
  auto model = load_model(g, kb_argument(g, path));
  engine::ScenarioReport const report = engine::run_scenarios(*model, base::beijing_now());
  if (g.output_format() == Format::json)
    print_json(render::test_json(*model, report), *model);
  else
    std::cout << render::test_text(*model, report, g.render_options());
  if (report.failed()) return kExitFindings;
  return require_coverage && !report.uncovered().empty() ? kExitFindings : kExitOk;
}

int run_graph(const GlobalOptions& g, const std::string& format, const std::string& profile_path) {
  auto model = load_model(g, g.kb_path());
  std::optional<engine::Diagnosis> d;
  if (!profile_path.empty()) d = engine::diagnose(*model, load_profile(*model, profile_path));
  engine::Lang const lang = g.render_options().lang;
  engine::StatusLegend legend;
  for (std::size_t s = 0; s < legend.size(); ++s)
    legend[s] = render::status_word(static_cast<engine::StepStatus>(s), lang);
  std::string dot = engine::to_dot(*model, lang, d ? &*d : nullptr, &legend);
  if (format == "dot") {
    std::cout << dot;
    return kExitOk;
  }
  // SVG through Graphviz's `dot`, fed on stdin.
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    throw UsageError(
        {"--format svg needs Graphviz's 'dot' program (apt-get install graphviz); --format dot works without it",
         "--format svg 需要 Graphviz 的 dot 程序（apt-get install graphviz）；--format dot 不需要它"});
  }
  FILE* pipe = popen("dot -Tsvg", "w");
  if (!pipe) throw EnvironmentError({"cannot run Graphviz's 'dot'", "无法运行 Graphviz 的 dot"});
  std::fwrite(dot.data(), 1, dot.size(), pipe);
  return pclose(pipe) == 0 ? kExitOk : kExitUsage;
}

}  // namespace

void register_kb_commands(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;
  CLI::App* kb =
      app.add_subcommand("kb", "Maintain the knowledge base: check, fmt, test, eval, graph, doc, impact, compile");
  kb->require_subcommand(1);

  struct CheckArgs {
    std::string path, stale_after;
  };
  auto check_args = std::make_shared<CheckArgs>();
  CLI::App* check = kb->add_subcommand("check", "Parse and check a KB; exit 1 when it has errors");
  check->add_option("path", check_args->path, "KB folder or file (default: the shipped kb/)")->type_name("");
  check
      ->add_option("--stale-after", check_args->stale_after,
                   "Warn about sources checked longer ago than this, e.g. 180d")
      ->type_name("DURATION");
  check->callback([&context, check_args, &g] {
    context.action = [&g, check_args] { return run_check(g, check_args->path, check_args->stale_after); };
  });

  struct FmtArgs {
    std::vector<std::string> paths;
    bool check = false;
  };
  auto fmt_args = std::make_shared<FmtArgs>();
  CLI::App* fmt = kb->add_subcommand("fmt", "Rewrite KB files in the canonical layout");
  fmt->add_option("paths", fmt_args->paths, "Files or folders (default: the shipped kb/)")->type_name("");
  fmt->add_flag("--check", fmt_args->check, "Change nothing; list the files that would change and exit 1 if any");
  fmt->callback([&context, fmt_args, &g] {
    context.action = [&g, fmt_args] { return run_fmt(g, fmt_args->paths, fmt_args->check); };
  });

  struct TestArgs {
    std::string path;
    bool require_coverage = false;
  };
  auto test_args = std::make_shared<TestArgs>();
  CLI::App* test = kb->add_subcommand("test", "Run the KB's scenarios and report rule coverage");
  test->add_option("path", test_args->path, "KB folder or file (default: the shipped kb/)")->type_name("");
  test->add_flag("--require-coverage", test_args->require_coverage,
                 "Exit 1 when a rule is not seen both firing and not firing");
  test->callback([&context, test_args, &g] {
    context.action = [&g, test_args] { return run_test(g, test_args->path, test_args->require_coverage); };
  });

  struct GraphArgs {
    std::string format = "dot", profile;
  };
  auto graph_args = std::make_shared<GraphArgs>();
  CLI::App* graph =
      kb->add_subcommand("graph", "The step graph in Graphviz DOT or SVG, coloured by a profile's statuses");
  one_of(graph->add_option("--format", graph_args->format, "dot or svg"), {"dot", "svg"});
  graph->add_option("--profile", graph_args->profile, "Colour the steps by this profile's diagnosis")
      ->type_name("FILE")
      ->check(CLI::Validator(CLI::ExistingFile).description(""));
  graph->callback([&context, graph_args, &g] {
    context.action = [&g, graph_args] { return run_graph(g, graph_args->format, graph_args->profile); };
  });

  auto doc_path = std::make_shared<std::string>();
  CLI::App* doc = kb->add_subcommand("doc", "The process as the KB models it, as Markdown (docs/kb.md, docs/kb.zh.md)");
  doc->add_option("path", *doc_path, "KB folder or file (default: the shipped kb/)")->type_name("");
  doc->callback([&context, doc_path, &g] {
    context.action = [&g, doc_path] {
      std::cout << render::kb_markdown(*load_model(g, kb_argument(g, *doc_path)), g.render_options().lang);
      return kExitOk;
    };
  });

  register_kb_impact(*kb, context);
  register_kb_eval(*kb, context);
  register_kb_compile(*kb, context);
}

}  // namespace mpadvisor::cli
