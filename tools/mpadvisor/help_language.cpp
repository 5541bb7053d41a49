#include "help_language.hpp"

#include <algorithm>
#include <memory>
#include <string_view>

#include "mpadvisor/base/utf8.hpp"

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

void translate(CLI::App& app) {
  app.description(help_in_chinese(app.get_description()));
  app.footer(help_in_chinese(app.get_footer()));
  app.group(help_in_chinese(app.get_group()));
  for (CLI::Option* option : app.get_options([](CLI::Option*) { return true; })) {
    option->description(help_in_chinese(option->get_description()));
    // What the value is (FILE, STEP, N: option_values.hpp); a set of words {a,b} is not in
    // the table and stays as it is.
    option->type_name(help_in_chinese(option->get_type_name()));
    option->group(help_in_chinese(option->get_group()));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) translate(*sub);
}

// CLI11 lines the descriptions up by counting bytes; a Chinese name (必填, 文件) takes two
// columns in three bytes, so every description after one drifted. This one counts columns.
class ColumnFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* option, bool is_positional) const override {
    std::string out = "  " + make_option_name(option, is_positional) + make_option_opts(option);
    std::string const description = make_option_desc(option);
    std::size_t const width = get_column_width(), shown = base::utf8::display_width(out);
    if (shown < width) {
      out.append(width - shown, ' ');
    } else if (!description.empty()) {
      out += "\n" + std::string(width, ' ');
    }
    for (char const c : description) {
      out += c;
      if (c == '\n') out.append(width, ' ');
    }
    return out + "\n";
  }
};

void use_formatter(CLI::App& app, const std::shared_ptr<CLI::Formatter>& formatter) {
  app.formatter(formatter);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) use_formatter(*sub, formatter);
}

}  // namespace

std::string help_in_chinese(const std::string& english) {
  return english.empty() ? english : std::string(chinese(english));
}

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
  auto formatter = std::make_shared<ColumnFormatter>();
  for (const char* label :
       {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Positionals", "REQUIRED", "Env", "Needs", "Excludes"})
    formatter->label(label, std::string(chinese(label)));
  use_formatter(app, formatter);
  translate(app);
}

}  // namespace mpadvisor::cli
