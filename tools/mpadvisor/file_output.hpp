// Writing a whole file so that a reader never sees it half-written: beside the target first,
// then renamed over it.
#pragma once

#include <filesystem>
#include <string_view>

namespace mpadvisor::cli {

// Throws EnvironmentError ("cannot write …") when the file cannot be written or renamed.
void replace_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace mpadvisor::cli
