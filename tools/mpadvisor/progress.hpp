// Progress of long work on standard error: count, rate and (when the total is known) time
// left, redrawn at most five times a second, and only when stderr is a terminal and the work
// has taken more than a second. Piped or quick, it prints nothing. The line is erased at the end.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "mpadvisor/render/options.hpp"

namespace mpadvisor::cli {

class Progress {
 public:
  explicit Progress(engine::Lang lang);
  ~Progress();  // erases the line if one was drawn
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `total` 0: unknown.
  void update(std::size_t done, std::size_t total = 0);
  // Erases the line (before the result is printed) and draws no more.
  void finish();

 private:
  engine::Lang lang_;
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace mpadvisor::cli
