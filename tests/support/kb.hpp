// Builds a model from KB text for engine tests, failing the test on any KB error.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::testing {

inline std::shared_ptr<const engine::Model> model_from(const std::string& text) {
  dsl::KbCheck checked = dsl::check_text("test.mpk", text);
  if (!checked.kb) {
    ADD_FAILURE() << dsl::render_text(checked.diagnostics);
    return nullptr;
  }
  return engine::compile(*checked.kb);
}

// The model of the KB at `path` (the shipped one by default), failing the test on any error.
inline std::shared_ptr<const engine::Model> model_at(const std::filesystem::path& path) {
  dsl::KbCheck checked = dsl::load_and_check(path);
  if (!checked.kb) {
    ADD_FAILURE() << dsl::render_text(checked.diagnostics);
    return nullptr;
  }
  return engine::compile(*checked.kb);
}

inline engine::Profile profile_from(const engine::Model& m, const std::string& json) {
  return engine::parse_profile(m, json, base::parse_time("2026-11-27T10:00").seconds);
}

}  // namespace mpadvisor::testing
