// The command line's own words (labels, headings) in both languages. Knowledge texts come
// from the KB; these are only the frame around them.
#pragma once

#include <string_view>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::cli {

inline std::string_view say(engine::Lang lang, std::string_view en, std::string_view zh) {
  return lang == engine::Lang::zh ? zh : en;
}

}  // namespace mpadvisor::cli
