// cases import | export | list | show | label | stats | similar: the case base on the command
// line. Each command opens the database (created and seeded on first use, see case_store.hpp),
// calls one casebase function and hands the result to a renderer (render/cases.hpp).
// `cases replay` is registered by replay_commands.cpp on the same `cases` subcommand.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "case_store.hpp"
#include "commands.hpp"
#include "file_output.hpp"
#include "json_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "mpadvisor/casebase/store.hpp"
#include "mpadvisor/dsl/suggest.hpp"
#include "mpadvisor/render/cases.hpp"
#include "option_values.hpp"
#include "progress.hpp"

namespace mpadvisor::cli {
namespace {

namespace cb = casebase;
namespace fs = std::filesystem;

// Runs a command body; a case-base error becomes exit 2 (bad input) or 3 (environment).
template <class Body>
int guarded(Body&& body) {
  try {
    return body();
  } catch (const cb::Error& e) {
    rethrow_case_error(e);
  }
}

// Case ids on the command line: positive integers, with a plain message otherwise.
const CLI::Validator kCaseId(
    [](std::string& text) -> std::string {
      const bool digits =
          !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
      return digits && std::stoll(text) > 0 ? std::string() : "a case id is a positive integer, not '" + text + "'";
    },
    "");

struct ImportArgs {
  std::string file;
  bool skip_bad = false;
  std::size_t max_line_bytes = std::size_t{1} << 20;
  std::string wait = "60s";
};

// "60s", "2m", "500ms" or a number of seconds → milliseconds.
int parse_wait(const std::string& text) {
  std::size_t used = 0;
  double value = -1;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
  }
  std::string const unit = text.substr(used);
  double const scale = unit == "ms" ? 1 : unit.empty() || unit == "s" ? 1000 : unit == "m" ? 60000 : -1;
  if (value < 0 || scale < 0 || value * scale > 24.0 * 3600 * 1000)
    throw UsageError(base::word("--wait takes a duration such as 60s, 2m or 500ms (at most a day), got '{0}'",
                                "--wait 须为一段时长，如 60s、2m 或 500ms（至多一天），而不是“{0}”", text));
  return static_cast<int>(value * scale);
}

int run_import(const GlobalOptions& g, const ImportArgs& args) {
  auto store = open_case_store(g, parse_wait(args.wait));
  cb::ImportOptions options;
  options.skip_bad = args.skip_bad;
  options.max_line_bytes = args.max_line_bytes;
  Progress progress(g.render_options().lang);
  options.progress_every = 1000;
  options.on_progress = [&](std::size_t imported) { progress.update(imported); };
  cb::ImportReport report;
  std::string const name = args.file == "-" ? "<stdin>" : args.file;
  try {
    if (args.file == "-") {
      options.source_name = name;
      report = store.import_jsonl(std::cin, options);
    } else {
      report = store.import_jsonl(fs::path(args.file), options);
    }
  } catch (const cb::ImportError& e) {
    throw UsageError(base::word("{0}; nothing was imported (--skip-bad imports the other lines)",
                                "{0}；什么都没有导入（--skip-bad 会导入其余各行）", e.wording()));
  }
  progress.finish();
  render::Options const r = g.render_options();
  std::cerr << render::import_errors_text(report, name, r);
  if (g.output_format() == Format::json)
    print_json(render::import_json(report, store.count(), r.lang));
  else
    std::cout << render::import_text(report, name, store.count(), r);
  return kExitOk;
}

int run_export(const GlobalOptions& g, const std::string& output) {
  auto store = open_case_store(g);
  if (output.empty() || output == "-") {
    store.export_jsonl(std::cout);
    return kExitOk;
  }
  // Written next to the target and renamed into place: a failed export never leaves half a file.
  const fs::path target(output);
  fs::path temporary = target;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw EnvironmentError(cannot_write(temporary, std::generic_category().message(errno)));
    try {
      store.export_jsonl(out);
    } catch (...) {
      out.close();
      std::error_code ec;
      fs::remove(temporary, ec);
      throw;
    }
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) throw EnvironmentError(cannot_write(target, ec.message()));
  if (g.output_format() == Format::json)
    print_json({{"exported", store.count()}, {"output", target.string()}});
  else
    std::cout << render::export_text(store.count(), target.string(), g.render_options());
  return kExitOk;
}

