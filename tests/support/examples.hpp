// The shipped example profiles (kb/examples/*.json), in name order, for tests that run
// something on every one of them.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/golden.hpp"

namespace mpadvisor::testing {

inline std::vector<std::filesystem::path> example_paths() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "kb/examples")) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The examples' names (file names without .json), for parameterised tests.
inline std::vector<std::string> example_names() {
  std::vector<std::string> out;
  for (const auto& p : example_paths()) out.push_back(p.stem().string());
  return out;
}

}  // namespace mpadvisor::testing
