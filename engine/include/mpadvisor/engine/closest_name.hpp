// "Did you mean": the name of the KB closest to one it does not know, among the kinds of
// names that fit where it was given (a fact for --set, a step for a target, a rule or a step
// for `why`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::engine {

enum NameKind : unsigned { kRuleNames = 1u, kStepNames = 2u, kFactNames = 4u };

// nullopt when no name of those kinds is close.
std::optional<std::string> closest_name(const Model& model, std::string_view name, unsigned kinds);

}  // namespace mpadvisor::engine
