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

struct ParseOptions {
  // Keep each rule's condition as text (its span) rather than as a tree. Conditions are most of
  // a large KB's syntax tree, and the checker and the compiler need one rule's at a time: held
  // as trees, a 10,000-rule KB's took about 16 MB while it was checked and compiled.
  bool rule_conditions_in_text = false;
};

// Parses one file's text. `path` is only used to name the file in diagnostics.
ParseResult parse(std::string path, std::string text, const ParseOptions& options = {});

// The number of nodes of a condition tree (what ast::Rule::condition_nodes keeps).
std::uint32_t node_count(const ast::Expr& condition);

// A rule's condition as a tree: the rule's own, or, when the parse kept it as text, parsed
// again from `module` (the rule's module) into `storage`, which the result then refers to.
const ast::Expr& rule_condition(const ast::Module& module, const ast::Rule& rule, ast::Expr& storage);

// The declaration keywords that may start a line at the top level (used for error recovery
// and by tools that complete or highlight the language).
const std::vector<std::string>& declaration_keywords();

}  // namespace mpadvisor::dsl
