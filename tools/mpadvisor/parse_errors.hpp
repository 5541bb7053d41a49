// CLI11's complaints about the command line, in both languages. CLI11 words its parse errors
// in English; the usual ones (an unexpected argument, a missing value, a value out of its set
// or range) are recognised by their wording and given in Chinese too. CLI11 comes from the
// distribution (Debian 12: 2.1.2); a wording a later CLI11 changes falls back to English,
// which the CLI test of these errors would show.
#pragma once

#include <CLI/CLI.hpp>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::cli {

// What went wrong, with "(see 'mpadvisor --help')" after it. When the first word is not a
// command, says that (CLI11 reports it as "a subcommand is required" or as extra arguments).
base::Wording describe_parse_error(const CLI::App& app, int argc, char** argv, const CLI::ParseError& e);

}  // namespace mpadvisor::cli
