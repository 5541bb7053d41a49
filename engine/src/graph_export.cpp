#include "mpadvisor/engine/graph_export.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <sstream>

namespace mpadvisor::engine {
namespace {

const char* colour(StepStatus s) {
  switch (s) {
    case StepStatus::done:
      return "#b7e1a1";
    case StepStatus::ready:
      return "#9ecae1";
    case StepStatus::pending:
      return "#eeeeee";
    case StepStatus::blocked:
      return "#fb6a4a";
    case StepStatus::waiting:
      return "#fdd0a2";
    case StepStatus::undetermined:
      return "#fff7bc";
  }
  return "#ffffff";
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string to_dot(const Model& model, Lang lang, const Diagnosis* diagnosis, const StatusLegend* legend) {
  // Edges run from a requirement to the step that needs it, so the picture reads top-down
  // in the order the applicant walks the process.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(model.steps().size());
  for (StepId s = 0; s < model.steps().size(); ++s) {
    for (StepId r : model.steps()[s].requires_) boost::add_edge(r, s, g);
  }
  auto vertex_writer = [&](std::ostream& out, Graph::vertex_descriptor v) {
    const StepInfo& step = model.steps()[v];
    out << "[label=\"" << escape(step.title.get(lang)) << "\\n" << escape(step.name) << "\"";
    if (diagnosis && v < diagnosis->in_scope.size() && diagnosis->in_scope[v]) {
      auto const status = diagnosis->status[v];
      out << ", style=filled, fillcolor=\"" << colour(status) << "\", tooltip=\""
          << (legend != nullptr ? escape((*legend)[static_cast<std::size_t>(status)]) : std::string(to_string(status)))
          << "\"";
    }
    if (std::find(model.goals().begin(), model.goals().end(), v) != model.goals().end()) out << ", peripheries=2";
    out << "]";
  };
  auto graph_writer = [&](std::ostream& out) {
    out << "rankdir=TB;\nnode [shape=box, style=rounded, fontname=\"Noto Sans CJK SC, sans-serif\"];\n";
    if (diagnosis == nullptr || legend == nullptr) return;
    // The legend: one filled box per status, side by side, apart from the steps.
    out << "subgraph cluster_legend {\nstyle=dashed;\nlabel=\"\";\n";
    for (std::size_t s = 0; s < legend->size(); ++s) {
      out << "legend_" << s << " [label=\"" << escape((*legend)[s]) << "\", style=\"rounded,filled\", fillcolor=\""
          << colour(static_cast<StepStatus>(s)) << "\"];\n";
    }
    for (std::size_t s = 0; s + 1 < legend->size(); ++s)
      out << "legend_" << s << " -> legend_" << s + 1 << " [style=invis];\n";
    out << "}\n";
  };
  std::ostringstream out;
  boost::write_graphviz(out, g, vertex_writer, boost::default_writer(), graph_writer);
  return out.str();
}

}  // namespace mpadvisor::engine
