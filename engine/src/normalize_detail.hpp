// For tests: normalisation without the shortcuts that skip ICU (common ideographs, inert
// characters), so that a test can check the shortcuts change nothing.
#pragma once

#include <string>
#include <string_view>

namespace mpadvisor::engine::detail {

std::string normalize_through_icu(std::string_view text);

}  // namespace mpadvisor::engine::detail
