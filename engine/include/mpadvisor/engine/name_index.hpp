// Names to their ids (the model's facts, steps, rules and causes). A profile looks up every
// one of its keys here, so this is on the reader's hot path: an open-addressing table of
// (hash, id) slots over views of the names, one cheap pass of hashing over a name's bytes, no
// node per entry, and a name compared only when its whole hash matches.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mpadvisor::engine {

class NameIndex {
 public:
  // Indexes names[i] → i (a repeated name keeps its first id). The names' bytes must outlive
  // the index.
  void assign(std::vector<std::string_view> names);

  std::optional<std::uint32_t> find(std::string_view name) const {
    if (slots_.empty()) return std::nullopt;
    std::uint32_t const h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kEmpty) return std::nullopt;
      if (s.hash == h && same(names_[s.id], name)) return s.id;
    }
  }

  std::size_t size() const { return names_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id = kEmpty;
  };

  // Names are short: compared in place rather than through a call to memcmp.
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  // Eight bytes at a time, each word mixed in by a multiply; names are short.
  static std::uint32_t hash(std::string_view name) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ name.size();
    std::size_t i = 0;
    for (; i + 8 <= name.size(); i += 8) {
      std::uint64_t word = 0;
      for (std::size_t k = 0; k < 8; ++k) word |= std::uint64_t(static_cast<unsigned char>(name[i + k])) << (8 * k);
      h = (h ^ word) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    for (std::size_t k = 0; i + k < name.size(); ++k)
      tail |= std::uint64_t(static_cast<unsigned char>(name[i + k])) << (8 * k);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  std::vector<Slot> slots_;
  std::vector<std::string_view> names_;
  std::size_t mask_ = 0;
};

}  // namespace mpadvisor::engine
