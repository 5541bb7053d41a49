#include "mpadvisor/engine/name_index.hpp"

#include <bit>

namespace mpadvisor::engine {

void NameIndex::assign(std::vector<std::string_view> names) {
  names_ = std::move(names);
  slots_.assign(names_.empty() ? 0 : std::bit_ceil(names_.size() * 2), Slot{});  // at most half full
  mask_ = slots_.empty() ? 0 : slots_.size() - 1;
  for (std::uint32_t id = 0; id < names_.size(); ++id) {
    if (find(names_[id])) continue;
    std::uint32_t const h = hash(names_[id]);
    std::size_t i = h & mask_;
    while (slots_[i].id != kEmpty) i = (i + 1) & mask_;
    slots_[i] = {h, id};
  }
}

}  // namespace mpadvisor::engine
