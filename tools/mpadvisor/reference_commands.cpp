// completion and man: the command line's own definitions as shell completions and a man page
// (command_reference.hpp). Registered last, so that they see every other command.
#include <iostream>
#include <memory>

#include "command_reference.hpp"
#include "commands.hpp"
#include "option_values.hpp"

#ifndef MPADVISOR_VERSION
#define MPADVISOR_VERSION "unknown"
#endif

namespace mpadvisor::cli {

void register_reference_commands(CLI::App& app, CommandContext& context) {
  auto shell = std::make_shared<std::string>();
  CLI::App* completion =
      app.add_subcommand("completion", "Print shell completion code: mpadvisor completion bash > …/mpadvisor");
  one_of(completion->add_option("shell", *shell, "bash, zsh or fish"), {"bash", "zsh", "fish"})->required();
  completion->callback([&context, &app, shell] {
    context.action = [&app, shell] {
      auto const commands = describe(app);
      std::cout << (*shell == "bash"  ? bash_completion(commands)
                    : *shell == "zsh" ? zsh_completion(commands)
                                      : fish_completion(commands));
      return kExitOk;
    };
  });
  CLI::App* man = app.add_subcommand("man", "Print the manual page (roff): mpadvisor man | man -l -");
  man->callback([&context, &app] {
    context.action = [&app] {
      std::cout << man_page(describe(app), MPADVISOR_VERSION);
      return kExitOk;
    };
  });
}

}  // namespace mpadvisor::cli
