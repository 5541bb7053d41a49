// Satisfiability, a part of the conditions pass: no chain of `and`s asks one fact for two incompatible things
// (`x == a and x == b`, `x == a and x != a`, `F and not F`, `x in [a, b] and x == c`,
// `not known(x) and x == a`). Such a condition can never be true, which in a KB is almost
// always a typo. Parentheses do not hide it: `(known(x) and x == a) and (known(x) and
// x == b)` is one chain of four tests. A warning, not an error: the rule is harmless (it
// never fires, which `kb test --require-coverage` reports too) and generated KBs have them.
#include <map>
#include <optional>
#include <set>

#include "check/context.hpp"
#include "mpadvisor/dsl/parse.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

// A literal reduced to what equality between literals depends on.
std::string literal_key(const ast::Value& v) {
  switch (v.kind) {
    case ast::ValueKind::boolean:
      return v.boolean ? "b:true" : "b:false";
    case ast::ValueKind::number:
      return "n:" + std::to_string(v.number);
    case ast::ValueKind::date:
      return "d:" + std::to_string(v.date.year) + "-" + std::to_string(v.date.month) + "-" +
             std::to_string(v.date.day) + "T" + std::to_string(v.date.hour) + ":" + std::to_string(v.date.minute);
    default:
      return "t:" + v.text;  // strings and symbols (enum values) alike
  }
}

// What the tests of one chain ask of one fact.
struct FactDemands {
  const ast::Expr* equal = nullptr;  // first `x == v`
  std::string equal_key;
  std::vector<std::pair<const ast::Expr*, std::string>> not_equal;         // `x != v`
  std::vector<std::pair<const ast::Expr*, std::set<std::string>>> one_of;  // `x in [...]`
  const ast::Expr* unknown = nullptr;                                      // `not known(x)`
  const ast::Expr* known = nullptr;                                        // `known(x)`
  const ast::Expr* reads = nullptr;                                        // any test of x's value
};

class ChainChecker {
 public:
  ChainChecker(CheckContext& cx, const ast::Module& m) : cx_(cx), m_(m) {}

  // Checks every maximal `and` chain inside the condition.
  void visit(const ast::Expr& e, bool inside_chain = false) {
    if (e.kind == ast::ExprKind::all && !inside_chain) check_chain(e);
    for (const ast::Expr& op : e.operands) visit(op, e.kind == ast::ExprKind::all && op.kind == ast::ExprKind::all);
  }

 private:
  void check_chain(const ast::Expr& chain) {
    std::vector<std::pair<const ast::Expr*, bool>> tests;  // (test, negated)
    flatten(chain, tests);
    std::map<std::string, FactDemands> demands;
    for (const auto& [test, negated] : tests) {
      if (auto conflict = add(demands, *test, negated)) return report(chain, *conflict);
    }
  }

  static void flatten(const ast::Expr& e, std::vector<std::pair<const ast::Expr*, bool>>& out) {
    if (e.kind == ast::ExprKind::all) {
      for (const ast::Expr& op : e.operands) flatten(op, out);
    } else if (e.kind == ast::ExprKind::negation && e.operands.size() == 1 &&
               e.operands.front().kind != ast::ExprKind::all && e.operands.front().kind != ast::ExprKind::any &&
               e.operands.front().kind != ast::ExprKind::negation) {
      out.emplace_back(&e.operands.front(), true);
    } else {
      out.emplace_back(&e, false);
    }
  }

  struct Conflict {
    std::string fact;
    const ast::Expr* first;
    const ast::Expr* second;
  };

