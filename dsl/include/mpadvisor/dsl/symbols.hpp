// Name → declaration tables over a whole KB, shared by the checker and the engine's compiler.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/load.hpp"

namespace mpadvisor::dsl {

template <typename Decl>
struct Declared {
  const Decl* decl = nullptr;
  const ast::Module* module = nullptr;
};

template <typename Decl>
using Table = std::map<std::string, Declared<Decl>, std::less<>>;

struct Symbols {
  Table<ast::Fact> facts;
  Table<ast::TermList> terms;
  Table<ast::Province> provinces;
  Table<ast::Step> steps;
  Table<ast::Alternatives> alternatives;
  Table<ast::Cause> causes;
  Table<ast::Rule> rules;
  Table<ast::Scenario> scenarios;
  Table<ast::Baseline> baselines;
  Table<ast::Reference> references;
  Table<ast::Calendar> calendars;
  std::vector<Declared<ast::Goal>> goals;

  // Declarations whose name was already taken, with the first one's place (for diagnostics).
  struct Duplicate {
    std::string kind, name;
    ast::Span span;
    const ast::Module* module;
    ast::Span first_span;
    const ast::Module* first_module;
  };
  std::vector<Duplicate> duplicates;

  // Steps and rules in declaration order (file order across modules), for deterministic passes.
  std::vector<Declared<ast::Step>> step_order;
  std::vector<Declared<ast::Rule>> rule_order;
  std::vector<Declared<ast::Scenario>> scenario_order;
};

Symbols index_symbols(const KnowledgeBase& kb);

// A source cites an address (https://…) or a declared reference by name, optionally with the
// section meant: "applicant_account §小程序备案". These split such a text: the reference's
// name ("" when the text does not start with one) and the section ("小程序备案").
std::string_view source_reference(std::string_view ref);
std::string_view source_section(std::string_view ref);

// Words no fact may be named after: the words of the condition language, and the names the
// profile format gives its own meaning (`done`, `rejections`; the engine says what they mean).
// In a scenario, `given done = [...]` lists steps already done.
inline constexpr std::array<std::string_view, 10> kReservedWords = {
    "and", "or", "not", "true", "false", "known", "done", "satisfied", "mentions_region", "rejections"};
inline constexpr std::string_view kGivenDone = "done";

}  // namespace mpadvisor::dsl
