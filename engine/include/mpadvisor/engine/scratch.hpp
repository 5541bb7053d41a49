// Working memory a caller lends the engine for a run of many calls on one thread (the batch,
// case replay): a profile and a diagnosis to refill instead of building new ones, and what
// reading, diagnosing and matching rejection messages keep between calls (memos and lists
// sized by the KB, the matchers of message patterns that need ICU's regular expressions).
// Nothing in it is shared between threads: keep one Scratch per thread. The engine keeps no
// hidden per-thread state of its own; a call given no Scratch makes fresh working memory.
#pragma once

#include <memory>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine {

namespace detail {
struct WorkingMemory;  // working_memory.hpp
}

class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(Scratch&&) noexcept;
  Scratch& operator=(Scratch&&) noexcept;

  Profile profile;      // for parse_profile(model, json, now, scratch.profile, &scratch)
  Diagnosis diagnosis;  // for diagnose(model, profile, options, scratch.diagnosis, &scratch)

  // The engine's own use.
  detail::WorkingMemory& working_memory() { return *memory_; }

 private:
  std::unique_ptr<detail::WorkingMemory> memory_;
};

}  // namespace mpadvisor::engine
