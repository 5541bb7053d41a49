// Working memory a caller lends the engine for a run of many calls on one thread (case
// replay, a server worker): a profile and a diagnosis to refill instead of building new
// ones, and the matchers of the few message patterns that need ICU's regular expressions.
// Nothing in it is shared between threads: keep one Scratch per thread. The engine keeps no
// hidden per-thread state of its own; a call given no Scratch makes a fresh one.
#pragma once

#include <memory>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine {

namespace detail {
struct PatternMatchers;  // defined in rejection.cpp
}

class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(Scratch&&) noexcept;
  Scratch& operator=(Scratch&&) noexcept;

  Profile profile;      // for parse_profile(model, json, now, scratch.profile)
  Diagnosis diagnosis;  // for diagnose(model, profile, options, scratch.diagnosis)

  // The engine's own use: matchers for the model they were last made for.
  detail::PatternMatchers& pattern_matchers() { return *matchers_; }

 private:
  std::unique_ptr<detail::PatternMatchers> matchers_;
};

}  // namespace mpadvisor::engine
