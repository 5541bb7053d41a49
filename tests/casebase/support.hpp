// Small helpers for the casebase tests: a temporary folder, file contents, child processes.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mpadvisor::casebase::testing {

inline std::filesystem::path data_dir() { return std::filesystem::path(MPADVISOR_SOURCE_DIR) / "tests/casebase/data"; }

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mpadvisor-casebase-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The backend these tests run on. The same test binary runs twice (tests/casebase/CMakeLists.txt):
// on SQLite, and with MPADVISOR_TEST_PG set to a throwaway cluster's folder (scripts/pg-cluster)
// on PostgreSQL.
inline const char* pg_cluster() {
  const char* dir = std::getenv("MPADVISOR_TEST_PG");
  return dir && *dir ? dir : nullptr;
}
inline bool on_postgres() { return pg_cluster() != nullptr; }

// The cluster's base URL; empty when the cluster was not started (PostgreSQL not installed).
inline std::string pg_base_url() {
  std::ifstream in(std::filesystem::path(pg_cluster()) / "url");
  std::string url;
  std::getline(in, url);
  return url;
}

// Runs one statement on the cluster's database; throws with the server's message.
inline void pg_exec(const std::string& sql) {
  PGconn* conn = PQconnectdb(pg_base_url().c_str());
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
  std::string const message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + message);
}

// A case base of its own for a test: a file in `tmp`, or (on PostgreSQL) a schema of its own,
// created empty on first use and named after `tmp` and `name`, so that the same arguments
// reopen the same case base.
inline std::string db(const TempDir& tmp, const std::string& name = "cases.db") {
  if (!on_postgres()) return (tmp / name).string();
  std::string schema = "t_";
  for (char c : tmp.path().filename().string() + "_" + name)
    schema += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  pg_exec("CREATE SCHEMA IF NOT EXISTS " + schema);
  return pg_base_url() + "&options=-csearch_path%3D" + schema;
}

// The schema a PostgreSQL location of db() names.
inline std::string pg_schema_of(const std::string& location) { return location.substr(location.find("%3D") + 3); }

// The data of a PostgreSQL case base's tables as pg_dump writes it.
inline std::string pg_dump(const std::string& location) {
  const std::string command =
      std::string(MPADVISOR_SOURCE_DIR) + "/scripts/pg-cluster dump " + pg_cluster() + " " + pg_schema_of(location);
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    if (::pclose(pipe) != 0) throw std::runtime_error(command + " failed");
  }
  return out;
}

// A test of SQLite's own file (its bytes, a damaged file, PRAGMA user_version).
#define MPADVISOR_SQLITE_ONLY()                                                            \
  do {                                                                                     \
    if (::mpadvisor::casebase::testing::on_postgres()) GTEST_SKIP() << "SQLite file test"; \
  } while (false)

// A child process running `argv` with its stdout on a pipe.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> args;
      for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
  }
  ~Child() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    if (out_) ::fclose(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Next line the child printed (without the newline); empty at end of output.
  std::string read_line() {
    char buffer[512];
    if (!out_ || !::fgets(buffer, sizeof buffer, out_)) return {};
    std::string line = buffer;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
  }
  void kill(int signal) { ::kill(pid_, signal); }
  // The raw wait status.
  int wait() {
    if (reaped_) return status_;
    ::waitpid(pid_, &status_, 0);
    reaped_ = true;
    return status_;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int status_ = 0;
  bool reaped_ = false;
};

}  // namespace mpadvisor::casebase::testing
