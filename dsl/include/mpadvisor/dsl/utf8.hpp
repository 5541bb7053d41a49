// Small UTF-8 helpers for positions and terminal columns (no ICU needed for these).
#pragma once

#include <cstddef>
#include <string_view>

namespace mpadvisor::dsl::utf8 {

std::size_t count_code_points(std::string_view text);
// Columns the text takes in a terminal: East Asian wide characters count as 2.
std::size_t display_width(std::string_view text);

}  // namespace mpadvisor::dsl::utf8
