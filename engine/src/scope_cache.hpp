// Each target's StepScope, made on first use and kept for the model's life. Readers never
// wait once a scope exists (an atomic pointer per target); making one takes a lock.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::engine {

class ScopeCache {
 public:
  // Called once the model's steps are known, before any diagnosis.
  void prepare(std::size_t step_count);
  const StepScope& get(const Model& model, StepId target);

 private:
  std::mutex making_;
  std::unique_ptr<std::atomic<const StepScope*>[]> slots_;  // by StepId, then the goals' scope
  std::vector<std::unique_ptr<const StepScope>> owned_;
};

}  // namespace mpadvisor::engine
