// `diagnose --batch FILE.jsonl|-`: many profiles in one run, one JSON object per line in input
// order (docs/json.md, "Batch diagnosis"). This is how an agency checks a hundred applicants at
// once, and how the engine is measured against its peers.
#pragma once

#include <cstdint>
#include <string>

#include "cli_context.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::cli {

struct BatchArgs {
  std::string input;                          // a JSON Lines file, or "-" for standard input
  std::string target;                         // the default target of lines that name none
  unsigned threads = 0;                       // 0: one per processor the process may use
  bool evidence = true;                       // false: --no-evidence, verdicts, blockers and causes only
  bool explain = false;                       // --explain: rule names, KB file and line, conditions
  std::uint32_t members = ~std::uint32_t{0};  // --fields: render::Options::members
  bool names_only = false;                    // --names-only
};

// Exit code: 0 every line diagnosed clear, 1 some profile is not clear, 2 some line was bad
// (reported in its place; the others are still diagnosed).
int run_batch(const GlobalOptions& g, const BatchArgs& a);

}  // namespace mpadvisor::cli
