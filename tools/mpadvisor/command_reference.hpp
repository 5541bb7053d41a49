// The command line described from its own definitions: every command, subcommand and option as
// CLI11 holds them, turned into shell completions (bash, zsh, fish) and a man page. Nothing is
// written twice: a new option appears in --help, the completions and the man page at once.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace mpadvisor::cli {

struct OptionReference {
  std::vector<std::string> names;  // "--lang", "-v"
  std::string description;
  std::vector<std::string> choices;  // from an IsMember check: {"zh", "en"}
  bool takes_value = false;
};

struct CommandReference {
  std::vector<std::string> path;  // {} for the program, {"kb", "check"} for `kb check`
  std::string description;
  std::vector<OptionReference> options;
  std::vector<std::string> positionals;  // "profile", "file"
  std::vector<std::string> subcommands;  // their names
};

// The program and every command below it, depth first, in definition order.
std::vector<CommandReference> describe(const CLI::App& app);

std::string bash_completion(const std::vector<CommandReference>& commands);
std::string zsh_completion(const std::vector<CommandReference>& commands);
std::string fish_completion(const std::vector<CommandReference>& commands);
std::string man_page(const std::vector<CommandReference>& commands, const std::string& version);

}  // namespace mpadvisor::cli
