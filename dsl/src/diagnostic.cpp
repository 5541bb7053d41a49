#include "mpadvisor/dsl/diagnostic.hpp"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <tuple>

#include "mpadvisor/base/terminal.hpp"
#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::dsl {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.offset, a.severity) <
           std::tie(b.location.file, b.location.offset, b.severity);
  });
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::append(Diagnostics&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()),
                std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

namespace {

// The caret line repeats the shown line's tabs so the caret lands under the right
// character, and gives wide (CJK) characters two columns. It measures the line as shown:
// escapes of control characters and invalid bytes take their own width.
std::string caret_line(std::string_view line, std::uint32_t column) {
  std::size_t end = 0;
  for (std::uint32_t col = 1; col < column && end < line.size(); ++col) end += base::utf8::decode(line, end).length;
  std::string out;
  std::string const shown = base::safe(line.substr(0, end), base::Keep::tabs);
  base::utf8::for_each(shown, [&](char32_t c, std::size_t, std::size_t) {
    if (c == '\t')
      out += '\t';
    else
      out.append(static_cast<std::size_t>(base::utf8::column_width(c)), ' ');
  });
  out += '^';
  return out;
}

}  // namespace

std::string render_text(const Diagnostics& diagnostics, bool colour, const SeverityWords& words, base::Lang lang) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) {
    const char* tint = d.severity == Severity::error     ? "\033[1;31m"
                       : d.severity == Severity::warning ? "\033[1;35m"
                                                         : "\033[1;36m";
    if (!d.location.file.empty()) {
      out += d.location.file;
      if (d.location.line > 0) out += ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
      out += ": ";
    }
    if (colour) out += tint;
    out += d.severity == Severity::error ? words.error : d.severity == Severity::warning ? words.warning : words.note;
    out += lang == base::Lang::zh ? "：" : ":";
    if (colour) out += "\033[0m";
    out += (lang == base::Lang::zh ? "" : " ") + base::safe(d.message.in(lang));
    if (!d.code.empty()) out += " [" + d.code + "]";
    out += "\n";
    if (d.location.line > 0) {
      out += base::safe(d.source_line, base::Keep::tabs) + "\n";
      out += caret_line(d.source_line, d.location.column) + "\n";
    }
    for (const base::Wording& note : d.notes)
      out += std::string(words.note) + (lang == base::Lang::zh ? "：" : ": ") + base::safe(note.in(lang)) + "\n";
  }
  return out;
}

std::string render_json(const Diagnostics& diagnostics, base::Lang lang) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    nlohmann::ordered_json j;
    j["severity"] = to_string(d.severity);
    j["code"] = d.code;
    j["message"] = d.message.in(lang);
    j["file"] = d.location.file;
    j["line"] = d.location.line;
    j["column"] = d.location.column;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const base::Wording& note : d.notes) notes.push_back(note.in(lang));
    j["notes"] = std::move(notes);
    array.push_back(std::move(j));
  }
  // A diagnostic may quote bytes of a file that is not UTF-8: replaced, never a throw.
  return array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace mpadvisor::dsl
