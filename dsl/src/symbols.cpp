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
            } else if constexpr (std::is_same_v<T, ast::Goal>)
              s.goals.push_back({&decl, &m});
          },
          d);
    }
  }
  return s;
}

}  // namespace mpadvisor::dsl
