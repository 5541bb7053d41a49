// What every renderer takes: the language, whether to colour, whether to add the KB
// author's trace; and the JSON type (keys keep the order they are written in, as
// docs/json.md documents them).
#pragma once

#include <nlohmann/json.hpp>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::render {

struct Options {
  engine::Lang lang = engine::Lang::en;
  bool colour = false;
  bool explain = false;  // add rule names, KB file and line, conditions
  bool evidence = true;  // JSON: each finding's evidence (the batch mode's --no-evidence leaves it out)
};

using Json = nlohmann::ordered_json;

}  // namespace mpadvisor::render
