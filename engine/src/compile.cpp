// Lowers a checked KB into the immutable Model: ids in declaration order, the step graph's
// topological order, flattened term lists turned into matchers, conditions into flat nodes.
#include <algorithm>
#include <atomic>
#include <functional>
#include <set>
#include <stdexcept>

#include "compiled.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/dsl/format.hpp"
#include "mpadvisor/dsl/source_map.hpp"
#include "mpadvisor/dsl/step_graph.hpp"
#include "mpadvisor/dsl/symbols.hpp"
#include "mpadvisor/engine/normalize.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine {

namespace ast = dsl::ast;

Model::Model() : conditions_(std::make_unique<CompiledConditions>()), tables_(std::make_unique<MatchTables>()) {}
Model::~Model() = default;

namespace {

template <typename Info>
std::optional<std::uint32_t> find_by_name(const std::vector<Info>& infos, std::string_view name) {
  for (std::uint32_t i = 0; i < infos.size(); ++i) {
    if (infos[i].name == name) return i;
  }
  return std::nullopt;
}

Text text_of(const ast::Text& t) {
  Text out;
  for (const ast::Translation& tr : t) (tr.lang == "zh" ? out.zh : out.en) = tr.text;
  return out;
}

std::vector<Source> sources_of(const std::vector<ast::Source>& sources) {
  static constexpr const char* certainty[] = {"", "official", "many", "single", "seed"};
  std::vector<Source> out;
  for (const ast::Source& s : sources) {
    char checked[16] = "";
    if (s.checked)
      std::snprintf(checked, sizeof checked, "%04d-%02d-%02d", s.checked->year, s.checked->month, s.checked->day);
    out.push_back({s.ref, checked, certainty[static_cast<int>(s.certainty)]});
  }
  return out;
}

std::optional<Duration> duration_of(const std::optional<ast::DurationRange>& d) {
  if (!d) return std::nullopt;
  // Both ends are shown in the unit of the upper end when they differ (1h..2d reads as 1–2 days
  // only if they share one); keep them separately converted to hours where units differ.
  auto hours = [](const ast::Quantity& q) {
    if (q.unit == "min") return q.amount / 60;
    if (q.unit == "d") return q.amount * 24;
    if (q.unit == "wd") return q.amount * 24;
    return q.amount;
  };
  if (d->low.unit == d->high.unit) return Duration{d->low.amount, d->high.amount, d->low.unit};
  return Duration{hours(d->low), hours(d->high), "h"};
}

std::optional<Cost> cost_of(const std::optional<ast::Cost>& c) {
  if (!c) return std::nullopt;
  return Cost{c->amount, c->currency, c->per_attempt, c->refundable};
}

std::uint64_t fnv1a(std::uint64_t h, std::string_view data) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

class ModelBuilder {
 public:
  explicit ModelBuilder(const dsl::CheckedKb& checked)
      : checked_(checked), kb_(checked.kb()), symbols_(checked.symbols()) {}

  std::shared_ptr<const Model> build() {
    model_ = std::shared_ptr<Model>(new Model());
    for (const ast::Module& m : kb_.modules) maps_.emplace(&m, dsl::SourceMap(m.path, m.text));
    static std::atomic<std::uint64_t> instances{0};
    model_->tables_->instance = ++instances;
    version();
    facts();
    term_lists();
    regions();
    steps();
    alternatives();
    causes();
    rules();
    scenarios();
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
    return model_;
  }

 private:
  SourceLocation locate(const ast::Module* m, ast::Span span) const {
    dsl::Location loc = maps_.at(m).locate(span.begin);
    return {loc.file, loc.line, loc.column};
  }

  void version() {
    std::uint64_t h = 1469598103934665603ull;
    // The texts alone, in load order: the same KB has the same version wherever it is read from.
    for (const ast::Module& m : kb_.modules) h = fnv1a(h, m.text);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    model_->version_ = buf;
  }

  template <typename Decl, typename Fn>
  void each(Fn&& fn) {
    for (const ast::Module& m : kb_.modules) {
      for (const ast::Declaration& d : m.declarations) {
        if (const auto* decl = std::get_if<Decl>(&d)) fn(*decl, m);
      }
    }
  }

