// State shared by the checker's passes: the KB, its symbol tables, and the report.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/dsl/source_map.hpp"
#include "mpadvisor/dsl/step_graph.hpp"
#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl::check_detail {

// A kind of declaration as the checker names it in English ("step", "term list") and in
// Chinese (步骤, 词表).
base::Wording kind_words(std::string_view english);

class CheckContext {
 public:
  CheckContext(const KnowledgeBase& kb, const CheckOptions& options);

  const KnowledgeBase& kb;
  const CheckOptions& options;
  Symbols symbols;
  std::unique_ptr<StepGraph> graph;  // built by the step-graph pass, kept for the compiler
  Diagnostics diagnostics;

  Diagnostic& report(const ast::Module& module, ast::Span at, Severity severity, std::string_view code,
                     base::Wording message);
  // "undefined step 'filng.submit'; did you mean 'filing.submit'?"
  template <typename Decl>
  void report_undefined(const ast::Module& module, const ast::Name& name, const char* kind, const Table<Decl>& table);

  std::string where(const ast::Module& module, ast::Span at) const;  // "file:line:col"

  // Reports a date literal that names no calendar day (30 February); true when it names one.
  bool valid_date(const ast::Module& module, ast::Span at, const ast::Date& date);

  // The declaration a name refers to; reports an undefined name (with a did-you-mean).
  template <typename Decl>
  const Decl* resolve(const ast::Module& module, const ast::Name& name, const char* kind, const Table<Decl>& table) {
    if (name.empty()) return nullptr;
    auto it = table.find(name.text);
    if (it != table.end()) return it->second.decl;
    report_undefined(module, name, kind, table);
    return nullptr;
  }

  // Reports a value that does not fit its fact (`element`: one item of a list or set fact).
  void check_value(const ast::Module& module, const ast::Fact& fact, const ast::Value& value, bool element = false);

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

// Runs the passes in the order of the table in check.cpp, which says what each relies on.
void run_passes(CheckContext& cx);

void check_duplicates(CheckContext& cx);  // names.cpp
void check_references(CheckContext& cx);  // names.cpp
void check_calendars(CheckContext& cx);   // names.cpp (part of references)
void check_sources(CheckContext& cx);     // sources.cpp
void check_scenarios(CheckContext& cx);   // scenarios.cpp
void check_conditions(CheckContext& cx);  // conditions.cpp: types, then chains, of each condition
// One condition's tests, well typed (conditions.cpp) and not contradicting each other along an
// `and` chain (satisfiable.cpp).
void check_condition_types(CheckContext& cx, const ast::Module& m, const ast::Expr& condition);
void check_condition_chains(CheckContext& cx, const ast::Module& m, const ast::Expr& condition);
void check_step_graph(CheckContext& cx);    // graph.cpp
void check_reachability(CheckContext& cx);  // graph.cpp
void check_cause_use(CheckContext& cx);     // coverage.cpp
void check_coverage(CheckContext& cx);      // coverage.cpp

}  // namespace mpadvisor::dsl::check_detail
