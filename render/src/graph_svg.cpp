#include "mpadvisor/render/graph_svg.hpp"

#include <algorithm>
#include <sstream>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"

namespace mpadvisor::render {
namespace {

constexpr int kBoxWidth = 210, kBoxHeight = 46, kColumnGap = 60, kRowGap = 18, kMargin = 20, kLegendHeight = 34;

// Text goes into XML: the five special characters escaped, control characters dropped.
std::string xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
    }
  }
  return out;
}

const char* fill(engine::StepStatus s) {
  switch (s) {
    case engine::StepStatus::done:
      return "#b7e1a1";
    case engine::StepStatus::ready:
      return "#9ecae1";
    case engine::StepStatus::pending:
      return "#eeeeee";
    case engine::StepStatus::blocked:
      return "#fb6a4a";
    case engine::StepStatus::waiting:
      return "#fdd0a2";
    case engine::StepStatus::undetermined:
      return "#fff7bc";
  }
  return "#ffffff";
}

// Cuts a title to what fits a box (about 26 columns), on a character boundary.
std::string fit(const std::string& s, std::size_t columns) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t const len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::size_t const w = len >= 3 ? 2 : 1;
    if (width + w > columns) return out + "…";
    out += s.substr(i, len);
    width += w;
    i += len;
  }
  return out;
}

}  // namespace

std::string step_graph_svg(const engine::Model& m, const engine::Diagnosis* d, const Options& o) {
  const std::size_t n = m.steps().size();
  // Column: the longest chain of requirements before the step.
  std::vector<int> column(n, 0);
  for (engine::StepId s : m.topological_order()) {
    for (engine::StepId r : m.steps()[s].requires_) column[s] = std::max(column[s], column[r] + 1);
  }
  std::vector<int> row(n, 0);
  std::vector<int> rows_in(n + 1, 0);
  for (engine::StepId s : m.topological_order()) row[s] = rows_in[static_cast<std::size_t>(column[s])]++;
  int const columns = n == 0 ? 0 : *std::max_element(column.begin(), column.end()) + 1;
  int const rows = n == 0 ? 0 : *std::max_element(rows_in.begin(), rows_in.end());
  auto x = [&](engine::StepId s) { return kMargin + column[s] * (kBoxWidth + kColumnGap); };
  auto y = [&](engine::StepId s) { return kMargin + row[s] * (kBoxHeight + kRowGap); };
  int const width = std::max(2 * kMargin + columns * (kBoxWidth + kColumnGap) - kColumnGap, 6 * 120 + 2 * kMargin);
  int const height = 2 * kMargin + rows * (kBoxHeight + kRowGap) - kRowGap + kLegendHeight;

  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" font-family=\"sans-serif\">\n";
  out << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
         "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n";
  for (engine::StepId s = 0; s < n; ++s) {
    for (engine::StepId r : m.steps()[s].requires_) {
      out << "<line x1=\"" << x(r) + kBoxWidth << "\" y1=\"" << y(r) + kBoxHeight / 2 << "\" x2=\"" << x(s)
          << "\" y2=\"" << y(s) + kBoxHeight / 2 << "\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>\n";
    }
  }
  for (engine::StepId s : m.topological_order()) {
    const engine::StepInfo& step = m.steps()[s];
    bool const scoped = d && s < d->in_scope.size() && d->in_scope[s];
    std::string const status = scoped ? std::string(engine::to_string(d->status[s])) : "";
    bool const goal = std::find(m.goals().begin(), m.goals().end(), s) != m.goals().end();
    out << "<g data-step=\"" << xml(step.name) << "\"" << (scoped ? " data-status=\"" + status + "\"" : "") << ">";
    out << "<title>" << xml(step.title.get(o.lang)) << " (" << xml(step.name) << ")"
        << (scoped ? " — " + xml(status_word(d->status[s], o.lang)) : "") << "</title>";
    out << "<rect x=\"" << x(s) << "\" y=\"" << y(s) << "\" width=\"" << kBoxWidth << "\" height=\"" << kBoxHeight
        << "\" rx=\"8\" fill=\"" << (scoped ? fill(d->status[s]) : "#ffffff") << "\" stroke=\"#333\" stroke-width=\""
        << (goal ? 3 : 1) << "\"/>";
    out << "<text x=\"" << x(s) + 10 << "\" y=\"" << y(s) + 20 << "\" font-size=\"13\">"
        << xml(fit(step.title.get(o.lang), 28)) << "</text>";
    out << "<text x=\"" << x(s) + 10 << "\" y=\"" << y(s) + 37 << "\" font-size=\"10\" fill=\"#555\">" << xml(step.name)
        << "</text></g>\n";
  }
  if (d) {
    int lx = kMargin;
    int const ly = height - kLegendHeight + 8;
    for (engine::StepStatus s :
         {engine::StepStatus::done, engine::StepStatus::ready, engine::StepStatus::pending, engine::StepStatus::blocked,
          engine::StepStatus::waiting, engine::StepStatus::undetermined}) {
      out << "<rect x=\"" << lx << "\" y=\"" << ly << "\" width=\"14\" height=\"14\" fill=\"" << fill(s)
          << "\" stroke=\"#333\"/><text x=\"" << lx + 20 << "\" y=\"" << ly + 12 << "\" font-size=\"12\">"
          << xml(status_word(s, o.lang)) << "</text>\n";
      lx += 120;
    }
  }
  out << "</svg>\n";
  return out.str();
}

}  // namespace mpadvisor::render
