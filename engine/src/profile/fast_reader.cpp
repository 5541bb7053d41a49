// The fast profile reader: a strict JSON scanner that knows the profile's shape, so each value
// goes straight from the text into its fact's slot, strings as views into the text. It never
// words a mistake: on anything it does not take it returns false and the full reader runs.
#include <unicode/utf8.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "profile/readers.hpp"
#include "profile/value_builder.hpp"
#include "working_memory.hpp"

namespace mpadvisor::engine::profile_detail {
namespace {

constexpr int kMaxCommentDepth = 64;

class FastReader {
 public:
  FastReader(const Model& model, std::string_view text, Profile& into, detail::ReadingMemory& memory)
      : model_(model), text_(text), profile_(into), memory_(memory), items_(memory.items) {
    std::size_t const slots = model.facts().size() + 2;
    if (memory_.seen.size() != slots || memory_.read == std::numeric_limits<std::uint32_t>::max()) {
      memory_.seen.assign(slots, 0);
      memory_.read = 0;
    }
    ++memory_.read;
  }

  bool read(std::size_t* taken) {
    if (taken == nullptr) space();
    if (!members([&](std::string_view key) { return entry(key); })) return false;
    if (taken != nullptr) {
      *taken = at_;
      return true;
    }
    space();
    return at_ == text_.size();
  }

 private:
  // One top-level entry, as the full reader takes it: comments, then the format's own fields,
  // then facts.
  bool entry(std::string_view key) {
    std::size_t const facts = model_.facts().size();
    if (!key.empty() && key.front() == '_') return skip_value(0);
    if (key == profile_field::kDone) return once(facts) && done();
    if (key == profile_field::kRejections) return once(facts + 1) && rejections();
    std::optional<FactId> const id = model_.find_fact(key);
    return id && once(*id) && fact_value(*id);
  }

  // A key may be given once.
  bool once(std::size_t slot) {
    if (memory_.seen[slot] == memory_.read) return false;
    memory_.seen[slot] = memory_.read;
    return true;
  }

  bool fact_value(FactId id) {
    if (at_ >= text_.size()) return false;
    char const first = text_[at_];
    if (first == 'n') return literal("null");  // explicitly unknown
    try {
      ValueBuilder value(model_, id, profile_.facts[id]);
      if (first == 't' || first == 'f') {
        bool const b = first == 't';
        if (!literal(b ? "true" : "false")) return false;
        value.boolean(b);
      } else if (first == '"') {
        std::string_view s;
        if (!string(s)) return false;
        value.string(s);
      } else if (first == '[') {
        if (!string_array()) return false;
        value.items(items_);
      } else {
        double n = 0;
        if (!number(n)) return false;
        value.number(n);
      }
    } catch (const ProfileError&) {
      return false;
    }
    return true;
  }

  bool done() {
    if (!string_array()) return false;
    try {
      mark_done(model_, profile_, items_);
    } catch (const ProfileError&) {
      return false;
    }
    return true;
  }

  // [{"stage", "message", "date"}, …]: other fields of a rejection are ignored, as the full
  // reader ignores them.
  bool rejections() {
    return items([&] { return rejection(); });
  }

  bool rejection() {
    std::string_view stage, message, date;
    bool has_message = false;
    bool const read = members([&](std::string_view key) {
      std::string_view* field = key == "message" ? &message : key == "stage" ? &stage : key == "date" ? &date : nullptr;
      has_message = has_message || field == &message;
      return field == nullptr ? skip_value(2) : string(*field);
    });
    if (!read || !has_message || blank(message) || (!stage.empty() && !model_.find_step(stage))) return false;
    profile_.rejections.push_back({std::string(stage), std::string(message), std::string(date)});
    return true;
  }

  // ["…", …] into items_, as views into the text.
  bool string_array() {
    items_.clear();
    return items([&] { return string(items_.emplace_back()); });
  }

  // {"key": value, …}: value(key) reads each value, the scanner on its first character.
  template <typename Value>
  bool members(Value&& value) {
    std::string_view key;
    return sequence('{', '}', [&] {
      if (!string(key)) return false;
      space();
      if (!eat(':')) return false;
      space();
      return value(key);
    });
  }

