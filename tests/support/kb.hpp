// Builds a model from KB text for engine tests, failing the test on any KB error.
#pragma once

#include <gtest/gtest.h>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::testing {

inline std::shared_ptr<const engine::Model> model_from(const std::string& text) {
  dsl::LoadResult r = dsl::load_text("test.mpk", text);
  dsl::Diagnostics d = r.diagnostics;
  if (!d.has_errors()) d.append(dsl::check(r.kb));
  if (d.has_errors()) {
    ADD_FAILURE() << dsl::render_text(d);
    return nullptr;
  }
  return engine::compile(r.kb);
}

inline engine::Profile profile_from(const engine::Model& m, const std::string& json) {
  return engine::parse_profile(m, json, base::parse_time("2026-11-27T10:00").seconds);
}

}  // namespace mpadvisor::testing
