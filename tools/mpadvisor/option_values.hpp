// What `--help` says after an option's name: what its value is (FILE, STEP, N), not CLI11's C++
// type (TEXT, INT, UINT) with its checks glued on (`INT:INT in [1 - 100]`). The checks stay;
// only their wording in the help goes, and the option's description gives a range itself.
// (help_language.cpp translates these names for Chinese help: they are in help_zh.inc.)
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace mpadvisor::cli {

// A number from `low` to `high`, checked by CLI11 (its complaint is translated by
// parse_errors.cpp), silent in the help.
template <typename T>
CLI::Validator within(T low, T high) {
  CLI::Validator range = CLI::Range(low, high);
  range.description("");
  return range;
}

// One of `words`, named {a,b,c} in the help; the completion scripts and the man page read the
// choices from that name (command_reference.cpp).
inline CLI::Option* one_of(CLI::Option* option, const std::vector<std::string>& words) {
  std::string name;
  for (const std::string& w : words) name += (name.empty() ? "{" : ",") + w;
  CLI::Validator member = CLI::IsMember(words);
  member.description("");
  return option->type_name(name + "}")->check(std::move(member));
}

}  // namespace mpadvisor::cli
