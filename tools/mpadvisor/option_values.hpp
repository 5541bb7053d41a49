// What `--help` says after an option's name: what its value is (FILE, STEP, N), not CLI11's C++
// type (TEXT, INT, UINT) with its checks glued on (`INT:INT in [1 - 100]`). The checks stay;
// only their wording in the help goes, and the option's description gives a range itself.
// (help_language.cpp translates these names for Chinese help: they are in help_zh.inc.)
#pragma once

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace mpadvisor::cli {

// A number from `low` to `high` (a whole one for an integer option), silent in the help. One
// complaint whether the value is no number at all or out of range (CLI11's Range called `abc`
// out of range, and its conversion said "Could not convert"); parse_errors.cpp translates it.
template <typename T>
CLI::Validator within(T low, T high) {
  return CLI::Validator(
      [low, high](std::string& text) -> std::string {
        T value{};
        if (CLI::detail::lexical_cast(text, value) && value >= low && value <= high) return {};
        std::ostringstream complaint;
        complaint << "'" << text << "' is not a " << (std::is_integral_v<T> ? "whole number" : "number") << " from "
                  << low << " to " << high;
        return complaint.str();
      },
      "");
}

// Text with something in it: an empty or all-space value is refused rather than taken for
// the option not given. parse_errors.cpp translates the complaint.
inline CLI::Validator not_blank() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.find_first_not_of(" \t\r\n") == std::string::npos ? "is empty: give the text itself" : "";
      },
      "");
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
