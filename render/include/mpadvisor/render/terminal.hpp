// Terminal helpers of the renderers: the base library's safe text and widths, and colour
// around the renderers' own words.
#pragma once

#include <string>
#include <string_view>

#include "mpadvisor/base/terminal.hpp"

namespace mpadvisor::render {

using base::clip;
using base::one_line;
using base::pad;
using base::safe;

// ANSI colour around a piece of our own output, when colour is on.
struct Style {
  bool on = false;
  std::string red(std::string_view s) const { return wrap("\033[1;31m", s); }
  std::string yellow(std::string_view s) const { return wrap("\033[1;33m", s); }
  std::string cyan(std::string_view s) const { return wrap("\033[1;36m", s); }
  std::string green(std::string_view s) const { return wrap("\033[1;32m", s); }
  std::string dim(std::string_view s) const { return wrap("\033[2m", s); }

 private:
  std::string wrap(const char* code, std::string_view s) const {
    return on ? std::string(code) + std::string(s) + "\033[0m" : std::string(s);
  }
};

}  // namespace mpadvisor::render