  FactId fact_id(const ast::Name& n) const {
    auto it = fact_index_.find(n.text);
    if (it == fact_index_.end()) throw std::logic_error("the checker let through undefined fact " + n.text);
    return it->second;
  }
  StepId step_id(const ast::Name& n) const {
    auto it = step_ids_.find(n.text);
    if (it == step_ids_.end()) throw std::logic_error("the checker let through undefined step " + n.text);
    return it->second;
  }

  void facts() {
    each<ast::Fact>([&](const ast::Fact& f, const ast::Module&) {
      FactInfo info;
      info.name = f.name.text;
      info.type = f.type;
      for (const ast::Name& v : f.values) info.values.push_back(v.text);
      info.question = text_of(f.question);
      info.help = text_of(f.help);
      info.min = f.min;
      info.max = f.max;
      info.max_length = f.max_length;
      model_->facts_.push_back(std::move(info));
    });
    for (FactId i = 0; i < model_->facts_.size(); ++i) fact_index_.emplace(model_->facts_[i].name, i);
    model_->tables_->fact_needs_regions.assign(model_->facts_.size(), false);
  }

  void term_lists() {
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
  }

  void regions() {
    std::vector<std::string> names;
    MatchTables& t = *model_->tables_;
    each<ast::Province>([&](const ast::Province& p, const ast::Module&) {
      auto const index = static_cast<std::int32_t>(t.province_names.size());
      t.province_names.push_back(p.name.text);
      province_index_.emplace(p.name.text, index);
      for (const auto* list : {&p.names, &p.cities}) {
        for (const std::string& n : *list) {
          names.push_back(normalize(n).text);
          t.region_province.push_back(index);
          province_index_.emplace(normalize_compact(n), index);
        }
      }
      province_index_.emplace(normalize_compact(p.name.text), index);
    });
    t.regions = TermMatcher(names);
  }

  void steps() {
    const dsl::StepGraph& graph = checked_.step_graph();
    const auto& g = graph.graph();
    for (dsl::StepId v = 0; v < graph.size(); ++v) {
      const ast::Step& s = *g[v].step;
      StepInfo info;
      info.name = s.name.text;
      info.title = text_of(s.title);
      info.description = text_of(s.description);
      info.actor = s.actor.text;
      info.duration = duration_of(s.duration);
      info.cost = cost_of(s.cost);
      info.location = locate(g[v].module, s.name.span);
      step_ids_.emplace(info.name, static_cast<StepId>(v));
      model_->steps_.push_back(std::move(info));
    }
    for (dsl::StepId v = 0; v < graph.size(); ++v) {
      for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
        model_->steps_[v].requires_.push_back(static_cast<StepId>(boost::target(*e, g)));
      }
      if (const auto& done = g[v].step->done_when)
        model_->steps_[v].done_when = static_cast<std::int32_t>(condition(*done));
    }
    for (dsl::StepId v : graph.topological_order()) model_->topo_.push_back(static_cast<StepId>(v));
    if (model_->topo_.size() != model_->steps_.size()) throw std::logic_error("the checker let through requires cycle");
    for (const auto& goal : symbols_.goals) model_->goals_.push_back(step_id(goal.decl->step));
  }

  void alternatives() {
    each<ast::Alternatives>([&](const ast::Alternatives& a, const ast::Module&) {
      AlternativesInfo info;
      info.name = a.name.text;
      info.title = text_of(a.title);
      info.fact = fact_id(a.fact);
      const FactInfo& fact = model_->facts_[info.fact];
      for (const ast::Option& o : a.options) {
        info.options.push_back(
            {o.name.text, text_of(o.title), text_of(o.how), duration_of(o.duration), cost_of(o.cost)});
        auto it = std::find(fact.values.begin(), fact.values.end(), o.name.text);
        if (it != fact.values.end()) info.option_mask |= 1ull << (it - fact.values.begin());
      }
      alternatives_index_.emplace(info.name, static_cast<std::uint32_t>(model_->alternatives_.size()));
      model_->alternatives_.push_back(std::move(info));
    });
  }

