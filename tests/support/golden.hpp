// Golden-file comparison: the expected output lives in a file beside the test's input.
// Run with MPADVISOR_UPDATE_GOLDEN=1 to rewrite the files from the current output, then
// review the change with `git diff` (the regression test is the diff).
//
// The parts of an output that vary from run to run or with every KB edit are holes, as in
// Spirit's rexpr tests: the KB version (a 16-digit hex digest) reads <%kb_version%> and a
// test's scratch folder <%tmp%>, in the golden file and in the output compared with it. So
// a KB edit changes only the goldens whose content it changes. The checkout's own path reads
// <%source%>.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace mpadvisor::testing {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path source_dir() { return MPADVISOR_SOURCE_DIR; }

inline std::string with_holes(std::string text) {
  static const std::regex version(R"(\b[0-9a-f]{16}\b)");
  static const std::regex scratch(R"(/tmp/mpadvisor-test-[A-Za-z0-9]{6})");
  std::string const source = source_dir().string() + "/";
  for (std::size_t at = 0; (at = text.find(source, at)) != std::string::npos;)
    text.replace(at, source.size(), "<%source%>/");
  return std::regex_replace(std::regex_replace(text, version, "<%kb_version%>"), scratch, "<%tmp%>");
}

inline void expect_golden(const std::filesystem::path& golden, const std::string& output) {
  std::string const actual = with_holes(output);
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

}  // namespace mpadvisor::testing