  // Records what one test asks; returns the conflict it creates, if any.
  std::optional<Conflict> add(std::map<std::string, FactDemands>& all, const ast::Expr& t, bool negated) {
    std::string const fact = fact_read(t);
    if (fact.empty()) return std::nullopt;
    FactDemands& d = all[fact];
    auto conflict = [&](const ast::Expr* earlier) { return std::optional<Conflict>(Conflict{fact, earlier, &t}); };
    if (t.kind == ast::ExprKind::known) {
      if (!negated) {
        if (d.unknown) return conflict(d.unknown);
        d.known = &t;
      } else {
        if (d.reads || d.known) return conflict(d.reads ? d.reads : d.known);
        d.unknown = &t;
      }
      return std::nullopt;
    }
    if (d.unknown) return conflict(d.unknown);
    if (!d.reads) d.reads = &t;
    // A bool fact used bare is `x == true`; `not x` is `x == false`.
    if (t.kind == ast::ExprKind::fact) return equal(d, t, negated ? "b:false" : "b:true", fact);
    if (t.kind == ast::ExprKind::compare && t.left().kind == ast::Operand::Kind::fact &&
        t.right().kind == ast::Operand::Kind::value && (t.op == ast::CompareOp::eq || t.op == ast::CompareOp::ne)) {
      bool const is_equal = (t.op == ast::CompareOp::eq) != negated;
      std::string const key = literal_key(t.right().value);
      return is_equal ? equal(d, t, key, fact) : not_equal(d, t, key, fact);
    }
    if (t.kind == ast::ExprKind::in && !negated) {
      std::set<std::string> keys;
      for (const ast::Value& v : t.values()) keys.insert(literal_key(v));
      if (d.equal && !keys.count(d.equal_key)) return conflict(d.equal);
      for (const auto& entry : d.one_of) {
        const std::set<std::string>& other_keys = entry.second;
        bool const overlap =
            std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return other_keys.count(k) > 0; });
        if (!overlap) return conflict(entry.first);
      }
      d.one_of.emplace_back(&t, std::move(keys));
    }
    return std::nullopt;
  }

  static std::optional<Conflict> equal(FactDemands& d, const ast::Expr& t, const std::string& key,
                                       const std::string& fact) {
    if (d.equal && d.equal_key != key) return Conflict{fact, d.equal, &t};
    for (const auto& [ne, ne_key] : d.not_equal) {
      if (ne_key == key) return Conflict{fact, ne, &t};
    }
    for (const auto& [in, keys] : d.one_of) {
      if (!keys.count(key)) return Conflict{fact, in, &t};
    }
    if (!d.equal) {
      d.equal = &t;
      d.equal_key = key;
    }
    return std::nullopt;
  }

  static std::optional<Conflict> not_equal(FactDemands& d, const ast::Expr& t, const std::string& key,
                                           const std::string& fact) {
    if (d.equal && d.equal_key == key) return Conflict{fact, d.equal, &t};
    d.not_equal.emplace_back(&t, key);
    return std::nullopt;
  }

  // The fact a test reads, or "" for tests of no single fact (constants, done(), …).
  std::string fact_read(const ast::Expr& t) const {
    switch (t.kind) {
      case ast::ExprKind::fact:
      case ast::ExprKind::known:
      case ast::ExprKind::contains_any:
      case ast::ExprKind::is_any:
      case ast::ExprKind::has:
      case ast::ExprKind::in:
      case ast::ExprKind::mentions_region:
        return t.subject.text;
      case ast::ExprKind::compare:
        return t.left().fact.text;
      case ast::ExprKind::satisfied: {
        auto it = cx_.symbols.alternatives.find(t.subject.text);
        return it == cx_.symbols.alternatives.end() ? "" : it->second.decl->fact.text;
      }
      default:
        return "";
    }
  }

  void report(const ast::Expr& chain, const Conflict& c) {
    Diagnostic& d = cx_.report(m_, chain.span, Severity::warning, code::kNeverTrue,
                               base::word("this condition can never be true: it asks for two different things of '{0}'",
                                          "这个条件永远不会成立：它对“{0}”提出了两个互相矛盾的要求", c.fact));
    for (const ast::Expr* e : {c.first, c.second}) {
      std::string const text = m_.text.substr(e->span.begin, e->span.end - e->span.begin);
      d.notes.push_back(base::word("'{0}' at {1}", "“{0}”，位于 {1}", text, cx_.where(m_, e->span)));
    }
  }

  CheckContext& cx_;
  const ast::Module& m_;
};

}  // namespace

void check_condition_chains(CheckContext& cx, const ast::Module& m, const ast::Expr& condition) {
  ChainChecker(cx, m).visit(condition);
}

}  // namespace mpadvisor::dsl::check_detail
