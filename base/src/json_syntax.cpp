#include "mpadvisor/base/json_syntax.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <string>

namespace mpadvisor::base {
namespace {

// The number after `label` in `text` ("line 3" → 3).
std::optional<unsigned long> number_after(std::string_view text, std::string_view label) {
  std::size_t const at = text.find(label);
  if (at == std::string_view::npos) return std::nullopt;
  const char* first = text.data() + at + label.size();
  unsigned long n = 0;
  auto [end, error] = std::from_chars(first, text.data() + text.size(), n);
  if (error != std::errc{} || end == first) return std::nullopt;
  return n;
}

// What the parser found wrong, in Chinese: its usual complaints by the words they start with.
std::string chinese_reason(std::string_view reason) {
  struct Known {
    std::string_view english, chinese;
  };
  static constexpr std::array<Known, 9> kKnown = {{
      {"unexpected end of input", "内容在这里意外结束（缺少括号或引号？）"},
      {"invalid literal", "无法识别的值（字符串须加双引号，取值只能是 true、false、null、数字、字符串、数组或对象）"},
      {"invalid string: control character", "字符串里有须转义的控制字符"},
      {"invalid string: ill-formed UTF-8", "字符串里有不合法的 UTF-8 字节"},
      {"invalid string: missing closing quote", "字符串缺少结尾的双引号"},
      {"invalid string", "字符串不合法"},
      {"invalid number", "数字格式不正确"},
      {"unexpected", "这里出现了不该出现的符号（多了或少了逗号、冒号、括号？）"},
      {"number overflow", "数字超出范围"},
  }};
  for (const Known& k : kKnown) {
    if (reason.substr(0, k.english.size()) == k.english) return std::string(k.chinese);
  }
  return "语法错误";
}

}  // namespace

Wording json_syntax_error(std::string_view what, bool one_line) {
  std::string_view message = what;
  if (message.substr(0, 16) == "[json.exception.") {
    std::size_t const close = message.find("] ");
    if (close != std::string_view::npos) message.remove_prefix(close + 2);
  }
  std::optional<unsigned long> const line = number_after(message, "line ");
  std::optional<unsigned long> const column = number_after(message, "column ");
  // "syntax error while parsing value - unexpected end of input; expected …": the reason is
  // after " - "; a complaint without one is its own reason ("number overflow parsing '1e999'").
  // What was last read is after "last read: ".
  std::size_t const dash = message.find(" - ");
  std::string_view const reason = dash == std::string_view::npos ? message : message.substr(dash + 3);
  // "last read: '{no'; expected string literal": the quoted token, without what follows it.
  std::size_t const read_at = message.find("last read: ");
  std::string_view last_read = read_at == std::string_view::npos ? std::string_view() : message.substr(read_at + 11);
  if (std::size_t const expected = last_read.find("'; expected "); expected != std::string_view::npos)
    last_read = last_read.substr(0, expected + 1);

  std::string en(message);
  if (one_line && line == 1ul) {
    if (std::size_t const at = en.find("at line 1, "); at != std::string::npos) en.erase(at + 3, 8);
  }
  std::string zh;
  if (line && column) {
    zh =
        one_line && *line == 1 ? fmt::format("第 {} 列：", *column) : fmt::format("第 {} 行第 {} 列：", *line, *column);
  }
  zh += chinese_reason(reason);
  if (!last_read.empty()) zh += fmt::format("（读到 {}）", last_read);
  return {std::move(en), std::move(zh)};
}

}  // namespace mpadvisor::base
