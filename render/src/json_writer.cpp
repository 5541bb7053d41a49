#include "mpadvisor/render/json_writer.hpp"

#include <array>
#include <charconv>
#include <cstring>

namespace mpadvisor::render {

JsonWriter::JsonWriter(int indent, bool replace_invalid) : indent_(indent), replace_invalid_(replace_invalid) {
  out_.reserve(4096);
}

JsonWriter::JsonWriter(std::string buffer, int indent, bool replace_invalid)
    : out_(std::move(buffer)), indent_(indent), replace_invalid_(replace_invalid) {}

void JsonWriter::newline_and_indent(std::size_t depth) {
  out_ += '\n';
  out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

// Separators as dump writes them: ",\n" plus indentation (or "," on one line) between
// members, nothing after a key (the key wrote ": " or ":").
void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.mark_member()) out_ += ',';
  if (indent_ >= 0) newline_and_indent(open_.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  open_.push();
}

// An empty container closes on the same line ("{}", "[]"), as dump writes it.
void JsonWriter::close(char bracket) {
  bool const had = open_.pop();
  if (had && indent_ >= 0) newline_and_indent(open_.size());
  out_ += bracket;
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(PlainKey name) {
  before_value();
  std::string_view const text = name.text();
  std::size_t const at = out_.size();
  std::size_t const colon = indent_ >= 0 ? 2 : 1;
  out_.resize(at + text.size() + 2 + colon);
  char* p = out_.data() + at;
  p[0] = '"';
  std::memcpy(p + 1, text.data(), text.size());
  p[text.size() + 1] = '"';
  p[text.size() + 2] = ':';
  if (colon == 2) p[text.size() + 3] = ' ';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::key_text(std::string_view name) {
  before_value();
  string(name);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::quoted_value(std::string_view json_string) {
  before_value();
  out_ += json_string;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  string(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  before_value();
  char buf[24];
  auto const r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  before_value();
  char buf[24];
  auto const r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
  return *this;
}

// Floating-point numbers are rare in the answers; dump's own shortest form keeps them
// byte for byte the same ("0.5", "1.0", "null" for NaN).
JsonWriter& JsonWriter::value(double x) {
  before_value();
  out_ += Json(x).dump();
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(const Json& tree) {
  switch (tree.type()) {
    case Json::value_t::object:
      begin_object();
      for (const auto& [name, member] : tree.items()) key_text(name).value(member);
      return end_object();
    case Json::value_t::array:
      begin_array();
      for (const Json& item : tree) value(item);
      return end_array();
    case Json::value_t::string:
      return value(std::string_view(tree.get_ref<const std::string&>()));
    case Json::value_t::boolean:
      return value(tree.get<bool>());
    case Json::value_t::number_integer:
      return value(tree.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return value(tree.get<std::uint64_t>());
    default:  // floats, null, binary: dump's own bytes
      before_value();
      out_ +=
          tree.dump(-1, ' ', false, replace_invalid_ ? Json::error_handler_t::replace : Json::error_handler_t::strict);
      return *this;
  }
}

namespace {

// Bytes a string cannot be copied through as they are: control characters, quote and
// backslash (escaped) and the lead bytes of multi-byte UTF-8 (checked).
constexpr auto kAttention = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 0x80; c < 0x100; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

// The length of the well-formed UTF-8 sequence at `at` (Unicode's table 3-7: no overlong
// forms, no surrogates, nothing past U+10FFFF), or 0.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t k) -> unsigned {
    return at + k < text.size() ? static_cast<unsigned char>(text[at + k]) : 0;
  };
  auto tail = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  unsigned const lead = byte(0), second = byte(1);
  if (lead >= 0xC2 && lead <= 0xDF) return tail(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    bool const ok = lead == 0xE0   ? second >= 0xA0 && second <= 0xBF
                    : lead == 0xED ? second >= 0x80 && second <= 0x9F
                                   : tail(1);
    return ok && tail(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    bool const ok = lead == 0xF0   ? second >= 0x90 && second <= 0xBF
                    : lead == 0xF4 ? second >= 0x80 && second <= 0x8F
                                   : tail(1);
    return ok && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

// Whether any of eight bytes needs attention (the table above, eight at a time): a byte of
// 0x80 or more, below 0x20, a quote or a backslash. Ordinary text is copied a word at a time.
bool word_needs_attention(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  auto has_zero_byte = [&](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  std::uint64_t const below_space = (word - kOnes * 0x20) & ~word & kHighs;
  return ((word & kHighs) | below_space | has_zero_byte(word ^ (kOnes * '"')) | has_zero_byte(word ^ (kOnes * '\\'))) !=
         0;
}

}  // namespace

// Escapes as dump does without ensure_ascii: quote, backslash and the control characters
// below U+0020 (the named ones as \b \t \n \f \r), everything else as it is. Ill-formed
// UTF-8 goes to dump itself, which replaces or throws exactly as the caller chose.
void JsonWriter::string(std::string_view text) {
  // Short text (keys, names) without a byte to escape or check goes in with its quotes at once.
  if (text.size() <= 16) {
    bool plain = true;
    for (char c : text) plain &= !kAttention[static_cast<unsigned char>(c)];
    if (plain) {
      std::size_t const at = out_.size();
      out_.resize(at + text.size() + 2);
      char* p = out_.data() + at;
      p[0] = '"';
      std::memcpy(p + 1, text.data(), text.size());
      p[text.size() + 1] = '"';
      return;
    }
  }
  std::size_t const start = out_.size();
  out_ += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && !word_needs_attention(text.data() + i)) {
      i += 8;
      continue;
    }
    auto const c = static_cast<unsigned char>(text[i]);
    if (!kAttention[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      std::size_t const length = utf8_length(text, i);
      if (length == 0) {
        out_.resize(start);
        out_ += Json(std::string(text))
                    .dump(-1, ' ', false,
                          replace_invalid_ ? Json::error_handler_t::replace : Json::error_handler_t::strict);
        return;
      }
      i += length;
      continue;
    }
    out_.append(text.data() + run, i - run);
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\t':
        out_ += "\\t";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\r':
        out_ += "\\r";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
      }
    }
    run = ++i;
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
}

}  // namespace mpadvisor::render
