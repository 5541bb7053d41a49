#include "scope_cache.hpp"

#include <algorithm>

#include "compiled.hpp"

namespace mpadvisor::engine {
namespace {

StepScope make_scope(const Model& model, const std::vector<StepId>& targets) {
  std::size_t const n = model.steps().size();
  std::vector<std::uint32_t> position(n, kNone);  // once per target, not per diagnosis
  std::vector<StepId> stack;
  std::vector<StepId> members;
  for (StepId t : targets) {
    if (position[t] == kNone) {
      position[t] = 0;
      stack.push_back(t);
      members.push_back(t);
    }
  }
  while (!stack.empty()) {
    StepId const s = stack.back();
    stack.pop_back();
    for (StepId r : model.steps()[s].requires_) {
      if (position[r] == kNone) {
        position[r] = 0;
        stack.push_back(r);
        members.push_back(r);
      }
    }
  }
  std::vector<std::uint32_t> topo_rank(n);
  for (std::uint32_t i = 0; i < model.topological_order().size(); ++i) topo_rank[model.topological_order()[i]] = i;
  std::sort(members.begin(), members.end(), [&](StepId a, StepId b) { return topo_rank[a] < topo_rank[b]; });

  StepScope scope;
  scope.steps = members;
  for (std::uint32_t i = 0; i < members.size(); ++i) position[members[i]] = i;
  scope.require_begin.reserve(members.size() + 1);
  scope.rule_begin.reserve(members.size());
  scope.rule_end.reserve(members.size());
  for (StepId s : members) {
    scope.require_begin.push_back(static_cast<std::uint32_t>(scope.requires_at.size()));
    for (StepId r : model.steps()[s].requires_) scope.requires_at.push_back(position[r]);
    scope.rule_begin.push_back(model.conditions().step_rules[s].begin);
    scope.rule_end.push_back(model.conditions().step_rules[s].end);
  }
  scope.require_begin.push_back(static_cast<std::uint32_t>(scope.requires_at.size()));
  return scope;
}

}  // namespace

void ScopeCache::prepare(std::size_t step_count) {
  slots_ = std::make_unique<std::atomic<const StepScope*>[]>(step_count + 1);
  for (std::size_t i = 0; i <= step_count; ++i) slots_[i].store(nullptr, std::memory_order_relaxed);
}

const StepScope& ScopeCache::get(const Model& model, StepId target) {
  std::size_t const slot = target == kNone ? model.steps().size() : target;
  if (const StepScope* ready = slots_[slot].load(std::memory_order_acquire)) return *ready;
  std::lock_guard lock(making_);
  if (const StepScope* ready = slots_[slot].load(std::memory_order_acquire)) return *ready;
  auto made = std::make_unique<const StepScope>(
      make_scope(model, target == kNone ? model.goals() : std::vector<StepId>{target}));
  slots_[slot].store(made.get(), std::memory_order_release);
  owned_.push_back(std::move(made));
  return *owned_.back();
}

const StepScope& Model::scope(StepId target) const { return scopes_->get(*this, target); }

}  // namespace mpadvisor::engine
