// "Did you mean …?": the closest candidate by edit distance, when it is close enough to be
// a likely misspelling rather than a different word.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::dsl {

std::size_t edit_distance(std::string_view a, std::string_view b);

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mpadvisor::dsl
