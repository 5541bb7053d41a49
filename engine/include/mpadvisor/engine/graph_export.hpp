// The step graph in Graphviz DOT (Boost.Graph write_graphviz), optionally coloured by the
// statuses of a diagnosis.
#pragma once

#include <array>
#include <string>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

// The words of a legend, one per status in StepStatus order (done, ready, pending, blocked,
// waiting, undetermined), in the output's language; the renderer owns the wording.
using StatusLegend = std::array<std::string, 6>;

// With a diagnosis, steps are filled with their status's colour; with a legend too, a box of
// the colours and their words is added.
std::string to_dot(const Model& model, Lang lang, const Diagnosis* diagnosis = nullptr,
                   const StatusLegend* legend = nullptr);

}  // namespace mpadvisor::engine
