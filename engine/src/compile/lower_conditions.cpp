// Lowering conditions into flat nodes with their literals pre-converted: enum values to
// indices, dates to seconds, texts to normalised form, option sets to bit masks.
#include <stdexcept>

#include "compile/builder.hpp"
#include "mpadvisor/dsl/format.hpp"
#include "mpadvisor/engine/normalize.hpp"

namespace mpadvisor::engine {

namespace {

Function function_of(const std::string& name) {
  if (name == "province") return Function::province;
  if (name == "hours_since") return Function::hours_since;
  if (name == "days_since") return Function::days_since;
  if (name == "days_until") return Function::days_until;
  if (name == "width") return Function::width;
  if (name == "count") return Function::count;
  return Function::none;
}

// The engine's kinds follow the language's one for one.
CondKind kind_of(ast::ExprKind k) {
  static constexpr CondKind kKinds[] = {CondKind::constant,     CondKind::fact,           CondKind::all,
                                        CondKind::any,          CondKind::negation,       CondKind::compare,
                                        CondKind::contains_any, CondKind::is_any,         CondKind::has,
                                        CondKind::in,           CondKind::known,          CondKind::done,
                                        CondKind::satisfied,    CondKind::mentions_region};
  return kKinds[static_cast<int>(k)];
}

CompareOp op_of(ast::CompareOp op) {
  static constexpr CompareOp kOps[] = {CompareOp::eq, CompareOp::ne, CompareOp::lt,
                                       CompareOp::le, CompareOp::gt, CompareOp::ge};
  return kOps[static_cast<int>(op)];
}

}  // namespace

std::uint32_t ModelBuilder::condition(const ast::Expr& e) {
  CompiledConditions& cc = *model_->conditions_;
  std::set<FactId> facts;
  std::size_t const first = nodes_.size();  // a condition's nodes are contiguous
  std::uint32_t const root = node(e, facts);
  cc.roots.push_back(root);
  cc.facts_of.emplace_back(facts.begin(), facts.end());
  std::set<FactId> known;
  for (std::size_t i = first; i < nodes_.size(); ++i) {
    if (nodes_[i].kind == CondKind::known) known.insert(nodes_[i].fact);
  }
  cc.known_facts_of.emplace_back(known.begin(), known.end());
  return static_cast<std::uint32_t>(cc.roots.size() - 1);
}

Operand ModelBuilder::operand(const ast::Value& v, FactId fact, Function fn) {
  Operand out;
  out.boolean = v.boolean;
  out.number = v.number;
  if (fn == Function::province) {
    auto it = province_index_.find(normalize_compact(v.text));
    out.index = it == province_index_.end() ? -2 : it->second;  // -2 never equals a profile's province
    return out;
  }
  if (v.kind == ast::ValueKind::date) out.number = static_cast<double>(literal_of(v).time);
  if (fact != kNone && fn == Function::none) {
    const FactInfo& f = model_->facts_[fact];
    auto it = std::find(f.values.begin(), f.values.end(), v.text);
    if (it != f.values.end()) out.index = static_cast<std::int32_t>(it - f.values.begin());
  }
  if (v.kind == ast::ValueKind::string) out.compact = normalize_compact(v.text);
  return out;
}

std::uint32_t ModelBuilder::node(const ast::Expr& e, std::set<FactId>& facts) {
  CondNode n;
  n.kind = kind_of(e.kind);
  n.op = op_of(e.op);
  n.truth = e.truth;
  std::string const written = dsl::format_condition(e);
  n.text_begin = static_cast<std::uint32_t>(texts_.size());
  n.text_size = static_cast<std::uint32_t>(written.size());
  texts_.insert(texts_.end(), written.begin(), written.end());
  auto subject_fact = [&] {
    n.fact = fact_id(e.subject);
    facts.insert(n.fact);
  };
  switch (e.kind) {
    case ast::ExprKind::constant:
      break;
    case ast::ExprKind::all:
    case ast::ExprKind::any:
    case ast::ExprKind::negation: {
      std::vector<std::uint32_t> children;  // each child's own nodes are lowered in between
      children.reserve(e.operands.size());
      for (const ast::Expr& op : e.operands) children.push_back(node(op, facts));
      n.first_child = static_cast<std::uint32_t>(children_.size());
      n.child_count = static_cast<std::uint32_t>(children.size());
      children_.insert(children_.end(), children.begin(), children.end());
      break;
    }
    case ast::ExprKind::fact:
    case ast::ExprKind::known:
      subject_fact();
      break;
    case ast::ExprKind::mentions_region:
      subject_fact();
      model_->tables_->fact_needs_regions[n.fact] = true;
      break;
    case ast::ExprKind::contains_any:
    case ast::ExprKind::is_any:
      subject_fact();
      n.target = term_index_.at(e.list().text);
      break;
    case ast::ExprKind::has:
    case ast::ExprKind::in: {
      subject_fact();
      const FactInfo& f = model_->facts_[n.fact];
      NodeLiterals listed;
      for (const ast::Value& v : e.values()) {
        auto it = std::find(f.values.begin(), f.values.end(), v.text);
        if (it != f.values.end()) n.mask |= 1ull << (it - f.values.begin());
        if (v.kind == ast::ValueKind::string) listed.texts.push_back(normalize_compact(v.text));
        if (v.kind == ast::ValueKind::number) listed.numbers.push_back(v.number);
      }
      if (!listed.texts.empty() || !listed.numbers.empty()) {
        n.literals = static_cast<std::uint32_t>(literals_.size());
        literals_.push_back(std::move(listed));
      }
      break;
    }
    case ast::ExprKind::done:
      n.target = step_id(e.subject);
      break;
    case ast::ExprKind::satisfied: {
      n.target = alternatives_index_.at(e.subject.text);
      n.fact = model_->alternatives_[n.target].fact;
      facts.insert(n.fact);
      break;
    }
    case ast::ExprKind::compare: {
      n.fact = fact_id(e.left().fact);
      facts.insert(n.fact);
      n.left_fn = e.left().kind == ast::Operand::Kind::call ? function_of(e.left().function) : Function::none;
      if (e.right().kind == ast::Operand::Kind::call) {
        n.right_fn = function_of(e.right().function);
        n.right_fact = fact_id(e.right().fact);
        facts.insert(n.right_fact);
      } else {
        Operand right = operand(e.right().value, n.left_fn == Function::none ? n.fact : kNone, n.left_fn);
        n.right_boolean = right.boolean;
        n.right_index = right.index;
        n.right_number = right.number;
        n.right_is_text = e.right().value.kind == ast::ValueKind::string;
        if (n.right_is_text) {
          n.literals = static_cast<std::uint32_t>(literals_.size());
          literals_.push_back({{std::move(right.compact)}, {}});
        }
      }
      for (FactId f : {n.fact, n.right_fact}) {
        if (f != kNone && (n.left_fn == Function::province || n.right_fn == Function::province)) {
          model_->tables_->fact_needs_regions[f] = true;
        }
      }
      break;
    }
  }
  nodes_.push_back(n);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

// Renumbers the nodes into the order compiled.hpp describes (HotNode): a diagnosis then walks
// each step's conditions through consecutive memory instead of jumping across the whole KB.
void ModelBuilder::lay_out_nodes() {
  CompiledConditions& cc = *model_->conditions_;
  std::vector<std::uint32_t> order;  // new index → old index
  order.reserve(nodes_.size());
  std::vector<bool> placed(cc.roots.size(), false);
  auto place = [&](std::uint32_t condition) {
    if (placed[condition]) return;
    placed[condition] = true;
    std::size_t next = order.size();
    order.push_back(cc.roots[condition]);
    for (; next < order.size(); ++next) {  // breadth first: each node's children side by side
      const CondNode& n = nodes_[order[next]];
      order.insert(order.end(), children_.begin() + n.first_child, children_.begin() + n.first_child + n.child_count);
    }
  };
  for (StepId s : model_->topo_) {
    const StepInfo& step = model_->steps_[s];
    if (step.done_when >= 0) place(static_cast<std::uint32_t>(step.done_when));
    for (RuleId r : step.rules) place(model_->rules_[r].condition);
  }
  for (std::uint32_t c = 0; c < cc.roots.size(); ++c) place(c);
  if (order.size() != nodes_.size()) throw std::logic_error("a condition node belongs to no condition");

  std::vector<std::uint32_t> renumbered(order.size());  // old index → new index
  for (std::uint32_t i = 0; i < order.size(); ++i) renumbered[order[i]] = i;
  for (std::uint32_t& child : children_) child = renumbered[child];
  for (std::uint32_t& root : cc.roots) root = renumbered[root];
  // The nodes moved to their new places in place, one cycle of the permutation at a time: a
  // second array of them was the compiler's largest block at its peak.
  std::vector<std::uint32_t>& target = renumbered;
  for (std::uint32_t i = 0; i < target.size(); ++i) {
    while (target[i] != i) {
      std::uint32_t const j = target[i];
      std::swap(nodes_[i], nodes_[j]);
      std::swap(target[i], target[j]);
    }
  }
}

// Each node's two halves in the model (compiled.hpp): what the evaluator walks, and what
// explanations and the rarer tests read.
void ModelBuilder::hot_nodes() {
  CompiledConditions& cc = *model_->conditions_;
  std::vector<HotNode> hot;
  hot.reserve(nodes_.size());
  std::vector<ColdNode> cold;
  cold.reserve(nodes_.size());
  std::vector<char> text;
  text.reserve(texts_.size());
  cc.literals.clear();
  for (const CondNode& n : nodes_) {
    ColdNode c;
    c.text_begin = static_cast<std::uint32_t>(text.size());
    c.text_size = n.text_size;
    text.insert(text.end(), texts_.begin() + n.text_begin, texts_.begin() + n.text_begin + n.text_size);
    c.target = n.target;
    if (n.literals != kNone) {
      c.literals = static_cast<std::uint32_t>(cc.literals.size());
      cc.literals.push_back(std::move(literals_[n.literals]));
    }
    cold.push_back(c);
    HotNode h;
    h.kind = n.kind;
    h.op = n.op;
    h.set_functions(n.left_fn, n.right_fn);
    h.fact = n.fact;
    if (n.fact != kNone) h.type = model_->facts_[n.fact].type;
    switch (n.kind) {
      case CondKind::constant:
        h.b = n.truth ? 1 : 0;
        break;
      case CondKind::all:
      case CondKind::any:
      case CondKind::negation:
        h.a = n.child_count == 0 ? 0 : children_[n.first_child];  // consecutive (lay_out_nodes)
        h.b = n.child_count;
        break;
      case CondKind::done:
      case CondKind::contains_any:
      case CondKind::is_any:
        h.a = n.target;
        break;
      case CondKind::satisfied:
        h.literal.mask = model_->alternatives_[n.target].option_mask;
        break;
      case CondKind::has:
      case CondKind::in:
        h.literal.mask = n.mask;
        break;
      case CondKind::compare:
        h.a = n.right_fact;
        if (n.right_fact != kNone) break;
        {
          // An index for province() and enum facts, 0/1 for bool facts; otherwise the number
          // (numbers, dates in seconds, other functions). Texts compare the full node's text.
          bool const by_index =
              n.left_fn == Function::province || (n.left_fn == Function::none && h.type == FactType::enumeration);
          bool const by_truth = n.left_fn == Function::none && h.type == FactType::boolean;
          h.literal.number = by_index ? n.right_index : by_truth ? (n.right_boolean ? 1 : 0) : n.right_number;
        }
        break;
      case CondKind::fact:
      case CondKind::known:
      case CondKind::mentions_region:
        break;
    }
    hot.push_back(h);
  }
  cc.hot = std::move(hot);
  cc.cold = std::move(cold);
  cc.text = std::move(text);
  // Moved-from or copied: their memory goes now (`= {}` would keep a vector's capacity).
  texts_ = std::vector<char>();
  literals_ = std::vector<NodeLiterals>();
}

// The nodes, once hot_nodes() and interview_literals() have read them: the largest of the
// builder's arrays, which would otherwise last until the model is finished.
void ModelBuilder::release_nodes() {
  nodes_ = std::vector<CondNode>();
  children_ = std::vector<std::uint32_t>();
  return_free_pages();
}

}  // namespace mpadvisor::engine
