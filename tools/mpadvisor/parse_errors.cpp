#include "parse_errors.hpp"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "help_language.hpp"

namespace mpadvisor::cli {
namespace {

struct Pattern {
  std::regex english;
  const char* chinese;  // std::regex_replace format: $1, $2 … are the English one's groups
  int value_name = 0;   // a group that names an option's value (STEP, N): said as Chinese help says it
};

// CLI11 2.1's wordings (CLI/Error.hpp and its validators) and their Chinese.
const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> all = {
      {std::regex(R"(^The following arguments? (?:was|were) not expected: (.*)$)"), "多余的参数：$1"},
      {std::regex(R"(^(\S+): \d+ required (\S+) missing$)"), "$1 后面缺少取值（$2）", 2},
      {std::regex(R"(^(\S+): (.*) not in \{(.*)\}$)"), "$1：“$2”不是可选值（$3）之一"},
      {std::regex(R"(^(\S+): '(.*)' is not a whole number from (\S+) to (\S+)$)"), "$1：“$2”不是 $3 到 $4 之间的整数"},
      {std::regex(R"(^(\S+): '(.*)' is not a number from (\S+) to (\S+)$)"), "$1：“$2”不是 $3 到 $4 之间的数"},
      {std::regex(R"(^Could not convert: (\S+) = (.*)$)"), "$1：无法理解取值“$2”"},
      {std::regex(R"(^(\S+): is empty: give the text itself$)"), "$1：为空，请给出文字本身"},
      {std::regex(R"(^A subcommand is required$)"), "缺少命令"},
      {std::regex(R"(^(\S+) is required$)"), "缺少 $1"},
      {std::regex(R"(^(\S+) requires (\S+)$)"), "$1 需要同时给出 $2"},
      {std::regex(R"(^(\S+) excludes (\S+)$)"), "$1 不能与 $2 同用"},
  };
  return all;
}

base::Wording in_both_languages(const std::string& english) {
  for (const Pattern& p : patterns()) {
    std::smatch m;
    if (!std::regex_match(english, m, p.english)) continue;
    std::string chinese = p.chinese;
    if (p.value_name > 0) {
      std::string const group = "$" + std::to_string(p.value_name);
      chinese.replace(chinese.find(group), group.size(), help_in_chinese(m[p.value_name].str()));
    }
    return {english, std::regex_replace(english, p.english, chinese)};
  }
  return base::english_only(english);
}

}  // namespace

base::Wording describe_parse_error(const CLI::App& app, int argc, char** argv, const CLI::ParseError& e) {
  static const std::vector<std::string> takes_value = {"--lang", "--format", "--kb", "--db", "--color", "--colour"};
  base::Wording what = in_both_languages(e.what());
  for (int i = 1; i < argc; ++i) {
    std::string const arg = argv[i];
    if (std::find(takes_value.begin(), takes_value.end(), arg) != takes_value.end()) {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    const auto subcommands = app.get_subcommands([](const CLI::App*) { return true; });
    bool const known = std::any_of(subcommands.begin(), subcommands.end(),
                                   [&](const CLI::App* sub) { return sub->get_name() == arg; });
    if (!known) what = base::word("unknown command '{0}'", "没有命令“{0}”", arg);
    break;
  }
  return what.suffixed(" (see 'mpadvisor --help')", "（见 mpadvisor --help）");
}

}  // namespace mpadvisor::cli
