// State shared by the checker's passes: the KB, its symbol tables, and the report.
#pragma once

#include <map>
#include <string>

#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/source_map.hpp"
#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl::check_detail {

class CheckContext {
 public:
  CheckContext(const KnowledgeBase& kb, const CheckOptions& options);

  const KnowledgeBase& kb;
  const CheckOptions& options;
  Symbols symbols;
  Diagnostics diagnostics;

  Diagnostic& report(const ast::Module& module, ast::Span at, Severity severity, std::string code, std::string message);
  // "undefined step 'filng.submit'; did you mean 'filing.submit'?"
  template <typename Decl>
  void report_undefined(const ast::Module& module, const ast::Name& name, const char* kind, const Table<Decl>& table);

  std::string where(const ast::Module& module, ast::Span at) const;  // "file:line:col"

 private:
  const SourceMap& map_for(const ast::Module& module) const;
  void undefined(const ast::Module& module, const ast::Name& name, const char* kind,
                 const std::vector<std::string>& candidates);
  mutable std::map<const ast::Module*, SourceMap> maps_;
};

template <typename Decl>
void CheckContext::report_undefined(const ast::Module& module, const ast::Name& name, const char* kind,
                                    const Table<Decl>& table) {
  std::vector<std::string> candidates;
  candidates.reserve(table.size());
  for (const auto& [key, value] : table) candidates.push_back(key);
  undefined(module, name, kind, candidates);
}

// The passes, run in this order by check(). Names are resolved first because every later
// pass looks declarations up by name; the graph pass needs resolved `requires` edges.
void check_duplicates(CheckContext& cx);
void check_references(CheckContext& cx);
void check_conditions(CheckContext& cx);
void check_step_graph(CheckContext& cx);
void check_coverage(CheckContext& cx);

}  // namespace mpadvisor::dsl::check_detail
