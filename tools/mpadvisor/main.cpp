// mpadvisor: wires the dsl, engine and casebase libraries to the command line. No rule
// logic lives here: commands parse options, call a library, and pick a renderer.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "help_language.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/terminal.hpp"
#include "mpadvisor/engine/model_file.hpp"
#include "option_values.hpp"
#include "parse_errors.hpp"
#include "replay_commands.hpp"

#ifndef MPADVISOR_VERSION
#define MPADVISOR_VERSION "unknown"
#endif

namespace {

void configure_logging(int verbosity) {
  // Logs go to stderr so that stdout holds only results (text or JSON).
  auto logger = spdlog::stderr_color_mt("mpadvisor");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(verbosity >= 2   ? spdlog::level::trace
                    : verbosity == 1 ? spdlog::level::debug
                                     : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mpadvisor::cli;
  CommandContext context;
  GlobalOptions& opt = context.options;

  CLI::App app{"mpadvisor — what blocks a personal WeChat Mini Program, why, and how to fix it", "mpadvisor"};
  app.set_version_flag("--version", std::string("mpadvisor ") + MPADVISOR_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may come before or after the subcommand
  app.add_flag("-v,--verbose", opt.verbosity, "More log output on stderr (repeat for more)");
  one_of(app.add_option("--lang", opt.lang, "Language of the output (default: from LC_ALL/LANG)"), {"zh", "en"});
  one_of(app.add_option("--format", opt.format, "Output format"), {"text", "json"});
  app.add_option("--kb", opt.kb, "Knowledge base folder or file (default: the shipped kb/)")->type_name("PATH");
  app.add_option("--db", opt.db,
                 "Case database: a file, or a postgresql:// URL (default: $MPADVISOR_DB, else "
                 "$XDG_DATA_HOME/mpadvisor/cases.db)")
      ->type_name("DB");
  one_of(app.add_option("--color,--colour", opt.color,
                        "Colour text output: auto (a terminal without NO_COLOR or TERM=dumb), always, never"),
         {"auto", "always", "never"})
      ->capture_default_str();

  register_diagnose_commands(app, context);
  register_kb_commands(app, context);
  register_cases_commands(app, context);
  register_interview_command(app, context);
  register_plan_command(app, context);
  register_serve_command(app, context);
  register_cases_replay(*app.get_subcommand("cases"), context);
  register_reference_commands(app, context);
  // --help in the reader's language; the man page and completions, written by commands, stay
  // in English, as their own headings are.
  auto help = [&](const CLI::ParseError& e) {
    if (language_of_arguments(argc, argv) == Language::zh) translate_help(app);
    return app.exit(e);
  };

  // Errors in the reader's language, read from the arguments themselves (as for --help), as
  // they may not have parsed.
  using mpadvisor::base::Lang;
  using mpadvisor::base::word;
  Lang const lang = language_of_arguments(argc, argv) == Language::zh ? Lang::zh : Lang::en;
  auto error = [&](const mpadvisor::base::Wording& message) {
    std::cerr << (lang == Lang::zh ? "mpadvisor：错误：" : "mpadvisor: error: ")
              << mpadvisor::base::one_line(message.in(lang)) << "\n";
  };

  try {
    app.parse(argc, argv);
    opt.decide_colour(::isatty(STDOUT_FILENO) != 0);
    configure_logging(opt.verbosity);
    return context.action ? context.action() : kExitOk;
  } catch (const CLI::CallForHelp& e) {
    return help(e);
  } catch (const CLI::CallForAllHelp& e) {
    return help(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error(describe_parse_error(app, argc, argv, e));
    return kExitUsage;
  } catch (const UsageError& e) {
    // Messages quote what the user gave (a fact name, a file's bytes): made safe for a terminal.
    error(e.wording());
    return kExitUsage;
  } catch (const EnvironmentError& e) {
    error(e.wording());
    return kExitEnvironment;
  } catch (const mpadvisor::engine::ModelFileError& e) {
    // A part of a model file decoded only when a command first reads it, damaged although the
    // file's checksum held (a forged file): the environment is broken, as with a corrupt database.
    error(mpadvisor::cli::model_file_unusable(e));
    return kExitEnvironment;
  } catch (const std::bad_alloc&) {
    error({"out of memory", "内存不足"});
    return kExitEnvironment;
  } catch (const std::exception& e) {
    // Anything else is a failure of ours or of the machine, never of the input.
    error(word("internal error: {0}", "内部错误：{0}", std::string(e.what())));
    return kExitEnvironment;
  }
}
