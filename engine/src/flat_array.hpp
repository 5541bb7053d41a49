// A read-only array of plain values that either owns its items (a model compiled from the KB
// text) or borrows them from a mapped model file, where they already lie in the right layout.
// Borrowing is what lets a model file load without copying its largest tables: the automata
// and the condition nodes are used straight from the file's pages, which the operating system
// reads in on demand and shares between processes. The file's mapping must outlive every
// array that borrows from it (Model keeps it); a copy always owns its items.
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

namespace mpadvisor::engine {

template <typename T>
class FlatArray {
  static_assert(std::is_trivially_copyable_v<T>, "FlatArray holds plain values only");

 public:
  FlatArray() = default;
  FlatArray(std::vector<T> items) : owned_(std::move(items)), view_(owned_) {}  // NOLINT: a vector is one
  static FlatArray borrowing(std::span<const T> items) {
    FlatArray a;
    a.view_ = items;
    a.borrowed_ = true;
    return a;
  }

  FlatArray(const FlatArray& other) : FlatArray(std::vector<T>(other.begin(), other.end())) {}
  FlatArray& operator=(const FlatArray& other) {
    if (this != &other) *this = FlatArray(other);
    return *this;
  }
  // A moved vector keeps its buffer, so the view stays valid.
  FlatArray(FlatArray&& other) noexcept
      : owned_(std::move(other.owned_)), view_(other.view_), borrowed_(other.borrowed_) {
    other.view_ = {};
  }
  FlatArray& operator=(FlatArray&& other) noexcept {
    owned_ = std::move(other.owned_);
    view_ = other.view_;
    borrowed_ = other.borrowed_;
    other.view_ = {};
    return *this;
  }
  ~FlatArray() = default;

  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  const T* data() const { return view_.data(); }
  const T& operator[](std::size_t i) const { return view_[i]; }
  const T& front() const { return view_.front(); }
  const T& back() const { return view_.back(); }
  const T* begin() const { return view_.data(); }
  const T* end() const { return view_.data() + view_.size(); }
  // The items live in a mapped model file rather than in this array.
  bool borrowed() const { return borrowed_; }

 private:
  std::vector<T> owned_;
  std::span<const T> view_;
  bool borrowed_ = false;
};

}  // namespace mpadvisor::engine
