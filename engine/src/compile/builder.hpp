// The compiler's state while it lowers a checked KB into a Model. Each lowering lives in its
// own file (values, conditions, matchers, scenarios); compile.cpp runs them in order.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "compiled.hpp"
#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/dsl/source_map.hpp"

namespace mpadvisor::engine {

namespace ast = dsl::ast;

// The right-hand literal of a comparison, in the form the evaluator compares with.
struct Operand {
  bool boolean = false;
  double number = 0;        // numbers; dates as seconds
  std::int32_t index = -1;  // enum value index, or province index
  std::string compact;      // normalised text for text comparisons
};

// A condition node as the compiler lowers it. Once every condition is lowered and laid out,
// each becomes a HotNode and a ColdNode (compiled.hpp), and the interview's tables read the
// literals; the model keeps none of these. A 10,000-rule KB has about 100,000 of them, so what
// few nodes have lives beside them (children, literal lists): with every list and the
// operand's text inline they were the largest block of the compiler's peak memory.
struct CondNode {
  CondKind kind = CondKind::constant;
  CompareOp op = CompareOp::eq;
  Function left_fn = Function::none;
  Function right_fn = Function::none;
  bool truth = false;             // constant
  bool right_is_text = false;     // compare: the right operand is a literal string
  bool right_boolean = false;     // compare: the right operand when it is a literal (Operand)
  std::int32_t right_index = -1;  // …
  double right_number = 0;        // …
  FactId fact = kNone;            // subject or left operand's fact
  FactId right_fact = kNone;      // right operand when it is a function call
  std::uint32_t target = kNone;   // term list, step or alternatives
  // all / any / negation: ModelBuilder::children_[first_child, first_child + child_count)
  std::uint32_t first_child = 0, child_count = 0;
  // has / in over texts or numbers, a text compared with: ModelBuilder::literals_[literals]
  std::uint32_t literals = kNone;
  std::uint64_t mask = 0;  // has / in over enum values
  // The KB's text of this sub-condition: ModelBuilder::texts_[text_begin, text_begin + text_size).
  // Formatted when lowered, so that the syntax tree can go before the nodes are laid out.
  std::uint32_t text_begin = 0, text_size = 0;
};
static_assert(sizeof(CondNode) <= 64, "a lowered node is one cache line; what few nodes have lives beside them");

class ModelBuilder {
 public:
  // With `tree` (the checked KB's own, writable: CheckedKb::sole_tree), each part of the syntax
  // tree is freed once lowered, and the whole of it before the nodes are laid out.
  explicit ModelBuilder(const dsl::CheckedKb& checked, dsl::KnowledgeBase* tree = nullptr);
  std::shared_ptr<const Model> build();

 private:
  // compile.cpp: declarations in KB order
  void version();
  void facts();
  void steps();
  void alternatives();
  void causes();
  void rules();
  void calendar();
  void reserve_nodes();  // before the first condition is lowered
  void release_tree();   // once every declaration is lowered
  static void return_free_pages();
  static constexpr std::size_t kRulesBetweenTrims = 1000;

  // lower_values.cpp: texts, sources, literals, durations and costs
  static Text text_of(const ast::Text& t);
  std::vector<Source> sources_of(const std::vector<ast::Source>& sources) const;
  Literal literal_of(const ast::Value& v) const;
  static std::optional<Duration> duration_of(const ast::Optional<ast::DurationRange>& d);
  static std::optional<Cost> cost_of(const ast::Optional<ast::Cost>& c);
  SourceLocation locate(const ast::Module* m, ast::Span span) const;

  // lower_conditions.cpp: conditions into flat nodes
  std::uint32_t condition(const ast::Expr& e);
  std::uint32_t node(const ast::Expr& e, std::set<FactId>& facts);
  Operand operand(const ast::Value& v, FactId fact, Function fn);
  void lay_out_nodes();  // once every condition is lowered: the order a diagnosis reads them
  void hot_nodes();      // then the model's hot and cold halves of each
  void release_nodes();  // once nothing reads the builder's nodes

