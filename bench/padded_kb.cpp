#include "padded_kb.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace mpadvisor::bench {

namespace fs = std::filesystem;

namespace {

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_step_or_rule_name(std::string_view word) {
  return word.size() > 1 && (word.front() == 's' || word.front() == 'r') &&
         std::all_of(word.begin() + 1, word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::string with_renamed_steps_and_rules(std::string_view text, std::string_view suffix) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_byte(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_word_byte(text[end])) ++end;
    std::string_view const word = text.substr(i, end - i);
    out += word;
    if (is_step_or_rule_name(word)) out += suffix;
    i = end;
  }
  return out;
}

void write_padded_kb(const fs::path& kb, int copies, const fs::path& out, std::string_view steps_file,
                     std::string_view rules_file) {
  fs::remove_all(out);
  fs::create_directories(out);
  for (const fs::directory_entry& entry : fs::directory_iterator(kb)) {
    if (!entry.is_regular_file()) continue;
    std::string const name = entry.path().filename().string();
    std::string text = read_file(entry.path());
    if (name == steps_file || name == rules_file) {
      std::string const original = text;
      for (int k = 1; k < copies; ++k) text += "\n" + with_renamed_steps_and_rules(original, "x" + std::to_string(k));
    }
    std::ofstream file(out / name, std::ios::binary);
    file << text;
    if (!file.flush()) throw std::runtime_error("cannot write " + (out / name).string());
  }
}

}  // namespace mpadvisor::bench
