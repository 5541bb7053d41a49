// The interview on a terminal, driven through a pseudo-terminal (it reads JSON lines when its
// input is not one): the review and the closing lines name facts by their titles and give
// answers in words.
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "support/process.hpp"

namespace mpadvisor::testing {
namespace {

// Runs `mpadvisor ARGS` on a new terminal, types `input`, and returns all it printed (with the
// terminal's echo of the input) once it exits; empty after 20 s without an end.
std::string on_a_terminal(const std::vector<std::string>& args, const std::string& input, const TempDir& home) {
  int terminal = -1;
  pid_t const child = forkpty(&terminal, nullptr, nullptr, nullptr);
  if (child < 0) return {};
  if (child == 0) exec_mpadvisor(args, home.path());
  // The line discipline keeps what is typed until the program reads it, line by line.
  if (write(terminal, input.data(), input.size()) != static_cast<ssize_t>(input.size())) return {};
  std::string out;
  auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{terminal, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    ssize_t const got = read(terminal, buffer, sizeof buffer);
    if (got <= 0) break;  // EIO once the program has exited and closed the terminal
    out.append(buffer, static_cast<std::size_t>(got));
  }
  close(terminal);
  int status = 0;
  waitpid(child, &status, 0);
  return out;
}

TEST(InterviewTerminal, TheReviewAndTheEndNameFactsByTitleAndAnswersInWords) {
  TempDir home;
  // The first question is the features (a set): choice 1; the second is skipped; then the
  // review, Enter to go on, and quit.
  std::string const out = on_a_terminal({"--lang", "zh", "interview"}, "1\nskip\nreview\n\nquit\n", home);
  ASSERT_NE(out.find("你的回答"), std::string::npos) << out;
  EXPECT_NE(out.find("1. 小程序功能：用户发布内容"), std::string::npos) << out;
  EXPECT_NE(out.find("2. 邮箱已激活：（已跳过）"), std::string::npos) << out;
  EXPECT_NE(out.find("按未知处理（已跳过）：邮箱已激活"), std::string::npos) << out;
  EXPECT_EQ(out.find("email_activated ="), std::string::npos) << out;
}

}  // namespace
}  // namespace mpadvisor::testing