  // lower_matchers.cpp: term lists, regions and message patterns into matchers
  void term_lists();
  void regions();
  void pattern(CauseId cause, const ast::Pattern& p);
  void pattern_tables();

  // lower_interview.cpp: the answers worth trying for each fact, and the rules reading it.
  // What the conditions say about one fact, the literals it is compared with, is read from the
  // builder's nodes, which go before the model is finished.
  struct FactLiterals {
    std::set<double> numbers;           // compared directly, or through width() / count()
    std::set<double> width_thresholds;  // width(F) op N
    std::set<double> count_thresholds;  // count(F) op N
    std::set<std::int64_t> offsets;     // as_of + offset seconds (days_since, hours_since, days_until)
    std::set<std::int64_t> times;       // absolute times compared with
    std::set<std::string> texts;        // texts compared with, terms searched for
    bool region = false;                // province() or mentions_region() reads it
  };
  void interview_literals();  // after hot_nodes(), while the nodes are here
  void interview_tables();    // after Model::finish()

  // lower_scenarios.cpp: scenarios with their baselines merged in
  void scenarios();
  Expectation expectation(const ast::Expectation& e) const;
  Given given(const ast::Assignment& a) const;

  // With a tree to free: every declaration of a kind emptied, once lowered and read by nothing
  // after, so that what the model takes next reuses its memory.
  template <typename Decl>
  void release_all() {
    if (tree_ == nullptr) return;
    each_owned<Decl>([](Decl& d, const ast::Module&) { d = Decl(); });
    return_free_pages();
  }

  // Each declaration of a kind, writable: only with a tree to free.
  template <typename Decl, typename Fn>
  void each_owned(Fn&& fn) {
    for (ast::Module& m : tree_->modules) {
      for (ast::Declaration& d : m.declarations) {
        if (auto* decl = std::get_if<Decl>(&d)) fn(*decl, m);
      }
    }
  }

  template <typename Decl, typename Fn>
  void each(Fn&& fn) {
    for (const ast::Module& m : kb_.modules) {
      for (const ast::Declaration& d : m.declarations) {
        if (const auto* decl = std::get_if<Decl>(&d)) fn(*decl, m);
      }
    }
  }

  FactId fact_id(const ast::Name& n) const { return id_of(fact_index_, n, "fact"); }
  StepId step_id(const ast::Name& n) const { return id_of(step_index_, n, "step"); }
  CauseId cause_id(const ast::Name& n) const { return id_of(cause_index_, n, "cause"); }
  // The checker resolved every name; a miss here is a bug in the checker, not in the KB.
  static std::uint32_t id_of(const std::map<std::string, std::uint32_t, std::less<>>& index, const ast::Name& n,
                             const char* kind);

  const dsl::CheckedKb& checked_;
  const dsl::KnowledgeBase& kb_;
  dsl::KnowledgeBase* tree_;  // the same, to free as it is lowered (or null: someone else's)
  const dsl::Symbols& symbols_;
  std::shared_ptr<Model> model_;
  std::map<const ast::Module*, dsl::SourceMap> maps_;
  std::map<std::string, std::uint32_t, std::less<>> fact_index_, step_index_, cause_index_, term_index_,
      alternatives_index_;
  std::map<std::string, std::int32_t, std::less<>> province_index_;
  LiteralTable pattern_literals_;
  std::vector<CondNode> nodes_;              // every condition's nodes, lowered (lower_conditions.cpp)
  std::vector<std::uint32_t> children_;      // CondNode::first_child
  std::vector<NodeLiterals> literals_;       // CondNode::literals
  std::vector<char> texts_;                  // CondNode::text_begin
  std::vector<FactLiterals> fact_literals_;  // by fact id (lower_interview.cpp)
};

}  // namespace mpadvisor::engine
