// The step graph in Graphviz DOT (Boost.Graph write_graphviz), optionally coloured by the
// statuses of a diagnosis.
#pragma once

#include <string>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

std::string to_dot(const Model& model, Lang lang, const Diagnosis* diagnosis = nullptr);

}  // namespace mpadvisor::engine