  // [item, …]: item() reads each.
  template <typename Item>
  bool items(Item&& item) {
    return sequence('[', ']', item);
  }

  // open element (, element)* close, white space allowed between.
  template <typename Element>
  bool sequence(char open, char close, Element&& element) {
    if (!eat(open)) return false;
    space();
    if (eat(close)) return true;
    for (;;) {
      if (!element()) return false;
      space();
      if (eat(close)) return true;
      if (!eat(',')) return false;
      space();
    }
  }

  // Any JSON value, checked and passed over (a comment's).
  bool skip_value(int depth) {
    if (at_ >= text_.size() || depth > kMaxCommentDepth) return false;
    char const first = text_[at_];
    std::string_view ignored;
    double number_ignored = 0;
    switch (first) {
      case '"':
        return string(ignored);
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      case '{':
        return members([&](std::string_view) { return skip_value(depth + 1); });
      case '[':
        return items([&] { return skip_value(depth + 1); });
      default:
        return number(number_ignored);
    }
  }

  // A string without escapes and of well-formed UTF-8 (as JSON requires), as a view into the
  // text. An escape is legal but rare in a profile: the full reader decodes it.
  bool string(std::string_view& out) {
    if (!eat('"')) return false;
    std::size_t const begin = at_;
    auto const* bytes = reinterpret_cast<const std::uint8_t*>(text_.data());
    auto const length = static_cast<std::int32_t>(text_.size());
    while (at_ < text_.size()) {
      std::uint8_t const c = bytes[at_];
      if (c == '"') {
        out = text_.substr(begin, at_ - begin);
        ++at_;
        return true;
      }
      if (c == '\\' || c < 0x20) return false;
      if (c < 0x80) {
        ++at_;
        continue;
      }
      auto i = static_cast<std::int32_t>(at_);
      UChar32 code_point = 0;
      U8_NEXT(bytes, i, length, code_point);
      if (code_point < 0) return false;
      at_ = static_cast<std::size_t>(i);
    }
    return false;
  }

  // A JSON number. Integers are read as the full reader reads them (a 64-bit integer, then
  // converted), so -0 is 0 either way; one beyond 64 bits is left to it.
  bool number(double& out) {
    std::size_t const begin = at_;
    eat('-');
    if (!eat('0')) {
      if (at_ >= text_.size() || text_[at_] < '1' || text_[at_] > '9') return false;
      digits();
    }
    bool integer = true;
    if (eat('.')) {
      integer = false;
      if (!digits()) return false;
    }
    if (eat('e') || eat('E')) {
      integer = false;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    const char* first = text_.data() + begin;
    const char* last = text_.data() + at_;
    if (integer) {
      std::int64_t n = 0;
      auto [end, error] = std::from_chars(first, last, n);
      if (error != std::errc{} || end != last) return false;
      out = static_cast<double>(n);
      return true;
    }
    auto [end, error] = std::from_chars(first, last, out);
    return error == std::errc{} && end == last;
  }

  // One or more digits.
  bool digits() {
    std::size_t const begin = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return at_ > begin;
  }

  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  void space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t'))
      ++at_;
  }

  bool eat(char c) {
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }

  const Model& model_;
  std::string_view text_;
  Profile& profile_;
  std::size_t at_ = 0;
  detail::ReadingMemory& memory_;         // the key stamps (see ReadingMemory) and item views
  std::vector<std::string_view>& items_;  // the last array of strings read, as views into the text
};

}  // namespace

bool read_profile_fast(const Model& model, std::string_view text, Profile& into, std::size_t* taken,
                       detail::ReadingMemory* memory) {
  // The scanner's offsets are ICU's 32-bit ones; a profile is far smaller (kMaxProfileBytes).
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) return false;
  std::optional<detail::ReadingMemory> own;
  return FastReader(model, text, into, memory != nullptr ? *memory : own.emplace()).read(taken);
}

}  // namespace mpadvisor::engine::profile_detail
