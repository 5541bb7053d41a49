// What every renderer takes: the language, whether to colour, whether to add the KB
// author's trace; and the JSON type (keys keep the order they are written in, as
// docs/json.md documents them).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::render {

struct Options {
  engine::Lang lang = engine::Lang::en;
  bool colour = false;
  bool explain = false;  // add rule names, KB file and line, conditions
  bool evidence = true;  // JSON: each finding's evidence (the batch mode's --no-evidence leaves it out)
  // JSON of a diagnosis (the batch mode's --fields and --names-only): which top-level members
  // to write (diagnosis_members_mask); and whether steps, causes and facts are given by name
  // only, without their titles, explanations, fixes, sources and questions.
  std::uint32_t members = ~std::uint32_t{0};
  bool names_only = false;
};

using Json = nlohmann::ordered_json;

}  // namespace mpadvisor::render
