// `--help` in both languages: every command's help, found by walking the subcommand lists,
// has no English description left in its Chinese version, names each value by what it is
// rather than by its C++ type, and keeps its descriptions in one column.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "mpadvisor/base/utf8.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The names under "Subcommands:" in a command's English help.
std::vector<std::string> subcommands_in(const std::string& help) {
  std::vector<std::string> names;
  bool listing = false;
  for (const std::string& line : lines_of(help)) {
    if (line == "Subcommands:") {
      listing = true;
    } else if (listing && line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (listing && line.empty()) {
      listing = false;
    }
  }
  return names;
}

// The descriptions in an English help: the first line, and the text after an option's or a
// subcommand's name (on its line, or on the next one, indented, when the name is long).
std::vector<std::string> descriptions_in(const std::string& help) {
  static const std::regex kAfterName(R"(^  \S.*?\s{2,}(\S.*)$)");
  static const std::regex kContinued(R"(^\s{20,}(\S.*)$)");
  std::vector<std::string> found;
  std::vector<std::string> const lines = lines_of(help);
  if (!lines.empty()) found.push_back(lines.front());
  for (const std::string& line : lines) {
    std::smatch m;
    if (std::regex_match(line, m, kAfterName) || std::regex_match(line, m, kContinued)) found.push_back(m[1]);
  }
  return found;
}

// The first line that shows CLI11's name for a value's C++ type (`--limit INT:INT in [1 - 100]`)
// where the value's own name belongs (`--limit N`).
std::string type_tags_in(const std::string& help) {
  static const std::regex kTypeTag(R"((^|[ :])(TEXT|INT|UINT|FLOAT|INT64)([ :=]|$)| in \[)");
  for (const std::string& line : lines_of(help)) {
    if (line.rfind("  ", 0) == 0 && std::regex_search(line, kTypeTag)) return line;
  }
  return "";
}

// The first option line whose description does not start at the column the others do (the
// 31st, counted in display columns: a Chinese character takes two).
std::string misaligned_in(const std::string& help) {
  static const std::regex kOptionWithDescription(R"(^(  \S.*?\s{2,})\S.*$)");
  for (const std::string& line : lines_of(help)) {
    std::smatch m;
    if (std::regex_match(line, m, kOptionWithDescription) && base::utf8::display_width(m[1].str()) != 30) return line;
  }
  return "";
}

std::string help_of(const std::vector<std::string>& command, const char* lang, const std::filesystem::path& home) {
  std::vector<std::string> args = command;
  args.insert(args.end(), {"--help", "--lang", lang});
  RunResult const r = run_mpadvisor(args, home);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(HelpLanguage, EveryCommandsHelpIsInChineseWithLangZh) {
  TempDir tmp;
  std::vector<std::vector<std::string>> commands = {{}};
  for (std::size_t i = 0; i < commands.size(); ++i) {  // grows as subcommands are found
    for (const std::string& sub : subcommands_in(help_of(commands[i], "en", tmp.path()))) {
      std::vector<std::string> deeper = commands[i];
      deeper.push_back(sub);
      commands.push_back(deeper);
    }
  }
  EXPECT_GE(commands.size(), 25u);  // the top level, its commands, kb's and cases'
  for (const auto& command : commands) {
    std::string const en = help_of(command, "en", tmp.path());
    std::string const zh = help_of(command, "zh", tmp.path());
    std::string const name = command.empty() ? "mpadvisor" : command.back();
    EXPECT_NE(zh.find("用法: mpadvisor"), std::string::npos) << name << ":\n" << zh;
    std::vector<std::string> const descriptions = descriptions_in(en);
    EXPECT_GE(descriptions.size(), 2u) << name;
    for (const std::string& english : descriptions)
      EXPECT_EQ(zh.find(english), std::string::npos) << name << ": left in English: " << english << "\n" << zh;
    for (const std::string& help : {en, zh}) {
      EXPECT_EQ(type_tags_in(help), "") << name << ":\n" << help;
      EXPECT_EQ(misaligned_in(help), "") << name << ":\n" << help;
    }
  }
  // English stays English, whatever the locale says.
  EXPECT_NE(help_of({"plan"}, "en", tmp.path()).find("Usage: mpadvisor plan"), std::string::npos);
}

}  // namespace
}  // namespace mpadvisor::testing
