#include "json_output.hpp"

#include <iostream>

namespace mpadvisor::cli {

void print_json(const render::Json& answer) { std::cout << answer.dump(2) << "\n"; }

void print_json(render::Json answer, const engine::Model& model) {
  if (answer.is_object() && !answer.contains("kb_version")) answer["kb_version"] = model.version();
  print_json(answer);
}

}  // namespace mpadvisor::cli
