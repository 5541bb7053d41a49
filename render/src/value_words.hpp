// A fact's value in words, whichever way it came spelled (the KB's spelling in evidence, the
// command line's in a plan): the decoding differs, the words do not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::render {

// One value: yes or no, a choice as the question offers it, a text in the language's
// quotation marks, a moment to the minute; anything else as it is. For a list fact, one item.
std::string one_value_words(const engine::FactInfo& fact, std::string_view value, engine::Lang lang);
// A list's items, each as one_value_words says it, joined; "none" for no item.
std::string list_words(const engine::FactInfo& fact, const std::vector<std::string_view>& items, engine::Lang lang);

}  // namespace mpadvisor::render
