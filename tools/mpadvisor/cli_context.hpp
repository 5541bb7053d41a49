// What every subcommand shares: the global options, the exit codes, and the error types that
// become a one-line message with exit code 2 (bad usage or input) or 3 (a broken environment).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::cli {

enum class Format { text, json };
enum class Language { zh, en };

// Exit codes, the same for every command.
inline constexpr int kExitOk = 0;           // success, or the check found nothing
inline constexpr int kExitFindings = 1;     // blockers, failures or KB errors were found
inline constexpr int kExitUsage = 2;        // bad usage or bad input
inline constexpr int kExitEnvironment = 3;  // a broken environment: corrupt database, I/O failure, internal error

struct GlobalOptions {
  int verbosity = 0;
  std::string lang;  // "zh" | "en" | "" (from the locale)
  std::string format = "text";
  std::string kb;              // "" = the shipped KB
  std::string db;              // "" = $MPADVISOR_DB, else $XDG_DATA_HOME/mpadvisor/cases.db
  std::string color = "auto";  // --color: auto | always | never
  bool colour = false;         // decided by decide_colour() once options are parsed

  Format output_format() const { return format == "json" ? Format::json : Format::text; }
  Language language() const;
  // How renderers should write for this invocation (colour only on a terminal, in text).
  render::Options render_options(bool explain = false) const;
  std::filesystem::path kb_path() const;  // --kb, else the shipped KB
  std::filesystem::path shipped_kb_path() const;
  // Where the build (or the package) puts the shipped KB precompiled (kb compile): beside the
  // installed KB folder, <prefix>/share/mpadvisor/kb.mpm.
  std::filesystem::path shipped_model_path() const;
  // Colour on standard output: --color always / never, or for auto: a terminal, and neither
  // NO_COLOR (https://no-color.org) nor TERM=dumb in the environment.
  void decide_colour(bool stdout_is_terminal);
  // The case base: --db, else $MPADVISOR_DB (so that a PostgreSQL password need not sit on a
  // command line), else the per-user SQLite file. A file path or a postgresql:// URL.
  std::string db_location() const;
};

// Bad usage or bad input: main prints "mpadvisor: error: <message>" (in Chinese
// "mpadvisor：错误：<message>") and exits 2.
struct UsageError : base::UserError {
  using base::UserError::UserError;
};

// A broken environment (a corrupt or unreadable database, an I/O failure): main prints the
// message as for UsageError and exits 3.
struct EnvironmentError : base::UserError {
  using base::UserError::UserError;
};

// The directory the running executable is in (for finding the shipped KB).
std::filesystem::path executable_dir();

}  // namespace mpadvisor::cli
