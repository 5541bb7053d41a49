// Parsing KB text into a syntax tree. The grammar (Boost.Spirit X3) lives behind this
// header in dsl/src/detail; nothing here names an X3 type.
#pragma once

#include <filesystem>
#include <string>

#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/diagnostic.hpp"

namespace mpadvisor::dsl {

struct ParseResult {
  ast::Module module;       // every declaration that parsed, in file order
  Diagnostics diagnostics;  // syntax errors; parsing resumes at the next top-level declaration
};

// Parses one file's text. `path` is only used to name the file in diagnostics.
ParseResult parse(std::string path, std::string text);

// The declaration keywords that may start a line at the top level (used for error recovery
// and by tools that complete or highlight the language).
const std::vector<std::string>& declaration_keywords();

}  // namespace mpadvisor::dsl
