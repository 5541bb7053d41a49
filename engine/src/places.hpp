// "Did you mean 义乌?" for a region the KB cannot place: the division name closest to the
// text in code points (a typo in a Chinese name changes a whole character, not a byte).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::engine {

// The division names closest to `text`, within one edit per three characters, in the KB's
// order: at most three; none when nothing is that close or more than three
// are equally close (a guess among many helps nobody).
std::vector<std::string> closest_places(const Model& model, std::string_view text);

}  // namespace mpadvisor::engine
