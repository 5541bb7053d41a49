// Maintaining the knowledge base: what `kb check` found and what `kb test` ran.
#pragma once

#include <string>

#include "mpadvisor/dsl/diagnostic.hpp"
#include "mpadvisor/engine/scenario.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

// The diagnostics, clang-style, with severities in the output's language.
std::string diagnostics_text(const dsl::Diagnostics& d, const Options& options);
// "kb check: 17 files, 0 errors, 0 warnings"
std::string check_summary(std::size_t files, const dsl::Diagnostics& d, const Options& options);

std::string test_text(const engine::Model& model, const engine::ScenarioReport& report, const Options& options);
Json test_json(const engine::Model& model, const engine::ScenarioReport& report);

// The process as the KB models it, as Markdown: docs/kb.md in English, docs/kb.zh.md in
// Chinese. The KB's own names (steps, rules, causes, facts) stay as they are in both.
std::string kb_markdown(const engine::Model& model, engine::Lang lang);

// What the diagnosis said instead of what an expectation expected, in words.
std::string actual_text(const engine::Model& model, const engine::ExpectationResult& r, engine::Lang lang);

}  // namespace mpadvisor::render
