// What the grammar's handlers need while a file is parsed: where the buffer starts (to turn
// iterators into offsets) and the first syntax error seen in the current declaration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mpadvisor::dsl::grammar {

struct SyntaxError {
  std::uint32_t offset = 0;
  std::string message;  // "expected '}'", "unterminated string", …
};

struct ParseState {
  const char* buffer_begin = nullptr;
  std::optional<SyntaxError> error;

  std::uint32_t offset_of(const char* it) const { return static_cast<std::uint32_t>(it - buffer_begin); }
};

}  // namespace mpadvisor::dsl::grammar
