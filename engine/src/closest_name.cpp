#include "mpadvisor/engine/closest_name.hpp"

#include <vector>

#include "mpadvisor/dsl/suggest.hpp"

namespace mpadvisor::engine {

std::optional<std::string> closest_name(const Model& model, std::string_view name, unsigned kinds) {
  std::vector<std::string> names;
  if ((kinds & kRuleNames) != 0) {
    for (const RuleInfo& r : model.rules()) names.push_back(r.name);
  }
  if ((kinds & kStepNames) != 0) {
    for (const StepInfo& s : model.steps()) names.push_back(s.name);
  }
  if ((kinds & kFactNames) != 0) {
    for (const FactInfo& f : model.facts()) names.push_back(f.name);
  }
  return dsl::closest_match(name, names);
}

}  // namespace mpadvisor::engine
