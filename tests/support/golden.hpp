// Golden-file comparison: the expected output lives in a file beside the test's input.
// Run with MPADVISOR_UPDATE_GOLDEN=1 to rewrite the files from the current output, then
// review the change with `git diff` (the regression test is the diff).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mpadvisor::testing {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void expect_golden(const std::filesystem::path& golden, const std::string& actual) {
  const char* update = std::getenv("MPADVISOR_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden))
      << "missing golden file " << golden << " (run with MPADVISOR_UPDATE_GOLDEN=1 to create it)";
  EXPECT_EQ(read_text(golden), actual) << "output differs from " << golden;
}

inline std::filesystem::path source_dir() { return MPADVISOR_SOURCE_DIR; }

}  // namespace mpadvisor::testing
