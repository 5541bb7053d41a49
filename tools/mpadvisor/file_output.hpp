// Writing a whole file so that a reader never sees it half-written: beside the target first,
// then renamed over it.
#pragma once

#include <filesystem>
#include <string_view>

#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::cli {

// "cannot write PATH: REASON" (no reason: "cannot write PATH").
base::Wording cannot_write(const std::filesystem::path& path, std::string_view reason = {});

// Throws EnvironmentError ("cannot write …") when the file cannot be written or renamed; the
// file beside it is then removed, and the old file, if any, is left as it was.
void replace_file(const std::filesystem::path& path, std::string_view bytes);

// Throws EnvironmentError ("cannot write …") now when replace_file(path, …) could not write
// there later: a folder, a folder that does not exist, one without write permission. For
// commands that write at the end of work the user should not lose (an interview's answers).
void check_can_replace(const std::filesystem::path& path);

}  // namespace mpadvisor::cli