  void causes() {
    each<ast::Cause>([&](const ast::Cause& c, const ast::Module& m) {
      CauseInfo info;
      info.name = c.name.text;
      info.title = text_of(c.title);
      info.explanation = text_of(c.explanation);
      if (!c.stage.empty()) info.stage = step_id(c.stage);
      for (const ast::Fix& f : c.fixes) {
        Fix fix{text_of(f.text), {}};
        for (const ast::Change& ch : f.changes) fix.changes.push_back({fact_id(ch.fact), ch.op, ch.value});
        info.fixes.push_back(std::move(fix));
      }
      for (const ast::Pattern& p : c.patterns) {
        info.patterns.push_back(p.regex);
        UErrorCode status = U_ZERO_ERROR;
        UParseError where{};
        std::unique_ptr<icu::RegexPattern> regex(
            icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p.regex), UREGEX_CASE_INSENSITIVE, where, status));
        if (U_FAILURE(status)) throw std::logic_error("the checker let through bad pattern " + p.regex);
        LiteralPlan plan = intern_plan(dsl::plan_pattern(p.regex), pattern_literals_);
        // An exact plan decides matches on its own; the expression is kept for the others.
        if (plan.exact) regex.reset();
        model_->tables_->patterns.push_back(
            {static_cast<CauseId>(model_->causes_.size()), p.regex, std::move(regex), std::move(plan)});
      }
      info.sources = sources_of(c.sources);
      info.location = locate(&m, c.name.span);
      cause_index_.emplace(info.name, static_cast<CauseId>(model_->causes_.size()));
      model_->causes_.push_back(std::move(info));
    });
  }

  void rules() {
    each<ast::Rule>([&](const ast::Rule& r, const ast::Module& m) {
      RuleInfo info;
      info.name = r.name.text;
      info.step = step_id(r.step);
      info.condition = condition(r.condition);
      info.condition_text = dsl::format_condition(r.condition);
      info.effect = r.effect.kind;
      auto cause = cause_index_.find(r.effect.cause.text);
      if (cause == cause_index_.end())
        throw std::logic_error("the checker let through undefined cause " + r.effect.cause.text);
      info.cause = cause->second;
      info.likelihood = r.effect.likelihood;
      info.actor = r.effect.actor.text;
      info.sources = sources_of(r.sources);
      info.location = locate(&m, r.name.span);
      auto const id = static_cast<RuleId>(model_->rules_.size());
      model_->steps_[info.step].rules.push_back(id);
      model_->rules_.push_back(std::move(info));
    });
  }

  void scenarios() {
    each<ast::Scenario>([&](const ast::Scenario& s, const ast::Module& m) {
      ScenarioInfo info;
      info.name = s.name.text;
      info.description = text_of(s.description);
      info.given = s.given;
      info.target = s.target.empty() ? kNone : step_id(s.target);
      info.expectations = s.expectations;
      info.location = locate(&m, s.name.span);
      model_->scenarios_.push_back(std::move(info));
    });
  }

  // ---------------------------------------------------------------- conditions

  std::uint32_t condition(const ast::Expr& e) {
    CompiledConditions& cc = *model_->conditions_;
    std::set<FactId> facts;
    std::uint32_t const root = node(e, facts);
    cc.roots.push_back(root);
    cc.facts_of.emplace_back(facts.begin(), facts.end());
    return static_cast<std::uint32_t>(cc.roots.size() - 1);
  }

  static Function function_of(const std::string& name) {
    if (name == "province") return Function::province;
    if (name == "hours_since") return Function::hours_since;
    if (name == "days_since") return Function::days_since;
    if (name == "days_until") return Function::days_until;
    if (name == "width") return Function::width;
    if (name == "count") return Function::count;
    return Function::none;
  }

  Literal literal(const ast::Value& v, FactId fact, Function fn) {
    Literal lit;
    lit.kind = v.kind;
    lit.boolean = v.boolean;
    lit.number = v.number;
    if (fn == Function::province) {
      auto it = province_index_.find(normalize_compact(v.text));
      lit.index = it == province_index_.end() ? -2 : it->second;  // -2 never equals a profile's province
      return lit;
    }
    if (v.kind == ast::ValueKind::date) {
      base::Date const day{std::chrono::year{v.date.year}, std::chrono::month{static_cast<unsigned>(v.date.month)},
                           std::chrono::day{static_cast<unsigned>(v.date.day)}};
      lit.number = static_cast<double>(base::midnight(day) + (v.date.has_time() ? v.date.hour : 0) * 3600LL +
                                       v.date.minute * 60LL);
    }
    if (fact != kNone && fn == Function::none) {
      const FactInfo& f = model_->facts_[fact];
      auto it = std::find(f.values.begin(), f.values.end(), v.text);
      if (it != f.values.end()) lit.index = static_cast<std::int32_t>(it - f.values.begin());
    }
    if (v.kind == ast::ValueKind::string) lit.compact = normalize_compact(v.text);
    return lit;
  }

  std::uint32_t node(const ast::Expr& e, std::set<FactId>& facts) {
    CondNode n;
    n.kind = e.kind;
    n.op = e.op;
    n.truth = e.truth;
    n.text = dsl::format_condition(e);
    auto subject_fact = [&] {
      n.fact = fact_id(e.subject);
      facts.insert(n.fact);
    };
    switch (e.kind) {
      case ast::ExprKind::constant:
        break;
      case ast::ExprKind::all:
      case ast::ExprKind::any:
      case ast::ExprKind::negation:
        for (const ast::Expr& op : e.operands) n.children.push_back(node(op, facts));
        break;
      case ast::ExprKind::fact:
      case ast::ExprKind::known:
        subject_fact();
        break;
      case ast::ExprKind::mentions_region:
        subject_fact();
        model_->tables_->fact_needs_regions[n.fact] = true;
        break;
      case ast::ExprKind::contains_any:
      case ast::ExprKind::is_any:
        subject_fact();
        n.target = term_index_.at(e.list.text);
        break;
      case ast::ExprKind::has:
      case ast::ExprKind::in: {
        subject_fact();
        const FactInfo& f = model_->facts_[n.fact];
        for (const ast::Value& v : e.values) {
          auto it = std::find(f.values.begin(), f.values.end(), v.text);
          if (it != f.values.end()) n.mask |= 1ull << (it - f.values.begin());
          if (v.kind == ast::ValueKind::string) n.texts.push_back(normalize_compact(v.text));
          if (v.kind == ast::ValueKind::number) n.numbers.push_back(v.number);
        }
        break;
      }
      case ast::ExprKind::done:
        n.target = step_id(e.subject);
        break;
      case ast::ExprKind::satisfied: {
        n.target = alternatives_index_.at(e.subject.text);
        n.fact = model_->alternatives_[n.target].fact;
        facts.insert(n.fact);
        break;
      }
      case ast::ExprKind::compare: {
        n.fact = fact_id(e.left.fact);
        facts.insert(n.fact);
        n.left_fn = e.left.kind == ast::Operand::Kind::call ? function_of(e.left.function) : Function::none;
        if (e.right.kind == ast::Operand::Kind::call) {
          n.right_fn = function_of(e.right.function);
          n.right_fact = fact_id(e.right.fact);
          facts.insert(n.right_fact);
        } else {
          n.right = literal(e.right.value, n.left_fn == Function::none ? n.fact : kNone, n.left_fn);
        }
        for (FactId f : {n.fact, n.right_fact}) {
          if (f != kNone && (n.left_fn == Function::province || n.right_fn == Function::province)) {
            model_->tables_->fact_needs_regions[f] = true;
          }
        }
        break;
      }
    }
    CompiledConditions& cc = *model_->conditions_;
    cc.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(cc.nodes.size() - 1);
  }

  const dsl::CheckedKb& checked_;
  const dsl::KnowledgeBase& kb_;
  const dsl::Symbols& symbols_;
  std::shared_ptr<Model> model_;
  std::map<const ast::Module*, dsl::SourceMap> maps_;
  std::map<std::string, FactId, std::less<>> fact_index_;
  std::map<std::string, StepId, std::less<>> step_ids_;
  std::map<std::string, CauseId, std::less<>> cause_index_;
  std::map<std::string, std::uint32_t, std::less<>> term_index_;
  std::map<std::string, std::uint32_t, std::less<>> alternatives_index_;
  std::map<std::string, std::int32_t, std::less<>> province_index_;
  LiteralTable pattern_literals_;
};

std::optional<FactId> Model::find_fact(std::string_view name) const { return find_by_name(facts_, name); }
std::optional<StepId> Model::find_step(std::string_view name) const { return find_by_name(steps_, name); }
std::optional<RuleId> Model::find_rule(std::string_view name) const { return find_by_name(rules_, name); }
std::optional<CauseId> Model::find_cause(std::string_view name) const { return find_by_name(causes_, name); }

std::shared_ptr<const Model> compile(const dsl::CheckedKb& kb) { return ModelBuilder(kb).build(); }

}  // namespace mpadvisor::engine
