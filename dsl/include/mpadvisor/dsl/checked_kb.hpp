// The one way to a usable knowledge base: read every file, check the whole, and keep what
// the checker built (symbol tables, the step graph) for the engine's compiler.
//
// A CheckedKb exists only for a KB that has no errors, and only load_and_check and its
// siblings can make one, so an unchecked KB cannot reach the compiler: that is a matter of
// types, not of a runtime test.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/diagnostic.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/dsl/step_graph.hpp"
#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl {

struct KbCheck;

class CheckedKb {
 public:
  const KnowledgeBase& kb() const;
  const Symbols& symbols() const;
  const StepGraph& step_graph() const;

  // The syntax tree, writable, for a compiler that frees each part once it has lowered it (a
  // large KB's tree is most of the memory its load takes). Null unless this CheckedKb is the
  // tree's only holder. The symbol tables and the step graph point into the tree: whoever
  // takes it is done with this CheckedKb.
  KnowledgeBase* sole_tree();

  struct Parts;  // defined in checked_kb.cpp

 private:
  explicit CheckedKb(std::shared_ptr<Parts> parts) : parts_(std::move(parts)) {}
  friend KbCheck check_loaded(LoadResult loaded, const CheckOptions& options);
  std::shared_ptr<Parts> parts_;  // shared by copies, each of which reads it only
};

// What checking a KB gives: every diagnostic, and the checked KB when there is no error.
struct KbCheck {
  Diagnostics diagnostics;      // syntax and semantic, sorted by file and position
  std::size_t files = 0;        // files read
  std::optional<CheckedKb> kb;  // present exactly when diagnostics has no error
};

// Loads a folder of .mpk files (or one file) with its imports, then checks it. Semantic
// checks run only when every file parsed: on a partly parsed KB they would only repeat the
// consequences of the syntax errors.
KbCheck load_and_check(const std::filesystem::path& path, const CheckOptions& options = {});

// The same for KB text held in memory (tests, fuzzing): one file, no imports followed.
KbCheck check_text(std::string path, std::string text, const CheckOptions& options = {});

// The same for modules already loaded (tests that reorder or add modules).
KbCheck check_loaded(LoadResult loaded, const CheckOptions& options = {});

}  // namespace mpadvisor::dsl
