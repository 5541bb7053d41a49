#include "check/context.hpp"

#include <cstdio>

#include "check/types.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/suggest.hpp"

namespace mpadvisor::dsl::check_detail {

CheckContext::CheckContext(const KnowledgeBase& kb_, const CheckOptions& options_)
    : kb(kb_), options(options_), symbols(index_symbols(kb_)) {}

const SourceMap& CheckContext::map_for(const ast::Module& module) const {
  auto it = maps_.find(&module);
  if (it == maps_.end()) it = maps_.emplace(&module, SourceMap(module.path, module.text)).first;
  return it->second;
}

base::Wording kind_words(std::string_view english) {
  static constexpr std::pair<std::string_view, std::string_view> kKinds[] = {
      {"alternatives", "备选方案集"},
      {"baseline", "基线"},
      {"calendar", "日历"},
      {"cause", "原因"},
      {"fact", "事实"},
      {"goal", "目标"},
      {"province", "省份"},
      {"reference", "参考资料"},
      {"rule", "规则"},
      {"scenario", "场景"},
      {"step", "步骤"},
      {"term list", "词表"},
  };
  for (auto [en, zh] : kKinds) {
    if (en == english) return {std::string(en), std::string(zh)};
  }
  return base::english_only(std::string(english));
}

Diagnostic& CheckContext::report(const ast::Module& module, ast::Span at, Severity severity, std::string_view code,
                                 base::Wording message) {
  return diagnostics.add(make_diagnostic(map_for(module), at.begin, severity, code, std::move(message)));
}

std::string CheckContext::where(const ast::Module& module, ast::Span at) const {
  Location loc = map_for(module).locate(at.begin);
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

namespace {

// Where `date` is written inside `within`: a source's or a date range's span covers more than
// the date, and a caret under the start of the clause does not show which date is wrong. The
// grammar writes a date one way (YYYY-MM-DD, then THH:MM), so its text is found by value; the
// last match, as the date follows a source's quoted reference. The whole span if not found.
ast::Span date_within(const ast::Module& module, ast::Span within, const ast::Date& date) {
  char text[32];
  int length = std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  if (date.has_time())
    length += std::snprintf(text + length, sizeof text - static_cast<std::size_t>(length), "T%02d:%02d", date.hour,
                            date.minute);
  std::string_view const clause = std::string_view(module.text).substr(within.begin, within.end - within.begin);
  std::size_t const at = clause.rfind(std::string_view(text, static_cast<std::size_t>(length)));
  if (at == std::string_view::npos) return within;
  auto const begin = static_cast<std::uint32_t>(within.begin + at);
  return {begin, begin + static_cast<std::uint32_t>(length)};
}

}  // namespace

bool CheckContext::valid_date(const ast::Module& module, ast::Span within, const ast::Date& date) {
  base::Wording const why = date_error(date);
  if (why.en.empty()) return true;
  ast::Span const at = date_within(module, within, date);
  report(module, at, Severity::error, code::kInvalidDate,
         base::word("'{0}' is not a date: {1}", "“{0}”不是有效日期：{1}",
                    module.text.substr(at.begin, at.end - at.begin), why));
  return false;
}

void CheckContext::check_value(const ast::Module& module, const ast::Fact& fact, const ast::Value& value,
                               bool element) {
  if (value.kind == ast::ValueKind::date && !valid_date(module, value.span, value.date)) return;
  if (base::Wording why = check_detail::value_mismatch(fact, value, element); !why.en.empty()) {
    report(module, value.span, Severity::error, code::kTypeMismatch, why);
  }
}

void CheckContext::undefined(const ast::Module& module, const ast::Name& name, const char* kind,
                             const std::vector<std::string>& candidates) {
  report(module, name.span, Severity::error, code::kUndefinedName,
         base::with_closest(base::word("undefined {0} '{1}'", "未定义的{0}“{1}”", kind_words(kind), name.text),
                            closest_match(name.text, candidates)));
}

}  // namespace mpadvisor::dsl::check_detail
