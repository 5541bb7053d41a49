// Loading the knowledge base for a command: the dsl pipeline (load, check), then the
// engine's compiler, with the KB's own diagnostics printed on stderr when it has errors.
#pragma once

#include <filesystem>
#include <memory>

#include "cli_context.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::cli {

// A KB path that is neither a folder nor a readable file (missing, a device such as /dev/null)
// is bad usage: exit 2, before anything is read.
void require_kb_path(const std::filesystem::path& path);

// load_and_check with a debug log line of how long it took.
dsl::KbCheck check_kb(const std::filesystem::path& path, const dsl::CheckOptions& options = {});

// The model of a KB that must be error-free: errors are printed and become a UsageError (exit 2).
// "the knowledge base at PATH has errors (run 'mpadvisor kb check')".
base::Wording kb_has_errors(const std::filesystem::path& path);
// A model file refused: its reason (English, as the decoder words it) after a Chinese lead.
base::Wording model_file_unusable(const std::exception& e);

std::shared_ptr<const engine::Model> load_model(const GlobalOptions& g, const std::filesystem::path& path);

// Reads a profile file ("-": standard input, at most 1 MiB); a bad one becomes a UsageError
// naming the file.
engine::Profile load_profile(const engine::Model& model, const std::filesystem::path& path);

}  // namespace mpadvisor::cli
