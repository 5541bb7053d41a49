// The names of one kind of declaration (steps, rules or causes) side by side in one buffer, each
// between double quotes. Answers name steps, rules and causes by the dozen: a name read here is a
// few bytes beside the one before, where the declaration's own record (long, with its texts) is
// a cache miss away; and a writer of JSON can copy a name with its quotes in one piece.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::engine {

class NameTable {
 public:
  // The table of these names, in id order.
  template <typename Infos>
  static NameTable of(const Infos& infos) {
    NameTable t;
    for (const auto& info : infos) t.add(info.name);
    return t;
  }

  std::string_view name(std::uint32_t id) const { return quoted(id).substr(1, size_[id]); }
  // The name with its quotes: "name".
  std::string_view quoted(std::uint32_t id) const {
    return std::string_view(bytes_).substr(begin_[id], std::size_t{size_[id]} + 2);
  }
  // Every name is printable ASCII without a quote or a backslash, so that its quoted form is
  // already a JSON string. A KB's names are identifiers; a model file's are not trusted to be.
  bool json_safe() const { return json_safe_; }
  std::size_t size() const { return begin_.size(); }

 private:
  void add(std::string_view name);

  std::string bytes_;
  std::vector<std::uint32_t> begin_, size_;  // by id: where its quoted form starts; its length
  bool json_safe_ = true;
};

}  // namespace mpadvisor::engine
