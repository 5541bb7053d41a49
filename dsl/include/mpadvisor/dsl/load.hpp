// Loading a knowledge base: a folder of .mpk files (or one file) plus what they import.
#pragma once

#include <filesystem>
#include <vector>

#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/diagnostic.hpp"

namespace mpadvisor::dsl {

struct KnowledgeBase {
  std::filesystem::path root;        // the folder or file it was loaded from
  std::vector<ast::Module> modules;  // in a stable order: sorted paths, imports after importers
};

struct LoadResult {
  KnowledgeBase kb;
  Diagnostics diagnostics;  // unreadable files, missing imports, syntax errors
};

// A folder loads every .mpk file below it (sorted by path); a file loads itself. Imports are
// resolved relative to the importing file and loaded once each.
LoadResult load(const std::filesystem::path& path);

// Loads KB text held in memory (tests, fuzzing): one module, no imports followed.
LoadResult load_text(std::string path, std::string text);

// How diagnostics and source locations name a file: relative to the current directory when
// it lies below it, else absolute.
std::string display_path(const std::filesystem::path& path);

// Reads a whole file; throws std::runtime_error naming the file when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace mpadvisor::dsl
