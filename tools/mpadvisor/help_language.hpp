// The command line's own help in the reader's language. The commands register their
// descriptions in English; for Chinese `--help` the whole command tree is relabelled from one
// table (help_zh.inc) once parsing has asked for help. (`man` and `completion` stay English,
// like the man page's own headings.) A text missing from the table stays English; a CLI test
// runs every command's help in both languages and fails on any English description left in
// the Chinese one.
#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.hpp"

namespace mpadvisor::cli {

// The language asked for on the command line (`--lang zh`, `--lang=zh`), else the locale's,
// read from the arguments themselves: parsing stops where it meets `--help`, perhaps before
// `--lang`.
Language language_of_arguments(int argc, char** argv);

// A text of the help (a description, a value's name such as STEP) as Chinese help says it;
// the English itself when the table has no row for it.
std::string help_in_chinese(const std::string& english);

// Relabels `app` and every command under it: descriptions, option descriptions, group titles
// and the help formatter's own words (Usage, OPTIONS, REQUIRED, …).
void translate_help(CLI::App& app);

}  // namespace mpadvisor::cli
