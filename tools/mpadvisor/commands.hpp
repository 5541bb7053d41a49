// Each group of subcommands registers itself on the application. Parsing only selects
// the command (its CLI11 callback stores `action`); main runs the action afterwards, once
// logging is set up, and turns a UsageError into exit code 2.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli_context.hpp"

namespace mpadvisor::cli {

struct CommandContext {
  GlobalOptions options;
  std::function<int()> action;  // returns the exit code
};

void register_kb_commands(CLI::App& app, CommandContext& context);
void register_kb_eval(CLI::App& kb, CommandContext& context);
void register_kb_compile(CLI::App& kb, CommandContext& context);
void register_diagnose_commands(CLI::App& app, CommandContext& context);
void register_cases_commands(CLI::App& app, CommandContext& context);
void register_interview_command(CLI::App& app, CommandContext& context);
void register_plan_command(CLI::App& app, CommandContext& context);
void register_serve_command(CLI::App& app, CommandContext& context);
// completion and man describe every command registered before them.
void register_reference_commands(CLI::App& app, CommandContext& context);

}  // namespace mpadvisor::cli
