// The model's internal tables: conditions compiled into flat nodes, and the matchers that
// term lists and regions compile into.
#pragma once

#include <unicode/regex.h>

#include <memory>
#include <string>
#include <vector>

#include "message_pattern.hpp"
#include "mpadvisor/engine/model.hpp"
#include "term_matcher.hpp"

namespace mpadvisor::engine {

enum class Function : std::uint8_t { none, province, hours_since, days_since, days_until, width, count };

// A literal after compilation, in the form the evaluator compares with.
struct Literal {
  dsl::ast::ValueKind kind = dsl::ast::ValueKind::boolean;
  bool boolean = false;
  double number = 0;        // numbers; dates as seconds
  std::int32_t index = -1;  // enum value index, or province index
  std::string compact;      // normalised text for text comparisons
};

struct CondNode {
  dsl::ast::ExprKind kind = dsl::ast::ExprKind::constant;
  dsl::ast::CompareOp op = dsl::ast::CompareOp::eq;
  bool truth = false;                   // constant
  std::vector<std::uint32_t> children;  // all / any / negation
  FactId fact = kNone;                  // subject or left operand's fact
  Function left_fn = Function::none;
  Function right_fn = Function::none;
  FactId right_fact = kNone;       // right operand when it is a function call
  Literal right;                   // right operand when it is a literal
  std::uint32_t target = kNone;    // term list, step or alternatives
  std::uint64_t mask = 0;          // has / in over enum values
  std::vector<std::string> texts;  // has / in over text values (compact-normalised)
  std::vector<double> numbers;     // in over numbers
  std::string text;                // this sub-condition as the KB writes it
};

struct CompiledConditions {
  std::vector<CondNode> nodes;
  std::vector<std::uint32_t> roots;           // condition index → root node
  std::vector<std::vector<FactId>> facts_of;  // condition index → facts it reads
};

struct CompiledPattern {
  CauseId cause = kNone;
  std::string source;  // as written in the KB
  // Null when the plan is exact; otherwise the case-insensitive expression that decides the
  // messages the plan lets through.
  std::unique_ptr<icu::RegexPattern> regex;
  LiteralPlan plan;
};

struct MatchTables {
  std::vector<CompiledPattern> patterns;        // every cause's message patterns, by cause
  TermMatcher pattern_literals;                 // the literals of every pattern's plan
  PlanIndex pattern_index;                      // which patterns a message's literals can start
  std::vector<std::uint32_t> cause_name_order;  // cause id → its place among causes sorted by name
  std::uint64_t instance = 0;                   // distinguishes models in per-thread caches
  std::vector<TermMatcher> term_lists;          // by term-list index, over normalised terms
  std::vector<TermMatcher> term_lists_compact;  // for is_any: whole-text equality
  std::vector<std::vector<std::string>> normalized_terms;
  TermMatcher regions;                        // every province name and city
  std::vector<std::int32_t> region_province;  // term index of `regions` → province index
  std::vector<std::string> province_names;    // by province index
  std::vector<bool> fact_needs_regions;       // facts read by province() or mentions_region()
};

}  // namespace mpadvisor::engine
