// Runs the mpadvisor executable as a user would, capturing stdout, stderr and the exit code.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/golden.hpp"

namespace mpadvisor::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A scratch folder per test, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "mpadvisor-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// ARGS with --db pointing at a case database in the test's scratch folder.
inline std::vector<std::string> with_db(const TempDir& tmp, std::vector<std::string> args) {
  args.push_back("--db");
  args.push_back((tmp.path() / "cases.db").string());
  return args;
}

// Runs `mpadvisor ARGS…` from the source folder, with a private data folder (so no test
// touches ~/.local/share, nor a case base that MPADVISOR_DB names) and a neutral locale.
inline RunResult run_mpadvisor(const std::vector<std::string>& args, const std::filesystem::path& data_home,
                               const std::string& stdin_text = "") {
  std::filesystem::path const out = data_home / "stdout.txt", err = data_home / "stderr.txt",
                              in = data_home / "stdin.txt";
  { std::ofstream(in, std::ios::binary) << stdin_text; }
  // Built with a stream: GCC 12's -Wrestrict misfires on chains of std::string operator+.
  std::ostringstream cmd;
  cmd << "cd " << shell_quote(source_dir().string())
      << " && env -u MPADVISOR_DB LANG=C.UTF-8 LC_ALL= XDG_DATA_HOME=" << shell_quote(data_home.string()) << " "
      << shell_quote(MPADVISOR_BINARY);
  for (const std::string& a : args) cmd << " " << shell_quote(a);
  cmd << " <" << shell_quote(in.string()) << " >" << shell_quote(out.string()) << " 2>" << shell_quote(err.string());
  int const status = std::system(cmd.str().c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

}  // namespace mpadvisor::testing
