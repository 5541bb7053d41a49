// A part of a model made the first time it is asked for. A model file's sections that only
// some commands read (the scenarios, the interview's tables, the place names behind "did you
// mean", the message patterns' expressions) stay as they lie in the file until then, so that
// loading costs what a diagnosis reads. A compiled model sets each part at once.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <utility>

namespace mpadvisor::engine {

template <typename T>
class Lazy {
 public:
  Lazy() = default;
  Lazy(const Lazy&) = delete;
  Lazy& operator=(const Lazy&) = delete;

  // The value, made now if it was deferred. Thread-safe. A maker that throws (a damaged
  // section: ModelFileError) leaves the value unmade, so every later call throws the same.
  const T& get() const {
    if (!made_.load(std::memory_order_acquire)) {
      // Not std::call_once: its behaviour with a throwing callable has varied between standard
      // libraries (GCC bug 66146).
      std::lock_guard const lock(making_);
      if (!made_.load(std::memory_order_relaxed)) {
        value_ = make_();
        make_ = nullptr;
        made_.store(true, std::memory_order_release);
      }
    }
    return value_;
  }
  // Whether the value is there yet (a deferred one not yet asked for is not).
  bool made() const { return made_.load(std::memory_order_acquire); }
  // The value to fill in place, while the model is being built and not yet shared.
  T& building() { return value_; }
  // The value comes from `make` when first asked for.
  void defer(std::function<T()> make) {
    make_ = std::move(make);
    made_.store(false, std::memory_order_release);
  }

 private:
  mutable T value_{};
  mutable std::function<T()> make_;
  mutable std::mutex making_;
  mutable std::atomic<bool> made_{true};
};

}  // namespace mpadvisor::engine
