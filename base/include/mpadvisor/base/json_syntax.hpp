// A JSON parser's complaint about a text that is not JSON, said to a person in both languages.
// The parser (nlohmann/json) words it for programmers, in English, with its own exception
// name in front: "[json.exception.parse_error.101] parse error at line 1, column 9: syntax
// error while parsing value - unexpected end of input; expected …". This keeps where and
// what, drops the exception's name, and says it in Chinese too.
#pragma once

#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::base {

// `what`: the parser's message. `one_line`: the text was one line (a line of a JSON Lines
// file), so only the column is said.
Wording json_syntax_error(std::string_view what, bool one_line = false);

}  // namespace mpadvisor::base
