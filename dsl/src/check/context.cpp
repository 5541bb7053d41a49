#include "check/context.hpp"

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

Diagnostic& CheckContext::report(const ast::Module& module, ast::Span at, Severity severity, std::string_view code,
                                 std::string message) {
  return diagnostics.add(make_diagnostic(map_for(module), at.begin, severity, code, std::move(message)));
}

std::string CheckContext::where(const ast::Module& module, ast::Span at) const {
  Location loc = map_for(module).locate(at.begin);
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

bool CheckContext::valid_date(const ast::Module& module, ast::Span at, const ast::Date& date) {
  std::string const why = date_error(date);
  if (why.empty()) return true;
  report(module, at, Severity::error, code::kInvalidDate,
         "'" + module.text.substr(at.begin, at.end - at.begin) + "' is not a date: " + why);
  return false;
}

void CheckContext::check_value(const ast::Module& module, const ast::Fact& fact, const ast::Value& value,
                               bool element) {
  if (value.kind == ast::ValueKind::date && !valid_date(module, value.span, value.date)) return;
  if (std::string why = check_detail::value_mismatch(fact, value, element); !why.empty()) {
    report(module, value.span, Severity::error, code::kTypeMismatch, why);
  }
}

void CheckContext::undefined(const ast::Module& module, const ast::Name& name, const char* kind,
                             const std::vector<std::string>& candidates) {
  std::string message = std::string("undefined ") + kind + " '" + name.text + "'";
  if (auto best = closest_match(name.text, candidates)) message += "; did you mean '" + *best + "'?";
  report(module, name.span, Severity::error, code::kUndefinedName, std::move(message));
}

}  // namespace mpadvisor::dsl::check_detail
