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
// A value as the KB spells it (a text as a JSON string, a set as [a, b], a list of texts as a
// JSON array) in words; a spelling that is none of these as it is (evidence.cpp).
std::string kb_value_words(const engine::FactInfo& fact, const std::string& spelled, engine::Lang lang);

// A change to a fact as a sentence: "把小程序名称改为“悦心学习”", "在居住地证明中加上社保缴纳记录";
// `value_words`: the value (assign) or the item (add, remove) already in words; unused for unset.
std::string change_words(const engine::Model& model, engine::FactId fact, engine::ChangeOp op,
                         const std::string& value_words, engine::Lang lang);

}  // namespace mpadvisor::render
