// Turns byte offsets into line/column positions and source lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/dsl/diagnostic.hpp"

namespace mpadvisor::dsl {

class SourceMap {
 public:
  SourceMap(std::string file, std::string_view text);
  Location locate(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;  // without the newline
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::string_view text_;
  std::vector<std::uint32_t> line_starts_;
};

// Builds a diagnostic pointing at `offset` of the file the map describes.
Diagnostic make_diagnostic(const SourceMap& map, std::uint32_t offset, Severity severity, std::string_view code,
                           base::Wording message);

}  // namespace mpadvisor::dsl
