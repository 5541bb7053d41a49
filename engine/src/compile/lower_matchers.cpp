// Lowering what text is matched against: term lists (includes flattened) and provinces into
// Aho–Corasick matchers over normalised text, message patterns into literal plans.
#include <unicode/regex.h>

#include <functional>

#include "compile/builder.hpp"
#include "mpadvisor/dsl/pattern_plan.hpp"
#include "mpadvisor/engine/normalize.hpp"

namespace mpadvisor::engine {
void ModelBuilder::term_lists() {
  std::vector<const ast::TermList*> decls;
  each<ast::TermList>([&](const ast::TermList& t, const ast::Module&) { decls.push_back(&t); });
  for (const ast::TermList* t : decls) {
    TermListInfo info;
    info.name = t->name.text;
    info.title = text_of(t->title);
    std::set<std::string> visited;
    std::function<void(const ast::TermList&)> flatten = [&](const ast::TermList& list) {
      if (!visited.insert(list.name.text).second) return;  // include cycles end here
      for (const ast::Term& term : list.terms) info.terms.push_back(term.text);
      for (const ast::Name& inc : list.includes) {
        auto it = symbols_.terms.find(inc.text);
        if (it != symbols_.terms.end()) flatten(*it->second.decl);
      }
    };
    flatten(*t);
    std::vector<std::string> normalized, compact;
    for (const std::string& term : info.terms) {
      normalized.push_back(normalize(term).text);
      compact.push_back(normalize_compact(term));
    }
    model_->tables_->term_lists.emplace_back(normalized);
    model_->tables_->term_lists_compact.emplace_back(compact);
    model_->tables_->normalized_terms.push_back(std::move(normalized));
    term_index_.emplace(info.name, static_cast<std::uint32_t>(model_->term_lists_.size()));
    model_->term_lists_.push_back(std::move(info));
  }
  model_->tables_->all_term_lists = ListsMatcher(model_->tables_->normalized_terms);
}

// Two matchers: names and cities say that a text names a region (a Mini Program's name that
// mentions a place); those and every division place a text in its province.
void ModelBuilder::regions() {
  std::vector<std::string> names, places;
  MatchTables& t = *model_->tables_;
  each<ast::Province>([&](const ast::Province& p, const ast::Module&) {
    auto const index = static_cast<std::int32_t>(t.province_names.size());
    t.province_names.push_back(p.name.text);
    province_index_.emplace(p.name.text, index);
    for (const auto* list : {&p.names, &p.cities, &p.places}) {
      for (const std::string& n : *list) {
        std::string normalized = normalize(n).text;
        if (list != &p.places) {
          names.push_back(normalized);
          t.region_province.push_back(index);
          province_index_.emplace(normalize_compact(n), index);
        }
        places.push_back(std::move(normalized));
        t.place_province.push_back(index);
        t.place_names.building().push_back(n);
      }
    }
    province_index_.emplace(normalize_compact(p.name.text), index);
  });
  t.regions = TermMatcher(names);
  t.places = TermMatcher(places);
}

void ModelBuilder::pattern(CauseId cause, const ast::Pattern& p) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> regex(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p.regex), UREGEX_CASE_INSENSITIVE, where, status));
  if (U_FAILURE(status)) throw std::logic_error("the checker let through a bad pattern " + p.regex);
  LiteralPlan plan = intern_plan(dsl::plan_pattern(p.regex), pattern_literals_);
  // An exact plan decides matches on its own; the expression is kept for the others.
  if (plan.exact) regex.reset();
  model_->tables_->regexes.building().push_back(std::move(regex));
  model_->tables_->patterns.push_back({cause, p.regex, std::move(plan)});
}

void ModelBuilder::pattern_tables() {
  // One matcher finds the literals of every message pattern (see message_pattern.hpp).
  MatchTables& t = *model_->tables_;
  t.pattern_literals = TermMatcher(pattern_literals_.texts(), /*word_boundaries=*/false);
  std::vector<const LiteralPlan*> plans;
  for (const CompiledPattern& p : t.patterns) plans.push_back(&p.plan);
  t.pattern_index = PlanIndex(plans, pattern_literals_.texts().size());
  // Rankings break ties by cause name; comparing places is cheaper than comparing names.
  t.cause_name_order.resize(model_->causes_.size());
  std::uint32_t place = 0;
  for (const auto& [name, id] : cause_index_) t.cause_name_order[id] = place++;
}

}  // namespace mpadvisor::engine
