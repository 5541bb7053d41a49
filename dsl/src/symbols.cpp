#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl {
namespace {

template <typename Decl>
void enter(Symbols& s, Table<Decl>& table, const char* kind, const Decl& decl, const ast::Module& module) {
  auto [it, inserted] = table.try_emplace(decl.name.text, Declared<Decl>{&decl, &module});
  if (!inserted) {
    s.duplicates.push_back(
        {kind, decl.name.text, decl.name.span, &module, it->second.decl->name.span, it->second.module});
  }
}

}  // namespace

Symbols index_symbols(const KnowledgeBase& kb) {
  Symbols s;
  for (const ast::Module& m : kb.modules) {
    for (const ast::Declaration& d : m.declarations) {
      std::visit(
          [&](const auto& decl) {
            using T = std::decay_t<decltype(decl)>;
            if constexpr (std::is_same_v<T, ast::Fact>)
              enter(s, s.facts, "fact", decl, m);
            else if constexpr (std::is_same_v<T, ast::TermList>)
              enter(s, s.terms, "term list", decl, m);
            else if constexpr (std::is_same_v<T, ast::Province>)
              enter(s, s.provinces, "province", decl, m);
            else if constexpr (std::is_same_v<T, ast::Step>) {
              enter(s, s.steps, "step", decl, m);
              s.step_order.push_back({&decl, &m});
            } else if constexpr (std::is_same_v<T, ast::Alternatives>)
              enter(s, s.alternatives, "alternatives", decl, m);
            else if constexpr (std::is_same_v<T, ast::Cause>)
              enter(s, s.causes, "cause", decl, m);
            else if constexpr (std::is_same_v<T, ast::Rule>) {
              enter(s, s.rules, "rule", decl, m);
              s.rule_order.push_back({&decl, &m});
            } else if constexpr (std::is_same_v<T, ast::Scenario>) {
              enter(s, s.scenarios, "scenario", decl, m);
              s.scenario_order.push_back({&decl, &m});
            } else if constexpr (std::is_same_v<T, ast::Baseline>)
              enter(s, s.baselines, "baseline", decl, m);
            else if constexpr (std::is_same_v<T, ast::Reference>)
              enter(s, s.references, "reference", decl, m);
            else if constexpr (std::is_same_v<T, ast::Calendar>)
              enter(s, s.calendars, "calendar", decl, m);
            else if constexpr (std::is_same_v<T, ast::Goal>)
              s.goals.push_back({&decl, &m});
          },
          d);
    }
  }
  return s;
}

std::string_view source_reference(std::string_view ref) {
  if (ref.find("://") != std::string_view::npos) return {};
  std::size_t end = 0;
  auto const name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  while (end < ref.size() && name_char(ref[end])) ++end;
  bool const ends_cleanly = end == ref.size() || ref[end] == ' ';
  return end > 0 && ends_cleanly ? ref.substr(0, end) : std::string_view{};
}

std::string_view source_section(std::string_view ref) {
  std::string_view rest = ref.substr(source_reference(ref).size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.rfind("§", 0) == 0) rest.remove_prefix(std::string_view("§").size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

}  // namespace mpadvisor::dsl
