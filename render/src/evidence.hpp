// The evidence of a finding as lines of text: one line per fact and value, naming the tests
// it answered, so the same `name = …` never appears twice in one cause. A term list is named
// by its title in the output's language where the KB gives one.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

std::vector<std::string> evidence_lines(const engine::Model& model, const std::vector<engine::Evidence>& evidence,
                                        const Options& options);

// A source as applicants read it: the reference's title and section (or the address), with
// when it was last checked and how sure it is.
std::string source_text(const engine::Source& s, engine::Lang lang);

}  // namespace mpadvisor::render
