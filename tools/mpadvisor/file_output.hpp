// Writing a whole file so that a reader never sees it half-written: beside the target first,
// then renamed over it.
#pragma once

#include <filesystem>
#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::cli {

// "cannot write PATH: REASON" (no reason: "cannot write PATH").
base::Wording cannot_write(const std::filesystem::path& path, std::string_view reason = {});

// Throws EnvironmentError ("cannot write …") when the file cannot be written or renamed.
void replace_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace mpadvisor::cli
