#include "mpadvisor/base/terminal.hpp"

#include <fmt/format.h>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::base {
namespace {

// Characters that change what a terminal shows beyond printing themselves: controls
// (ESC starts colour, cursor and OSC hyperlink sequences), DEL, the C1 controls (U+009B is a
// one-character CSI), and the bidi overrides and isolates that reorder the text around them.
bool dangerous(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

}  // namespace

std::string safe(std::string_view text, Keep keep) {
  std::string out;
  out.reserve(text.size());
  utf8::for_each(text, [&](char32_t c, std::size_t at, std::size_t length) {
    if ((c == '\t' && keep != Keep::nothing) || (c == '\n' && keep == Keep::lines)) {
      out += static_cast<char>(c);
    } else if (!utf8::decode(text, at).valid) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at]));
    } else if (dangerous(c)) {
      out += c < 0x100 ? fmt::format("\\x{:02x}", static_cast<unsigned>(c))
                       : fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out.append(text.substr(at, length));
    }
  });
  return out;
}

std::string one_line(std::string_view text) {
  std::string flat(text);
  for (char& c : flat) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return safe(flat);
}

std::string clip(std::string_view text, std::size_t columns) {
  if (utf8::display_width(text) <= columns) return std::string(text);
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    utf8::Decoded const d = utf8::decode(text, i);
    auto const w = static_cast<std::size_t>(utf8::column_width(d.code_point));
    if (width + w + 1 > columns) break;
    out.append(text.substr(i, d.length));
    width += w;
    i += d.length;
  }
  return out + "…";
}

std::string pad(std::string_view text, std::size_t columns) {
  std::string out(text);
  for (auto width = utf8::display_width(text); width < columns; ++width) out += ' ';
  return out;
}

}  // namespace mpadvisor::base
