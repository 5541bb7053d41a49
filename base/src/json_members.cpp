#include "mpadvisor/base/json_members.hpp"

#include <array>
#include <string>

namespace mpadvisor::base {
namespace {

// The bytes a scan must stop at: inside a string, its end, an escape or a control character;
// inside brackets, a string's start or a bracket. Every other byte is passed over.
constexpr auto kStringStop = [] {
  std::array<bool, 256> stop{};
  for (int c = 0; c < 0x20; ++c) stop[c] = true;
  stop['"'] = stop['\\'] = true;
  return stop;
}();
constexpr auto kBracketStop = [] {
  std::array<bool, 256> stop{};
  stop['"'] = stop['{'] = stop['}'] = stop['['] = stop[']'] = true;
  return stop;
}();

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }
  bool eat(char c) {
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool done() const { return at_ == text_.size(); }
  std::size_t at() const { return at_; }

  // After the opening quote: to just past the closing one. `escaped` says a backslash came.
  bool string(bool& escaped) {
    for (; at_ < text_.size(); ++at_) {
      auto const c = static_cast<unsigned char>(text_[at_]);
      if (!kStringStop[c]) continue;  // most bytes: nothing to look at
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return false;
      escaped = true;  // a backslash: the next byte is taken whatever it is
      if (++at_ == text_.size()) return false;
    }
    return false;
  }

  // One value: a string, a bracketed value (its brackets matched, its strings skipped), or a
  // scalar up to the next delimiter.
  bool value() {
    if (at_ >= text_.size()) return false;
    char const first = text_[at_];
    bool escaped = false;
    if (first == '"') return ++at_, string(escaped);
    if (first != '{' && first != '[') {
      std::size_t const begin = at_;
      while (at_ < text_.size() && std::string_view(",}] \t\n\r").find(text_[at_]) == std::string_view::npos) ++at_;
      return at_ > begin && first != ']' && first != '}';
    }
    std::string open;  // the brackets still open, innermost last
    for (; at_ < text_.size(); ++at_) {
      auto const c = static_cast<unsigned char>(text_[at_]);
      if (!kBracketStop[c]) continue;
      if (c == '"') {
        ++at_;
        if (!string(escaped)) return false;
        --at_;
      } else if (c == '{' || c == '[') {
        open += static_cast<char>(c);
      } else {
        if (open.empty() || open.back() != (c == '}' ? '{' : '[')) return false;
        open.pop_back();
        if (open.empty()) return ++at_, true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

std::optional<std::vector<JsonMember>> json_object_members(std::string_view text) {
  Scanner s(text);
  std::vector<JsonMember> members;
  s.skip_space();
  if (!s.eat('{')) return std::nullopt;
  s.skip_space();
  if (!s.eat('}')) {
    for (;;) {
      JsonMember m;
      if (!s.eat('"')) return std::nullopt;
      std::size_t const key_begin = s.at();
      if (!s.string(m.key_escaped)) return std::nullopt;
      m.key = text.substr(key_begin, s.at() - 1 - key_begin);
      s.skip_space();
      if (!s.eat(':')) return std::nullopt;
      s.skip_space();
      std::size_t const value_begin = s.at();
      if (!s.value()) return std::nullopt;
      m.value = text.substr(value_begin, s.at() - value_begin);
      members.push_back(m);
      s.skip_space();
      if (s.eat('}')) break;
      if (!s.eat(',')) return std::nullopt;
      s.skip_space();
    }
  }
  s.skip_space();
  if (!s.done()) return std::nullopt;
  return members;
}

}  // namespace mpadvisor::base