struct ListArgs {
  std::string stage, cause, outcome;
  std::size_t limit = 0;
};

// A stage or cause named on the command line must be one of the KB's (a misspelling would
// silently match nothing, or label a case with a cause no rule knows), with a "did you mean".
void require_known(const engine::Model& model, const std::string& kind, const std::string& name) {
  std::vector<std::string> names;
  if (kind == "stage") {
    if (model.find_step(name)) return;
    for (const engine::StepInfo& s : model.steps()) names.push_back(s.name);
  } else {
    if (model.find_cause(name)) return;
    for (const engine::CauseInfo& c : model.causes()) names.push_back(c.name);
  }
  bool const stage = kind == "stage";
  throw UsageError(base::with_closest(base::word("'{0}' is not a {1} of the knowledge base", "“{0}”不是知识库中的{2}",
                                                 name, stage ? "step" : "cause", stage ? "步骤" : "原因"),
                                      dsl::closest_match(name, names)));
}

// The KB that names a case's step, entity and causes in text output (render/cases.hpp). JSON
// keeps the ids and loads none.
std::shared_ptr<const engine::Model> naming_kb(const GlobalOptions& g) {
  return g.output_format() == Format::json ? nullptr : load_model(g, g.kb_path());
}

int run_list(const GlobalOptions& g, const ListArgs& args) {
  const bool json = g.output_format() == Format::json;
  // The KB checks the filters' names and, in text output, names each case's step and causes.
  bool const filtered = !args.stage.empty() || !args.cause.empty();
  std::shared_ptr<const engine::Model> const model = filtered || !json ? load_model(g, g.kb_path()) : nullptr;
  if (!args.stage.empty()) require_known(*model, "stage", args.stage);
  if (!args.cause.empty()) require_known(*model, "cause", args.cause);
  const engine::Model* const kb = json ? nullptr : model.get();
  auto store = open_case_store(g);
  cb::ListFilter filter;
  if (!args.stage.empty()) filter.stage = args.stage;
  if (!args.cause.empty()) filter.cause = args.cause;
  if (!args.outcome.empty()) filter.outcome = cb::parse_outcome(args.outcome);
  filter.limit = args.limit;
  render::Options const r = g.render_options();
  std::size_t shown = 0;
  // Streamed: a large case base is never held in memory.
  if (json) std::cout << "[";
  store.for_each_case(
      [&](const cb::Case& c) {
        if (json)
          std::cout << (shown ? ",\n  " : "\n  ") << cb::to_json_line(c);
        else
          std::cout << render::case_line(c, r, kb);
        ++shown;
        return true;
      },
      filter);
  if (json)
    std::cout << (shown ? "\n]\n" : "]\n");
  else if (shown == 0)
    std::cout << render::no_cases_text(g.render_options());
  return kExitOk;
}

int run_show(const GlobalOptions& g, std::int64_t id) {
  auto store = open_case_store(g);
  const cb::Case c = store.get(id);
  if (g.output_format() == Format::json)
    print_json(render::case_json(c));
  else
    std::cout << render::case_text(c, g.render_options(), naming_kb(g).get());
  return kExitOk;
}

int run_label(const GlobalOptions& g, std::int64_t id, const std::string& cause) {
  require_known(*load_model(g, g.kb_path()), "cause", cause);
  auto store = open_case_store(g);
  const bool added = store.label(id, cause);
  if (g.output_format() == Format::json)
    print_json({{"id", id}, {"cause", cause}, {"added", added}, {"causes", store.get(id).causes}});
  else
    std::cout << render::label_text(id, cause, added, g.render_options());
  return kExitOk;
}

int run_stats(const GlobalOptions& g) {
  auto store = open_case_store(g);
  const cb::Stats stats = store.stats();
  if (g.output_format() == Format::json)
    print_json(render::stats_json(stats));
  else
    std::cout << render::stats_text(stats, g.render_options(), naming_kb(g).get());
  return kExitOk;
}

int run_similar(const GlobalOptions& g, const std::string& message, std::size_t limit) {
  auto store = open_case_store(g);
  const auto found = store.similar(message, limit);
  if (g.output_format() == Format::json)
    print_json(render::similar_json(found));
  else
    std::cout << render::similar_text(found, g.render_options(), naming_kb(g).get());
  return kExitOk;
}

}  // namespace

