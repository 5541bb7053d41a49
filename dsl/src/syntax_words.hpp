// A syntax error in both languages. The grammar's error handlers word what they expected in
// English, from the names its rules are given ("a name", "'}' or a rule property (when, …)");
// those names are the grammar's own, so their Chinese lives here, beside nothing else.
#pragma once

#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::dsl {

// `message` as a handler words it ("expected a name", "unterminated string: …") in both
// languages; a name without a Chinese row is kept as the grammar wrote it.
base::Wording syntax_words(std::string_view message);

}  // namespace mpadvisor::dsl
