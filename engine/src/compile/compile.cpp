// Lowers a checked KB into the immutable Model: ids in declaration order, the step graph's
// topological order, and each declaration in the engine's own types. The lowerings of
// values, conditions, matchers and scenarios are in the files beside this one.
#include <algorithm>
#include <atomic>
#include <stdexcept>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "compile/builder.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/parse.hpp"
#include "scope_cache.hpp"

namespace mpadvisor::engine {

ModelBuilder::ModelBuilder(const dsl::CheckedKb& checked, dsl::KnowledgeBase* tree)
    : checked_(checked), kb_(checked.kb()), tree_(tree), symbols_(checked.symbols()) {}

std::uint32_t ModelBuilder::id_of(const std::map<std::string, std::uint32_t, std::less<>>& index, const ast::Name& n,
                                  const char* kind) {
  auto it = index.find(n.text);
  if (it == index.end())
    throw std::logic_error(std::string("the checker let through an undefined ") + kind + " " + n.text);
  return it->second;
}

std::shared_ptr<const Model> ModelBuilder::build() {
  model_ = std::shared_ptr<Model>(new Model());
  for (const ast::Module& m : kb_.modules) maps_.emplace(&m, dsl::SourceMap(m.path, m.text));
  version();
  facts();
  term_lists();
  regions();
  reserve_nodes();
  steps();
  release_all<ast::Step>();  // the step graph points at them; nothing reads it after steps()
  alternatives();
  causes();
  release_all<ast::Cause>();
  rules();
  scenarios();
  calendar();
  release_tree();
  lay_out_nodes();
  hot_nodes();
  interview_literals();
  release_nodes();
  pattern_tables();
  model_->finish();
  interview_tables();  // tries answers through the profile's own checks, which need finish()'s indexes
  return model_;
}

void ModelBuilder::version() {
  // The texts alone, in load order: the same KB has the same version wherever it is read from.
  std::vector<std::string_view> texts;
  texts.reserve(kb_.modules.size());
  for (const ast::Module& m : kb_.modules) texts.emplace_back(m.text);
  model_->version_ = kb_version_of(texts);
}

void ModelBuilder::facts() {
  static constexpr FactType kTypes[] = {FactType::boolean,     FactType::number,   FactType::text, FactType::text_list,
                                        FactType::enumeration, FactType::enum_set, FactType::date, FactType::datetime};
  each<ast::Fact>([&](const ast::Fact& f, const ast::Module&) {
    FactInfo info;
    info.name = f.name.text;
    info.type = kTypes[static_cast<int>(f.type)];
    for (const ast::Name& v : f.values) info.values.push_back(v.text);
    info.choices.resize(info.values.size());
    for (const ast::Choice& c : f.choices) {
      auto it = std::find(info.values.begin(), info.values.end(), c.value.text);
      if (it != info.values.end()) info.choices[static_cast<std::size_t>(it - info.values.begin())] = text_of(c.title);
    }
    info.title = text_of(f.title);
    info.question = text_of(f.question);
    info.help = text_of(f.help);
    info.example = text_of(f.example);
    info.derived = f.derived;
    info.background = f.background.on;
    info.whole = f.whole.on;
    info.min = f.min;
    info.max = f.max;
    info.max_length = f.max_length;
    fact_index_.emplace(info.name, static_cast<FactId>(model_->facts_.size()));
    model_->facts_.push_back(std::move(info));
  });
  model_->tables_->fact_needs_regions.assign(model_->facts_.size(), false);
}

void ModelBuilder::steps() {
  // The checker built the step graph; its vertices are the steps in declaration order.
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
    info.irreversible = s.irreversible.on;
    info.location = locate(g[v].module, s.name.span);
    step_index_.emplace(info.name, static_cast<StepId>(v));
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
  if (model_->topo_.size() != model_->steps_.size()) throw std::logic_error("the checker let through a requires cycle");
  for (const auto& goal : symbols_.goals) model_->goals_.push_back(step_id(goal.decl->step));
}

// Room for every condition's nodes at once: grown by doubling, the array was at its largest,
// old and new side by side, while the rules were lowered.
void ModelBuilder::reserve_nodes() {
  std::size_t nodes = 0;
  each<ast::Rule>([&](const ast::Rule& r, const ast::Module&) {
    nodes += r.condition_in_text ? r.condition_nodes : dsl::node_count(r.condition);
  });
  each<ast::Step>([&](const ast::Step& s, const ast::Module&) {
    if (s.done_when) nodes += dsl::node_count(*s.done_when);
  });
  each<ast::Cause>([&](const ast::Cause& c, const ast::Module&) {
    for (const ast::Fix& f : c.fixes) {
      if (f.guard) nodes += dsl::node_count(*f.guard);
    }
  });
  nodes_.reserve(nodes);
}

void ModelBuilder::alternatives() {
  each<ast::Alternatives>([&](const ast::Alternatives& a, const ast::Module&) {
    AlternativesInfo info;
    info.name = a.name.text;
    info.title = text_of(a.title);
    info.fact = fact_id(a.fact);
    const FactInfo& fact = model_->facts_[info.fact];
    for (const ast::Option& o : a.options) {
      info.options.push_back({o.name.text, text_of(o.title), text_of(o.how), duration_of(o.duration), cost_of(o.cost)});
      auto it = std::find(fact.values.begin(), fact.values.end(), o.name.text);
      if (it != fact.values.end()) info.option_mask |= 1ull << (it - fact.values.begin());
    }
    alternatives_index_.emplace(info.name, static_cast<std::uint32_t>(model_->alternatives_.size()));
    model_->alternatives_.push_back(std::move(info));
  });
}

void ModelBuilder::causes() {
  static constexpr ChangeOp kOps[] = {ChangeOp::assign, ChangeOp::add, ChangeOp::remove, ChangeOp::unset,
                                      ChangeOp::suggest};
  each<ast::Cause>([&](const ast::Cause& c, const ast::Module& m) {
    auto const id = static_cast<CauseId>(model_->causes_.size());
    CauseInfo info;
    info.name = c.name.text;
    info.title = text_of(c.title);
    info.explanation = text_of(c.explanation);
    if (!c.stage.empty()) info.stage = step_id(c.stage);
    for (const ast::Fix& f : c.fixes) {
      Fix fix;
      fix.text = text_of(f.text);
      for (const ast::Change& ch : f.changes) {
        FactChange change;
        change.fact = fact_id(ch.fact);
        change.op = kOps[static_cast<int>(ch.op)];
        if (change.op == ChangeOp::suggest) {
          change.suggest = ch.suggest == ast::SuggestMode::adding ? SuggestMode::adding : SuggestMode::from;
          change.list = id_of(term_index_, ch.list, "term list");
        } else if (change.op != ChangeOp::unset) {
          change.value = literal_of(ch.value);
        }
        fix.changes.push_back(std::move(change));
      }
      fix.duration = duration_of(f.duration);
      fix.cost = cost_of(f.cost);
      if (f.guard) fix.guard = static_cast<std::int32_t>(condition(*f.guard));
      fix.irreversible = f.irreversible.on;
      info.fixes.push_back(std::move(fix));
    }
    for (const ast::Pattern& p : c.patterns) {
      info.patterns.push_back(p.regex);
      pattern(id, p);
    }
    info.sources = sources_of(c.sources);
    info.location = locate(&m, c.name.span);
    cause_index_.emplace(info.name, id);
    model_->causes_.push_back(std::move(info));
  });
}

void ModelBuilder::rules() {
  static constexpr Effect kEffects[] = {Effect::block, Effect::warn, Effect::wait};
  static constexpr Likelihood kLikelihoods[] = {Likelihood::low, Likelihood::medium, Likelihood::high};
  model_->rules_.reserve(symbols_.rule_order.size());
  ast::Expr parsed;  // a condition the load kept as text, one rule's at a time
  auto lower = [&](const ast::Rule& r, const ast::Module& m) {
    RuleInfo info;
    info.name = r.name.text;
    info.step = step_id(r.step);
    info.condition = condition(dsl::rule_condition(m, r, parsed));
    info.effect = kEffects[static_cast<int>(r.effect.kind)];
    info.cause = cause_id(r.effect.cause);
    info.likelihood = kLikelihoods[static_cast<int>(r.effect.likelihood)];
    info.actor = r.effect.actor.text;
    info.sources = sources_of(r.sources);
    info.location = locate(&m, r.name.span);
    auto const id = static_cast<RuleId>(model_->rules_.size());
    model_->steps_[info.step].rules.push_back(id);
    model_->rules_.push_back(std::move(info));
  };
  if (tree_ == nullptr) {
    each<ast::Rule>(lower);
    return;
  }
  // Rules are most of a large KB's tree: each condition goes once lowered, and what the model
  // takes next reuses its memory.
  std::size_t lowered = 0;
  each_owned<ast::Rule>([&](ast::Rule& r, const ast::Module& m) {
    lower(r, m);
    r.condition = ast::Expr();
    r.sources = std::vector<ast::Source>();  // `= {}` would keep the capacity
    if (++lowered % kRulesBetweenTrims == 0) return_free_pages();
  });
}

// Nothing after this reads the tree (the nodes carry their texts): with a tree to free, it goes
// before the nodes are laid out, and its pages go back to the system, so that the model's last
// arrays do not come on top of it.
void ModelBuilder::release_tree() {
  if (tree_ == nullptr) return;
  maps_.clear();  // they view the modules' texts
  tree_->modules = {};
  return_free_pages();
}

// The tree is thousands of small blocks: freed, they stay resident until the allocator is asked
// to give their pages back, and the model's large arrays would come on top of them.
void ModelBuilder::return_free_pages() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

void ModelBuilder::calendar() {
  auto day = [](const ast::Date& d) { return static_cast<std::int32_t>(base::midnight(dsl::to_date(d)) / 86400); };
  each<ast::Calendar>([&](const ast::Calendar& c, const ast::Module&) {
    if (model_->calendar_) return;  // the checker allows one
    HolidayCalendar cal;
    cal.name = c.name.text;
    cal.title = text_of(c.title);
    if (c.covers) {
      cal.covers_first = day(c.covers->first);
      cal.covers_last = day(c.covers->last);
    }
    for (const ast::CalendarDay& d : c.days) {
      cal.days.push_back({day(d.days.first), day(d.days.last), d.workday, text_of(d.title)});
    }
    std::sort(cal.days.begin(), cal.days.end(),
              [](const CalendarDay& a, const CalendarDay& b) { return a.first < b.first; });
    cal.sources = sources_of(c.sources);
    model_->calendar_ = std::move(cal);
  });
}

// Name → id tables for find_*, over views of the names the model owns.
std::shared_ptr<const Model> compile(const dsl::CheckedKb& kb) { return ModelBuilder(kb).build(); }
std::shared_ptr<const Model> compile(dsl::CheckedKb&& kb) { return ModelBuilder(kb, kb.sole_tree()).build(); }

}  // namespace mpadvisor::engine
