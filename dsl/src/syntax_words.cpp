#include "syntax_words.hpp"

#include <string>
#include <utility>

namespace mpadvisor::dsl {
namespace {

// The grammar's rule names (dsl/src/detail/*.hpp) and their Chinese; keywords and punctuation
// ('at', ')', '{') read the same in both and have no row.
constexpr std::pair<std::string_view, std::string_view> kNames[] = {
    {"a calendar", "日历"},
    {"a cause", "原因"},
    {"a cause property (title, explain, stage, fix, message, source)",
     "原因属性（title、explain、stage、fix、message、source）"},
    {"a calendar property (title, covers, holiday, workday, source)",
     "日历属性（title、covers、holiday、workday、source）"},
    {"a baseline", "基线"},
    {"a baseline property (description, given, target)", "基线属性（description、given、target）"},
    {"a change (fact = value)", "修改（事实 = 值）"},
    {"a choice (a value and its title)", "choice（一个取值和它的标题）"},
    {"a comparison (==, !=, <, <=, >, >=)", "比较运算符（==、!=、<、<=、>、>=）"},
    {"a condition", "条件"},
    {"a cost such as 30 cny", "费用，如 30 cny"},
    {"a currency (cny)", "币种（cny）"},
    {"a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"},
    {"a date or a range of dates (2026-10-01..2026-10-07)", "日期或日期范围（2026-10-01..2026-10-07）"},
    {"a declaration", "声明"},
    {"a declaration (import, goal, fact, terms, province, step, alternatives, cause, rule, scenario, baseline, "
     "reference, calendar)",
     "声明（import、goal、fact、terms、province、step、alternatives、cause、rule、scenario、baseline、reference、"
     "calendar）"},
    {"a duration such as 1h..12h", "时长，如 1h..12h"},
    {"a fact", "事实"},
    {"a fact property (title, question, help, choice, example, derived, background, whole, min, max, max_length, "
     "source)",
     "事实属性（title、question、help、choice、example、derived、background、whole、min、max、max_length、source）"},
    {"a fix", "解决办法"},
    {"a function call such as province(id_region)", "函数调用，如 province(id_region)"},
    {"a gap ('...' for any, '..N' for at most N characters)", "间隔（'...' 表示任意长度，'..N' 表示至多 N 个字符）"},
    {"a goal", "目标"},
    {"a likelihood (low, medium, high)", "可能性（low、medium、high）"},
    {"a list [a, b]", "列表 [a, b]"},
    {"a message pattern (zh \"…\" or en \"…\")", "驳回信息模式（zh \"…\" 或 en \"…\"）"},
    {"a name", "名称"},
    {"a number", "数字"},
    {"a province", "省份"},
    {"a province property (names, cities, places)", "省份属性（names、cities、places）"},
    {"a quantity such as 12h", "数量，如 12h"},
    {"a reference", "参考资料"},
    {"a reference property (title, address)", "参考资料属性（title、address）"},
    {"a rule", "规则"},
    {"a rule property (when, block, warn, wait, source)", "规则属性（when、block、warn、wait、source）"},
    {"a scenario", "场景"},
    {"a scenario property (description, given, target, expect)", "场景属性（description、given、target、expect）"},
    {"a source (\"reference\" checked YYYY-MM-DD)", "来源（\"参考资料\" checked YYYY-MM-DD）"},
    {"a step", "步骤"},
    {"a step property (title, description, actor, requires, duration, cost, irreversible, done when, source)",
     "步骤属性（title、description、actor、requires、duration、cost、irreversible、done when、source）"},
    {"a string", "字符串"},
    {"a string or a group of strings (\"a\" | \"b\")", "字符串或一组字符串（\"a\" | \"b\"）"},
    {"a term", "词条"},
    {"a term (\"…\") or a property (title, include, source)", "词条（\"…\"）或属性（title、include、source）"},
    {"a term list", "词表"},
    {"a text (zh \"…\" en \"…\")", "文本（zh \"…\" en \"…\"）"},
    {"a translation (zh \"…\" or en \"…\")", "译文（zh \"…\" 或 en \"…\"）"},
    {"a translation (zh \"…\", en \"…\") or a fix property (change, duration, cost, when, irreversible)",
     "译文（zh \"…\"、en \"…\"）或解决办法属性（change、duration、cost、when、irreversible）"},
    {"a type (bool, number, text, list, date, datetime, enum(…), set(…))",
     "类型（bool、number、text、list、date、datetime、enum(…)、set(…)）"},
    {"a value", "值"},
    {"a value or a function call", "值或函数调用"},
    {"an alternatives property (title, satisfied_by, option, source)",
     "备选方案集属性（title、satisfied_by、option、source）"},
    {"an alternatives set", "备选方案集"},
    {"an assignment (fact = value, or fact unknown)", "赋值（事实 = 值，或 事实 unknown）"},
    {"an effect", "效果"},
    {"an expectation", "期望"},
    {"an expectation (clear, blocked, needs_info, blocked at, warned at, waiting at, needs_info about)",
     "期望（clear、blocked、needs_info、blocked at、warned at、waiting at、needs_info about）"},
    {"an identifier", "标识符"},
    {"an import", "import"},
    {"an option", "选项"},
    {"an option property (title, how, duration, cost)", "选项属性（title、how、duration、cost）"},
    {"days of a calendar (a date or range, then its name)", "日历中的日子（日期或日期范围，后跟名称）"},
    {"one or more names separated by ','", "一个或多个以 ',' 分隔的名称"},
    {"one or more strings", "一个或多个字符串"},
    {"words joined by gaps: \"a\" ... \"b\"", "以间隔相连的词：\"a\" ... \"b\""},
    {"'=', '+=', '-=' or 'unset'", "'='、'+='、'-=' 或 'unset'"},
};

std::string name_in_chinese(std::string_view name) {
  constexpr std::string_view kOrBrace = "'}' or ";
  if (name.substr(0, kOrBrace.size()) == kOrBrace) return "'}' 或" + name_in_chinese(name.substr(kOrBrace.size()));
  for (auto [en, zh] : kNames) {
    if (en == name) return std::string(zh);
  }
  // A choice the grammar names by its alternatives ("'unknown' or '='", handlers.hpp), when the
  // whole is no name of its own (some names hold " or " themselves).
  constexpr std::string_view kOr = " or ";
  if (std::size_t const at = name.find(kOr); at != std::string_view::npos)
    return name_in_chinese(name.substr(0, at)) + " 或 " + name_in_chinese(name.substr(at + kOr.size()));
  return std::string(name);
}

}  // namespace

base::Wording syntax_words(std::string_view message) {
  constexpr std::string_view kExpected = "expected ";
  if (message.substr(0, kExpected.size()) == kExpected)
    return {std::string(message), "此处应为" + name_in_chinese(message.substr(kExpected.size()))};
  if (message == "unterminated string: add the closing quote (\")")
    return {std::string(message), "字符串没有结束：请加上右引号（\"）"};
  return base::english_only(std::string(message));
}

}  // namespace mpadvisor::dsl
