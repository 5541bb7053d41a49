#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

#include "mpadvisor/render/catalogue.hpp"

namespace mpadvisor::cli {

Progress::Progress(engine::Lang lang)
    : lang_(lang), terminal_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::finish() {
  if (drawn_) std::fputs("\r\x1b[K", stderr);
  drawn_ = false;
  terminal_ = false;
}

void Progress::update(std::size_t done, std::size_t total) {
  if (!terminal_) return;
  auto const now = std::chrono::steady_clock::now();
  double const elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double const rate = static_cast<double>(done) / elapsed;
  std::string line;
  if (total > done && rate > 0) {
    auto const left = static_cast<long>(static_cast<double>(total - done) / rate);
    line = render::say(lang_, render::Msg::progress_known, done, total, static_cast<long>(rate), left);
  } else {
    line = render::say(lang_, render::Msg::progress_unknown, done, static_cast<long>(rate));
  }
  std::fprintf(stderr, "\r\x1b[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace mpadvisor::cli
