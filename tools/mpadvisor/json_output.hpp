// JSON on standard output, two-space indented. An answer computed from the KB also says which
// KB it came from (kb_version, the KB's content hash), so that answers from several machines
// or several workers can be compared (docs/json.md).
#pragma once

#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::cli {

void print_json(const render::Json& answer);
void print_json(render::Json answer, const engine::Model& model);

}  // namespace mpadvisor::cli
