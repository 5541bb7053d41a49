#include "mpadvisor/dsl/source_map.hpp"

#include <algorithm>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::dsl {

SourceMap::SourceMap(std::string file, std::string_view text) : file_(std::move(file)), text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

Location SourceMap::locate(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto const line_index = static_cast<std::uint32_t>(it - line_starts_.begin() - 1);
  std::uint32_t const start = line_starts_[line_index];
  Location loc;
  loc.file = file_;
  loc.offset = offset;
  loc.line = line_index + 1;
  loc.column = static_cast<std::uint32_t>(base::utf8::count_code_points(text_.substr(start, offset - start))) + 1;
  return loc;
}

std::string_view SourceMap::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t const start = line_starts_[line - 1];
  std::size_t end = text_.find('\n', start);
  if (end == std::string_view::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

Diagnostic make_diagnostic(const SourceMap& map, std::uint32_t offset, Severity severity, std::string_view code,
                           base::Wording message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  d.location = map.locate(offset);
  d.source_line = std::string(map.line_text(d.location.line));
  return d;
}

}  // namespace mpadvisor::dsl
