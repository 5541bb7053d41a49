// The `requires` graph of a KB's steps (Boost.Graph), with the few algorithms the checker
// and the engine need: cycle paths, reachability and a topological order.
//
// Vertices are numbered in declaration order and an edge runs from a step to each step it
// requires, so every result is deterministic for a given KB.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::dsl {

struct StepVertex {
  std::string name;
  const ast::Step* step = nullptr;
  const ast::Module* module = nullptr;
};

struct RequiresEdge {
  const ast::Name* written = nullptr;  // where the edge is written in the KB
};

using StepGraphType = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, StepVertex, RequiresEdge>;
using StepId = StepGraphType::vertex_descriptor;

class StepGraph {
 public:
  // Builds the graph; `requires` entries naming no step are left out (the checker reports them).
  explicit StepGraph(const Symbols& symbols);

  const StepGraphType& graph() const { return graph_; }
  std::optional<StepId> find(const std::string& name) const;
  std::size_t size() const { return boost::num_vertices(graph_); }

  // Each cycle as a list of vertices [a, b, c, a]; one list per strongly connected knot.
  std::vector<std::vector<StepId>> cycles() const;
  // Every step `from` needs, directly or not, including `from` itself.
  std::vector<bool> requirements_of(StepId from) const;
  // Required steps before the steps that require them; empty if there is a cycle.
  std::vector<StepId> topological_order() const;

 private:
  StepGraphType graph_;
  std::unordered_map<std::string, StepId> index_;
};

}  // namespace mpadvisor::dsl
