#include "help_language.hpp"

#include <algorithm>
#include <string_view>

namespace mpadvisor::cli {
namespace {

struct Translation {
  std::string_view en, zh;
};

// Sorted by the English text (a test of this file's order would be redundant: the lookup
// below checks it once, on first use, and a wrong order fails every Chinese help test).
constexpr Translation kHelpZh[] = {
#include "help_zh.inc"
};

std::string_view chinese(std::string_view english) {
  static bool const sorted = std::is_sorted(std::begin(kHelpZh), std::end(kHelpZh),
                                            [](const Translation& a, const Translation& b) { return a.en < b.en; });
  if (!sorted) return english;  // a table out of order translates nothing, visibly
  auto const at = std::lower_bound(std::begin(kHelpZh), std::end(kHelpZh), english,
                                   [](const Translation& t, std::string_view key) { return t.en < key; });
  return at != std::end(kHelpZh) && at->en == english ? at->zh : english;
}

std::string in_chinese(const std::string& english) { return english.empty() ? english : std::string(chinese(english)); }

void translate(CLI::App& app) {
  app.description(in_chinese(app.get_description()));
  app.footer(in_chinese(app.get_footer()));
  app.group(in_chinese(app.get_group()));
  for (CLI::Option* option : app.get_options([](CLI::Option*) { return true; })) {
    option->description(in_chinese(option->get_description()));
    option->group(in_chinese(option->get_group()));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) translate(*sub);
}

}  // namespace

Language language_of_arguments(int argc, char** argv) {
  GlobalOptions asked;
  for (int i = 1; i < argc; ++i) {
    std::string_view const arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) asked.lang = argv[++i];
    if (arg.substr(0, 7) == "--lang=") asked.lang = std::string(arg.substr(7));
  }
  return asked.language();
}

void translate_help(CLI::App& app) {
  // The formatter is shared by every command of the tree (CLI11 hands the parent's down).
  const auto& formatter = app.get_formatter();
  for (const char* label :
       {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Positionals", "REQUIRED", "Env", "Needs", "Excludes"})
    formatter->label(label, std::string(chinese(label)));
  translate(app);
}

}  // namespace mpadvisor::cli
