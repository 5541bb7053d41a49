// Loading the knowledge base for a command: parse, check, compile, with the KB's own
// diagnostics printed on stderr when it has errors.
#pragma once

#include <ctime>
#include <filesystem>
#include <memory>

#include "cli_context.hpp"
#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::cli {

struct CheckedKb {
  dsl::LoadResult loaded;
  dsl::Diagnostics diagnostics;  // syntax and semantic, sorted
};

CheckedKb load_and_check(const std::filesystem::path& path, const dsl::CheckOptions& options = {});

// The model of a KB that must be error-free: errors are printed and become a UsageError (exit 2).
std::shared_ptr<const engine::Model> load_model(const std::filesystem::path& path, bool colour);

// Reads a profile file; a bad one becomes a UsageError naming the file.
engine::Profile load_profile(const engine::Model& model, const std::filesystem::path& path);

engine::Lang to_engine(Language lang);

}  // namespace mpadvisor::cli
