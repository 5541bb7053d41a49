// Applying a plan's edits to a profile (and taking them back), and the facts each rule depends on.
#include <algorithm>

#include "compiled.hpp"
#include "plan/planner_detail.hpp"
#include "profile/value_builder.hpp"

namespace mpadvisor::engine::plan_detail {

void EditScope::apply(const Edit& edit) {
  FactValue& slot = profile_.facts[edit.fact];
  saved_.emplace_back(edit.fact, slot);
  switch (edit.op) {
    case ChangeOp::assign:
      slot = edit.value;
      break;
    case ChangeOp::unset:
      slot = FactValue{};
      break;
    case ChangeOp::add:
    case ChangeOp::remove: {
      std::vector<std::string> items = slot.known ? slot.list : std::vector<std::string>{};
      auto it = std::find(items.begin(), items.end(), edit.item);
      if (edit.op == ChangeOp::add && it == items.end()) items.push_back(edit.item);
      if (edit.op == ChangeOp::remove && it != items.end()) items.erase(it);
      slot = profile_detail::ValueBuilder(model_, edit.fact).items(items);
      break;
    }
    case ChangeOp::suggest:
      break;  // resolved to an assignment when the candidate was made
  }
}

void EditScope::undo() {
  // Newest first, so a fact edited twice gets its original value back.
  for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) profile_.facts[it->first] = std::move(it->second);
  saved_.clear();
}

std::vector<std::vector<FactId>> rule_reads(const Model& model) {
  const CompiledConditions& cc = model.conditions();
  std::vector<std::vector<FactId>> out(model.rules().size());
  for (RuleId r = 0; r < model.rules().size(); ++r) {
    const RuleInfo& rule = model.rules()[r];
    std::vector<FactId>& reads = out[r];
    reads = cc.facts_of[rule.condition];
    if (std::int32_t done = model.steps()[rule.step].done_when; done >= 0) {
      const auto& more = cc.facts_of[static_cast<std::size_t>(done)];
      reads.insert(reads.end(), more.begin(), more.end());
    }
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  }
  return out;
}

}  // namespace mpadvisor::engine::plan_detail
