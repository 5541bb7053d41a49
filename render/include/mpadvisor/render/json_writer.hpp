// JSON written straight into one string, with the same bytes `Json::dump` gives (indent,
// separators, escapes, numbers): the fast path of the answers asked for most often (a
// diagnosis from the API or the batch mode), where building and freeing a tree of small
// heap nodes cost ten times the diagnosis itself. Other answers keep building a Json tree;
// both ways give the documented shapes of docs/json.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

// A key the code spells out (a string literal), checked when compiled to need no escaping, so
// that writing it is a copy: a misspelt one, with a quote, a backslash or a byte outside
// printable ASCII, does not compile.
class PlainKey {
 public:
  template <std::size_t N>
  consteval PlainKey(const char (&text)[N])
      : text_(text, N - 1) {  // NOLINT(google-explicit-constructor): literals convert
    for (char c : text_) {
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') throw "a JSON key the writer copies must be plain ASCII";
    }
  }
  constexpr std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

class JsonWriter {
 public:
  // indent < 0: one line, as dump(-1); otherwise dump(indent). `replace_invalid` answers
  // ill-formed UTF-8 with U+FFFD as error_handler_t::replace does; without it such text
  // throws Json's type_error, as dump does by default.
  explicit JsonWriter(int indent = 2, bool replace_invalid = false);
  // Writing after what `buffer` holds, in its storage (take() gives it back): a caller that
  // writes many answers one after another allocates nothing per answer.
  JsonWriter(std::string buffer, int indent, bool replace_invalid);

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(PlainKey name);
  JsonWriter& key_text(std::string_view name);  // any text, escaped as needed

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(unsigned n) { return value(static_cast<std::uint64_t>(n)); }
  JsonWriter& value(double x);
  JsonWriter& value(const Json& tree);  // a tree written in place, as dump would
  // A string already written as JSON, quotes and escapes included (engine::NameTable::quoted
  // where json_safe()), copied as it is.
  JsonWriter& quoted_value(std::string_view json_string);
  JsonWriter& null();

  // key(name).value(v) in one call.
  template <typename T>
  JsonWriter& member(PlainKey name, const T& v) {
    return key(name).value(v);
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void newline_and_indent(std::size_t depth);
  void string(std::string_view text);

  // Whether each open container has a member yet: the first 64 levels in the bits of a word
  // (a writer is made for each answer, and answers are shallow), any deeper in a vector.
  class OpenContainers {
   public:
    bool empty() const { return depth_ == 0; }
    std::size_t size() const { return depth_; }
    void push() {
      if (depth_ >= 64)
        deeper_.push_back(false);
      else
        bits_ &= ~(std::uint64_t{1} << depth_);
      ++depth_;
    }
    // Whether the innermost has a member; from now on it has.
    bool mark_member() {
      std::size_t const top = depth_ - 1;
      if (top >= 64) {
        bool const was = deeper_.back();
        deeper_.back() = true;
        return was;
      }
      bool const had = ((bits_ >> top) & 1u) != 0;
      bits_ |= std::uint64_t{1} << top;
      return had;
    }
    // Closes the innermost; whether it had a member.
    bool pop() {
      std::size_t const top = --depth_;
      if (top < 64) return ((bits_ >> top) & 1u) != 0;
      bool const had = deeper_.back();
      deeper_.pop_back();
      return had;
    }

   private:
    std::uint64_t bits_ = 0;
    std::size_t depth_ = 0;
    std::vector<bool> deeper_;
  };

  std::string out_;
  OpenContainers open_;
  int indent_;
  bool replace_invalid_;
  bool after_key_ = false;
};

}  // namespace mpadvisor::render
