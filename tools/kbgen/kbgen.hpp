// Synthetic knowledge bases and profiles for benchmarks and stress tests, deterministic for
// a given seed. Steps form lanes of `lane_length` steps; each step requires the one before it
// in its lane and sometimes the step before it in the paired lane, so the default goal (the
// last step of lane 0) depends on two lanes however large the KB is: the benchmark shows
// that cost follows the target's scope, not the KB's size.
#pragma once

#include <cstdint>
#include <string>

namespace mpadvisor::kbgen {

struct Options {
  int steps = 200;
  int rules_per_step = 5;
  int terms_per_list = 50;
  int lane_length = 20;
  std::uint64_t seed = 1;
  bool fixes = false;  // give each rule a cause whose fixes undo its tests (for the planner)
};

std::string generate_kb(const Options& options);
// The i-th random profile (JSON) for a KB generated with the same options.
std::string generate_profile(const Options& options, int index);

}  // namespace mpadvisor::kbgen
