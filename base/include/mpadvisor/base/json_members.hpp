// The members of a JSON object as spans of its text, found without building a tree: a
// request's large member (a profile) can then go straight to its own reader, and only the
// small ones (an id, a target) are parsed as JSON values. Only the object's own shape is
// checked here (quotes, brackets, colons, commas); each value must still be read by whoever
// uses it, which is where a value's own mistakes are found.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace mpadvisor::base {

struct JsonMember {
  std::string_view key;      // between the quotes, escapes not decoded
  std::string_view value;    // the value's text, without surrounding white space
  bool key_escaped = false;  // the key holds a backslash: decode it before comparing
};

// nullopt when `text` is not one object with well-formed strings, balanced brackets and
// `"key": value` pairs separated by commas.
std::optional<std::vector<JsonMember>> json_object_members(std::string_view text);

}  // namespace mpadvisor::base
