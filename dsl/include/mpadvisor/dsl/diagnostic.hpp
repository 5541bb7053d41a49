// Diagnostics as data: what went wrong, where, and how sure we are that it is wrong.
// Rendering (clang-style text with a caret, or JSON) lives in render_diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/base/lang.hpp"
#include "mpadvisor/base/wording.hpp"

namespace mpadvisor::dsl {

enum class Severity { error, warning, note };

struct Location {
  std::string file;
  std::uint32_t offset = 0;  // byte offset in the file
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in characters (code points)
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;       // stable identifier, e.g. "undefined-name"
  base::Wording message;  // in both languages: the KB's authors read Chinese or English
  Location location;
  std::string source_line;  // the line the location is on, for the caret display
  std::vector<base::Wording> notes;
};

class Diagnostics {
 public:
  Diagnostic& add(Diagnostic d) {
    items_.push_back(std::move(d));
    return items_.back();
  }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // Orders by file, then position, then severity, so output is stable whatever pass found what.
  void sort();
  void append(const Diagnostics& other);
  // Moves the other's items, leaving it empty (a large KB's checks give thousands).
  void append(Diagnostics&& other);

 private:
  std::vector<Diagnostic> items_;
};

// The words for the severities (the renderers pass them in the output's language).
struct SeverityWords {
  std::string_view error = "error", warning = "warning", note = "note";
};

// `file:line:col: error: message`, the source line, and a caret under the column. The source
// line is shown with control characters and invalid bytes escaped (base/terminal.hpp).
std::string render_text(const Diagnostics& diagnostics, bool colour = false, const SeverityWords& words = {},
                        base::Lang lang = base::Lang::en);
// A JSON array of diagnostics (see docs/json.md), messages and notes in `lang`.
std::string render_json(const Diagnostics& diagnostics, base::Lang lang = base::Lang::en);

std::string_view to_string(Severity s);

}  // namespace mpadvisor::dsl
