#include "mpadvisor/base/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace mpadvisor::base::utf8 {

Decoded decode(std::string_view text, std::size_t at) {
  auto const* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  auto i = static_cast<std::int32_t>(at);
  UChar32 c = 0;
  // ICU's macro reads one well-formed sequence, or stops after the longest ill-formed prefix
  // (at least one byte) and yields a negative value.
  U8_NEXT(bytes, i, static_cast<std::int32_t>(text.size()), c);
  Decoded d;
  d.length = static_cast<std::uint32_t>(i - static_cast<std::int32_t>(at));
  if (c < 0) {
    d.code_point = 0xFFFD;
    d.valid = false;
    d.length = 1;  // resynchronise on the next byte, like every other reader of the text
  } else {
    d.code_point = static_cast<char32_t>(c);
  }
  return d;
}

std::optional<std::size_t> first_ill_formed(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // most of a KB's text
      ++i;
      continue;
    }
    Decoded const d = decode(text, i);
    if (!d.valid) return i;
    i += d.length;
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) i += decode(text, i).length;
  return n;
}

int column_width(char32_t cp) {
  auto const c = static_cast<UChar32>(cp);
  if (cp == 0 || cp > 0x10FFFF) return 1;
  std::int8_t const type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR || type == U_CONTROL_CHAR) {
    return 0;
  }
  auto const eaw = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for_each(text, [&](char32_t cp, std::size_t, std::size_t) { width += static_cast<std::size_t>(column_width(cp)); });
  return width;
}

std::size_t floor_boundary(std::string_view text, std::size_t at) {
  if (at >= text.size()) return text.size();
  // A character is at most four bytes: step back over at most three continuation bytes.
  for (int k = 0; k < 3 && at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80; ++k) --at;
  return at;
}

void append(std::string& out, char32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = 0xFFFD;
  std::uint8_t buf[4];
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(buf, length, static_cast<UChar32>(code_point));
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(length));
}

}  // namespace mpadvisor::base::utf8
