// The model's own parts: construction, and the names of its enumerations.
#include "mpadvisor/engine/model.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "compiled.hpp"
#include "content_hash.hpp"
#include "scope_cache.hpp"

namespace mpadvisor::engine {

Model::Model()
    : scenarios_(std::make_unique<Lazy<std::vector<ScenarioInfo>>>()),
      conditions_(std::make_unique<CompiledConditions>()),
      tables_(std::make_unique<MatchTables>()),
      scopes_(std::make_unique<ScopeCache>()) {}
Model::~Model() = default;

std::string_view Model::condition_text(RuleId rule) const {
  return conditions_->text_of(conditions_->roots[rules_[rule].condition]);
}

const std::vector<ScenarioInfo>& Model::scenarios() const { return scenarios_->get(); }

namespace {

// Appends to `out` the facts that known() tests as conjuncts of the condition at `node`
// (reached through `and` nodes only), each once. Such a fact being unknown makes the whole
// condition false, whatever else it says.
void append_guards(const CompiledConditions& cc, std::uint32_t node, std::vector<FactId>& out) {
  const HotNode& n = cc.hot[node];
  if (n.kind == CondKind::known) {
    if (std::find(out.begin(), out.end(), n.fact) == out.end()) out.push_back(n.fact);
  } else if (n.kind == CondKind::all) {
    for (std::uint32_t k = 0; k < n.b; ++k) append_guards(cc, n.a + k, out);
  }
}

// The nodes under `node` reached through nothing but `and`, in evaluation order, without the
// known() tests of `guards`.
void append_conjuncts(const CompiledConditions& cc, std::uint32_t node,
                      const std::array<FactId, HotRule::kGuards>& guards, std::vector<std::uint32_t>& out) {
  const HotNode& n = cc.hot[node];
  if (n.kind == CondKind::all) {
    for (std::uint32_t k = 0; k < n.b; ++k) append_conjuncts(cc, n.a + k, guards, out);
  } else if (n.kind != CondKind::known || std::find(guards.begin(), guards.end(), n.fact) == guards.end()) {
    out.push_back(node);
  }
}

// The guards' fact ids as a mask of facts in the same four words (see HotRule); the guard that
// always holds is left out.
void as_mask(std::array<FactId, HotRule::kGuards>& guards, FactId always_known) {
  std::uint64_t low = 0, high = 0;
  for (FactId g : guards) {
    if (g == always_known) continue;
    (g < 64 ? low : high) |= std::uint64_t{1} << (g % 64);
  }
  guards = {static_cast<std::uint32_t>(low), static_cast<std::uint32_t>(low >> 32), static_cast<std::uint32_t>(high),
            static_cast<std::uint32_t>(high >> 32)};
}

}  // namespace

void Model::finish() {
  auto fill = [](NameIndex& index, const auto& infos) {
    std::vector<std::string_view> names;
    names.reserve(infos.size());
    for (const auto& info : infos) names.emplace_back(info.name);
    index.assign(std::move(names));
  };
  fill(fact_index_, facts_);
  fill(step_index_, steps_);
  fill(rule_index_, rules_);
  fill(cause_index_, causes_);
  step_names_ = NameTable::of(steps_);
  rule_names_ = NameTable::of(rules_);
  cause_names_ = NameTable::of(causes_);
  CompiledConditions& cc = *conditions_;
  cc.fact_values.assign(facts_.size(), {});
  for (FactId f = 0; f < facts_.size(); ++f) {
    std::vector<std::string_view> const values(facts_[f].values.begin(), facts_[f].values.end());
    cc.fact_values[f].assign(values);
  }
  cc.done_when.clear();
  for (const StepInfo& s : steps_) cc.done_when.push_back(s.done_when);
  cc.compared_exactly.assign(facts_.size(), false);
  for (const HotNode& n : cc.hot) {
    bool const exact =
        n.kind == CondKind::compare || n.kind == CondKind::in || n.kind == CondKind::has || n.kind == CondKind::is_any;
    bool const text = n.type == FactType::text || n.type == FactType::text_list;
    if (exact && text && n.fact < facts_.size()) cc.compared_exactly[n.fact] = true;
  }
  cc.rules_by_step.clear();
  cc.known_fact_ids.clear();
  cc.always_known = static_cast<FactId>(facts_.size());
  cc.guard_masks = facts_.size() < 128;
  cc.step_rules.assign(steps_.size(), {});
  std::vector<FactId> guards;
  std::vector<std::uint32_t> conjuncts;
  for (StepId s : topo_) {
    cc.step_rules[s].begin = static_cast<std::uint32_t>(cc.rules_by_step.size());
    for (RuleId r : steps_[s].rules) {
      const RuleInfo& rule = rules_[r];
      const std::vector<FactId>& known = cc.known_facts_of[rule.condition];
      HotRule hot{r,
                  cc.roots[rule.condition],
                  rule.cause,
                  rule.step,
                  static_cast<std::uint32_t>(cc.known_fact_ids.size()),
                  static_cast<std::uint16_t>(known.size()),
                  0,
                  rule.effect,
                  rule.likelihood};
      cc.known_fact_ids.insert(cc.known_fact_ids.end(), known.begin(), known.end());
      guards.clear();
      append_guards(cc, hot.root, guards);
      hot.guards.fill(cc.always_known);
      std::copy_n(guards.begin(), std::min(guards.size(), HotRule::kGuards), hot.guards.begin());
      conjuncts.clear();
      append_conjuncts(cc, hot.root, hot.guards, conjuncts);
      if (cc.guard_masks) as_mask(hot.guards, cc.always_known);
      if (conjuncts.size() <= HotRule::kConjuncts) {
        hot.conjunct_count = static_cast<std::uint8_t>(conjuncts.size());
        std::copy(conjuncts.begin(), conjuncts.end(), hot.conjuncts.begin());
      } else {
        hot.conjunct_count = HotRule::kWholeCondition;
      }
      cc.rules_by_step.push_back(hot);
    }
    cc.step_rules[s].end = static_cast<std::uint32_t>(cc.rules_by_step.size());
  }
  scopes_->prepare(steps_.size());
  static std::atomic<std::uint64_t> instances{0};
  tables_->instance = ++instances;
}

void KbVersionHash::add(std::string_view text) { hash_ = content_hash(text, hash_); }

std::string KbVersionHash::version() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
  return buf;
}

std::string kb_version_of(const std::vector<std::string_view>& texts) {
  KbVersionHash hash(texts.size());
  for (std::string_view text : texts) hash.add(text);
  return hash.version();
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::clear:
      return "clear";
    case Verdict::blocked:
      return "blocked";
    case Verdict::needs_info:
      return "needs_info";
  }
  return "";
}

std::string_view to_string(Effect e) {
  switch (e) {
    case Effect::block:
      return "block";
    case Effect::warn:
      return "warn";
    case Effect::wait:
      return "wait";
  }
  return "";
}

std::string_view to_string(Likelihood l) {
  switch (l) {
    case Likelihood::low:
      return "low";
    case Likelihood::medium:
      return "medium";
    case Likelihood::high:
      return "high";
  }
  return "";
}

std::string_view to_string(Certainty c) {
  switch (c) {
    case Certainty::unspecified:
      return "";
    case Certainty::official:
      return "official";
    case Certainty::many:
      return "many";
    case Certainty::single:
      return "single";
    case Certainty::applicant:
      return "applicant";
  }
  return "";
}

}  // namespace mpadvisor::engine
