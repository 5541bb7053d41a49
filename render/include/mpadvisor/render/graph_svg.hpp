// The step graph as a self-contained SVG (no Graphviz needed): steps in columns by how far
// they are from the start, requirements drawn as arrows, coloured by a diagnosis's statuses,
// with a legend. For the web page and the API's /v1/graph.
#pragma once

#include <string>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

std::string step_graph_svg(const engine::Model& model, const engine::Diagnosis* diagnosis, const Options& options);

}  // namespace mpadvisor::render
