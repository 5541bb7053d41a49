#include "mpadvisor/dsl/step_graph.hpp"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <set>

namespace mpadvisor::dsl {

StepGraph::StepGraph(const Symbols& symbols) {
  for (const auto& s : symbols.step_order) {
    // A duplicate declaration keeps the first one's vertex (the checker reports the second).
    if (symbols.steps.at(s.decl->name.text).decl != s.decl) continue;
    index_.emplace(s.decl->name.text, boost::add_vertex(StepVertex{s.decl->name.text, s.decl, s.module}, graph_));
  }
  for (StepId v = 0; v < size(); ++v) {
    for (const ast::Name& r : graph_[v].step->requires_) {
      if (auto target = find(r.text)) boost::add_edge(v, *target, RequiresEdge{&r}, graph_);
    }
  }
}

std::optional<StepId> StepGraph::find(const std::string& name) const {
  auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

namespace {

// Records the DFS tree and the back edges, from which cycles are read off.
struct CycleRecorder : boost::default_dfs_visitor {
  std::vector<StepId>* parent;
  std::vector<std::pair<StepId, StepId>>* back_edges;
  template <typename Edge, typename Graph>
  void tree_edge(Edge e, const Graph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  template <typename Edge, typename Graph>
  void back_edge(Edge e, const Graph& g) const {
    back_edges->emplace_back(boost::source(e, g), boost::target(e, g));
  }
};

}  // namespace

std::vector<std::vector<StepId>> StepGraph::cycles() const {
  std::vector<StepId> parent(size());
  for (StepId v = 0; v < size(); ++v) parent[v] = v;
  std::vector<std::pair<StepId, StepId>> back_edges;
  std::vector<boost::default_color_type> colour(size());
  boost::depth_first_search(graph_, CycleRecorder{{}, &parent, &back_edges},
                            boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, graph_)));
  std::vector<std::vector<StepId>> result;
  std::set<std::set<StepId>> seen;
  for (auto [from, to] : back_edges) {
    // The back edge from → to closes the tree path to … from.
    std::vector<StepId> path{from};
    for (StepId v = from; v != to; v = parent[v]) path.push_back(parent[v]);
    std::reverse(path.begin(), path.end());
    path.push_back(to);
    // Start the cycle at its earliest-declared step so the message does not depend on DFS order.
    auto first = std::min_element(path.begin(), path.end() - 1);
    std::vector<StepId> rotated(first, path.end() - 1);
    rotated.insert(rotated.end(), path.begin(), first);
    rotated.push_back(rotated.front());
    if (seen.insert(std::set<StepId>(rotated.begin(), rotated.end())).second) result.push_back(std::move(rotated));
  }
  return result;
}

std::vector<bool> StepGraph::requirements_of(StepId from) const {
  std::vector<bool> reached(size(), false);
  std::vector<StepId> stack{from};
  reached[from] = true;
  while (!stack.empty()) {
    StepId v = stack.back();
    stack.pop_back();
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e) {
      StepId t = boost::target(*e, graph_);
      if (!reached[t]) {
        reached[t] = true;
        stack.push_back(t);
      }
    }
  }
  return reached;
}

std::vector<StepId> StepGraph::topological_order() const {
  if (!cycles().empty()) return {};
  std::vector<StepId> order;
  // Edges point at requirements, so topological_sort's reverse order lists requirements first.
  boost::topological_sort(graph_, std::back_inserter(order));
  return order;
}

}  // namespace mpadvisor::dsl