void register_cases_commands(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;
  CLI::App* cases = app.add_subcommand("cases", "Past registration cases: import, export, list, search and statistics");
  cases->require_subcommand(1);

  auto import_args = std::make_shared<ImportArgs>();
  CLI::App* import_ = cases->add_subcommand(
      "import", "Import cases from a JSON Lines file (all or nothing); personal data is redacted");
  import_->add_option("file", import_args->file, "FILE.jsonl, or - for standard input")->type_name("")->required();
  import_->add_flag("--skip-bad", import_args->skip_bad, "Report bad lines and import the others");
  import_->add_option("--wait", import_args->wait, "How long to wait for another import to finish (60s, 2m, 500ms)")
      ->type_name("DURATION")
      ->capture_default_str();
  import_
      ->add_option("--max-line-bytes", import_args->max_line_bytes,
                   "Longest line accepted, 1 KiB–256 MiB (a longer one is a bad line)")
      ->type_name("BYTES")
      ->check(within(std::size_t{1024}, std::size_t{256} << 20))
      ->capture_default_str();
  import_->callback([&context, import_args, &g] {
    context.action = [&g, import_args] { return guarded([&] { return run_import(g, *import_args); }); };
  });

  auto output = std::make_shared<std::string>();
  CLI::App* export_ = cases->add_subcommand("export", "Write every case as JSON Lines, in id order");
  export_->add_option("-o,--output", *output, "Output file (default: standard output)")->type_name("FILE");
  export_->callback([&context, output, &g] {
    context.action = [&g, output] { return guarded([&] { return run_export(g, *output); }); };
  });

  auto list_args = std::make_shared<ListArgs>();
  CLI::App* list = cases->add_subcommand("list", "List cases, optionally of one stage and/or cause");
  list->add_option("--stage", list_args->stage, "Only cases rejected at this step id")->type_name("STEP");
  list->add_option("--cause", list_args->cause, "Only cases labelled with this cause id")->type_name("CAUSE");
  one_of(list->add_option("--outcome", list_args->outcome, "Only cases with this outcome"),
         {"approved", "rejected", "unknown"});
  list->add_option("--limit", list_args->limit, "At most this many cases (default: all)")
      ->type_name("N")
      ->check(within(std::size_t{1}, std::size_t{1000000000}));
  list->callback([&context, list_args, &g] {
    context.action = [&g, list_args] { return guarded([&] { return run_list(g, *list_args); }); };
  });

  auto show_id = std::make_shared<std::int64_t>(0);
  CLI::App* show = cases->add_subcommand("show", "Show one case");
  show->add_option("id", *show_id, "Case id")->type_name("")->required()->check(kCaseId);
  show->callback([&context, show_id, &g] {
    context.action = [&g, show_id] { return guarded([&] { return run_show(g, *show_id); }); };
  });

  struct LabelArgs {
    std::int64_t id = 0;
    std::string cause;
  };
  auto label_args = std::make_shared<LabelArgs>();
  CLI::App* label = cases->add_subcommand("label", "Add a true cause to a case");
  label->add_option("id", label_args->id, "Case id")->type_name("")->required()->check(kCaseId);
  label->add_option("--cause", label_args->cause, "Cause id, e.g. name_commercial")->type_name("CAUSE")->required();
  label->callback([&context, label_args, &g] {
    context.action = [&g, label_args] {
      return guarded([&] { return run_label(g, label_args->id, label_args->cause); });
    };
  });

  CLI::App* stats = cases->add_subcommand("stats", "Counts by stage, cause and outcome; rejection rate by category");
  stats->callback([&context, &g] { context.action = [&g] { return guarded([&] { return run_stats(g); }); }; });

  struct SimilarArgs {
    std::string message;
    std::size_t limit = 5;
  };
  auto similar_args = std::make_shared<SimilarArgs>();
  CLI::App* similar =
      cases->add_subcommand("similar", "Cases whose rejection message is most like MESSAGE (full-text, bm25)");
  similar->add_option("message", similar_args->message, "The rejection message, in any language")
      ->type_name("")
      ->required();
  similar->add_option("--limit", similar_args->limit, "How many cases (default 5, at most 1000)")
      ->type_name("N")
      ->check(within(1, 1000));
  similar->callback([&context, similar_args, &g] {
    context.action = [&g, similar_args] {
      return guarded([&] { return run_similar(g, similar_args->message, similar_args->limit); });
    };
  });
}

}  // namespace mpadvisor::cli
