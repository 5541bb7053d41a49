// UTF-8: the one decoder of the project, code points, and the columns text takes in a
// terminal. Ill-formed bytes are never an error here: each one decodes as U+FFFD, one byte
// long, so every loop over text advances and ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpadvisor::base::utf8 {

struct Decoded {
  char32_t code_point = 0;   // U+FFFD for an ill-formed or truncated sequence
  std::uint32_t length = 1;  // bytes consumed, at least 1
  bool valid = true;         // false when the bytes were ill-formed
};

// The code point starting at byte `at` (which must be < text.size()).
Decoded decode(std::string_view text, std::size_t at);

// Calls fn(code_point, byte_offset, length) for each code point in order.
template <typename Fn>
void for_each(std::string_view text, Fn&& fn) {
  for (std::size_t i = 0; i < text.size();) {
    Decoded const d = decode(text, i);
    fn(d.code_point, i, static_cast<std::size_t>(d.length));
    i += d.length;
  }
}

std::size_t count_code_points(std::string_view text);
// The offset of the first byte that starts no well-formed character, or nullopt for text
// that is well-formed UTF-8 throughout.
std::optional<std::size_t> first_ill_formed(std::string_view text);

// Terminal columns of one code point: 2 for East Asian Wide and Fullwidth characters (ICU's
// East_Asian_Width property), 0 for combining marks, format and control characters, else 1.
int column_width(char32_t code_point);
std::size_t display_width(std::string_view text);

// The largest code-point boundary at or before byte `at`, for cutting text without
// splitting a character.
std::size_t floor_boundary(std::string_view text, std::size_t at);

// Appends a code point as UTF-8 (an invalid code point appends U+FFFD).
void append(std::string& out, char32_t code_point);

}  // namespace mpadvisor::base::utf8
