#include "mpadvisor/engine/name_table.hpp"

#include <algorithm>

namespace mpadvisor::engine {

void NameTable::add(std::string_view name) {
  begin_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  size_.push_back(static_cast<std::uint32_t>(name.size()));
  bytes_ += '"';
  bytes_ += name;
  bytes_ += '"';
  json_safe_ = json_safe_ && std::all_of(name.begin(), name.end(),
                                         [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
}

}  // namespace mpadvisor::engine
