// `kb doc`: docs/kb.md generated from the KB itself, so the overview cannot drift from it.
#pragma once

#include <string>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::cli {

std::string kb_markdown(const engine::Model& model);

}  // namespace mpadvisor::cli
