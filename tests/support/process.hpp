// A child process the test talks to line by line over pipes (the interview's JSON Lines
// protocol), with a scratch data folder and a neutral locale, as run_mpadvisor uses.
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "support/run.hpp"

namespace mpadvisor::testing {

// In a forked child: becomes `mpadvisor ARGS`, run as run_mpadvisor runs it (from the source
// tree, a neutral locale, `data_home` as its data folder, no MPADVISOR_DB).
[[noreturn]] inline void exec_mpadvisor(const std::vector<std::string>& args, const std::filesystem::path& data_home) {
  if (chdir(source_dir().c_str()) != 0) _exit(127);
  setenv("LANG", "C.UTF-8", 1);
  unsetenv("LC_ALL");
  setenv("XDG_DATA_HOME", data_home.c_str(), 1);
  unsetenv("MPADVISOR_DB");
  std::vector<char*> argv{const_cast<char*>(MPADVISOR_BINARY)};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(MPADVISOR_BINARY, argv.data());
  _exit(127);
}

class Conversation {
 public:
  // `stderr_path`, when given, receives the child's standard error (its log).
  Conversation(const std::vector<std::string>& args, const std::filesystem::path& data_home,
               const std::filesystem::path& stderr_path = {}) {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child[0], STDIN_FILENO);
      dup2(from_child[1], STDOUT_FILENO);
      close(to_child[1]);
      close(from_child[0]);
      if (!stderr_path.empty()) {
        FILE* err = fopen(stderr_path.c_str(), "w");
        if (err != nullptr) dup2(fileno(err), STDERR_FILENO);
      }
      exec_mpadvisor(args, data_home);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = fdopen(to_child[1], "w");
    out_fd_ = from_child[0];
  }
  ~Conversation() {
    if (in_) fclose(in_);
    if (out_fd_ >= 0) close(out_fd_);
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  Conversation(const Conversation&) = delete;
  Conversation& operator=(const Conversation&) = delete;

  // The next line the child writes, without its newline; false at the end of its output, or
  // when nothing comes for 20 seconds (a hung child fails the test instead of hanging it).
  bool read(std::string& line) {
    line.clear();
    for (;;) {
      std::size_t const newline = pending_.find('\n');
      if (newline != std::string::npos) {
        line = pending_.substr(0, newline);
        pending_.erase(0, newline + 1);
        return true;
      }
      pollfd p{out_fd_, POLLIN, 0};
      if (out_fd_ < 0 || poll(&p, 1, 20000) <= 0) return false;
      char buffer[4096];
      ssize_t const n = ::read(out_fd_, buffer, sizeof buffer);
      if (n <= 0) {
        line = std::move(pending_);
        pending_.clear();
        return !line.empty();
      }
      pending_.append(buffer, static_cast<std::size_t>(n));
    }
  }
  void write(const std::string& line) {
    fputs((line + "\n").c_str(), in_);
    fflush(in_);
  }
  // Sends the child a signal (SIGHUP, SIGTERM, …).
  void signal(int sig) const {
    if (pid_ > 0) kill(pid_, sig);
  }
  // Closes the child's input and waits for it; its exit code.
  int finish() {
    if (in_) {
      fclose(in_);
      in_ = nullptr;
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* in_ = nullptr;
  int out_fd_ = -1;
  std::string pending_;
};

}  // namespace mpadvisor::testing
