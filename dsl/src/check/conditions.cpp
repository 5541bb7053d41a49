// The conditions pass: every test is well typed for the fact it reads (here), and no `and`
// chain asks one fact for two incompatible things (satisfiable.cpp).
#include "check/context.hpp"
#include "check/types.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/parse.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

// The type of what an operand yields, for comparisons.
enum class Yield { none, boolean, number, text, enumeration, date, region, collection };

class ConditionChecker {
 public:
  ConditionChecker(CheckContext& cx, const ast::Module& m) : cx_(cx), m_(m) {}

  void check(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::constant:
        return;
      case ast::ExprKind::all:
      case ast::ExprKind::any:
      case ast::ExprKind::negation:
        for (const ast::Expr& op : e.operands) check(op);
        return;
      case ast::ExprKind::fact:
        if (const ast::Fact* f = fact(e.subject); f && f->type != ast::FactType::boolean) {
          error(e.subject.span,
                base::word("'{0}' is a {1} fact, not a condition; compare it (==, <, …) or test it (has, contains_any, "
                           "known)",
                           "“{0}”是 {1} 类型的事实，不是条件；请比较它（==、< 等）或检验它（has、contains_any、known）",
                           f->name.text, describe(f->type)));
        }
        return;
      case ast::ExprKind::compare:
        return check_compare(e);
      case ast::ExprKind::contains_any:
      case ast::ExprKind::is_any:
        if (const ast::Fact* f = fact(e.subject);
            f && f->type != ast::FactType::text && f->type != ast::FactType::text_list) {
          error(e.subject.span, base::word("text operation on '{0}', a {1} fact", "对 {1} 类型的事实“{0}”做了文本操作",
                                           f->name.text, describe(f->type)));
        }
        if (!e.list().empty() && !cx_.symbols.terms.count(e.list().text)) {
          cx_.report_undefined(m_, e.list(), "term list", cx_.symbols.terms);
        }
        return;
      case ast::ExprKind::has:
        if (const ast::Fact* f = fact(e.subject)) {
          if (f->type != ast::FactType::enum_set && f->type != ast::FactType::text_list) {
            error(e.subject.span,
                  base::word("'has' tests a set or list; '{0}' is a {1} fact",
                             "has 检验集合或列表；“{0}”是 {1} 类型的事实", f->name.text, describe(f->type)));
          } else {
            for (const ast::Value& v : e.values()) value(*f, v, true);
          }
        }
        return;
      case ast::ExprKind::in:
        if (const ast::Fact* f = fact(e.subject)) {
          if (f->type != ast::FactType::enumeration && f->type != ast::FactType::text &&
              f->type != ast::FactType::number) {
            error(e.subject.span,
                  base::word("'in' tests an enum, text or number; '{0}' is a {1} fact",
                             "in 检验枚举、文本或数字；“{0}”是 {1} 类型的事实", f->name.text, describe(f->type)));
          } else {
            for (const ast::Value& v : e.values()) value(*f, v);
          }
        }
        return;
      case ast::ExprKind::known:
        fact(e.subject);
        return;
      case ast::ExprKind::done:
        if (!cx_.symbols.steps.count(e.subject.text)) cx_.report_undefined(m_, e.subject, "step", cx_.symbols.steps);
        return;
      case ast::ExprKind::satisfied:
        if (!cx_.symbols.alternatives.count(e.subject.text)) {
          cx_.report_undefined(m_, e.subject, "alternatives", cx_.symbols.alternatives);
        }
        return;
      case ast::ExprKind::mentions_region:
        if (const ast::Fact* f = fact(e.subject); f && f->type != ast::FactType::text) {
          error(e.subject.span,
                base::word("mentions_region() takes a text fact; '{0}' is a {1}",
                           "mentions_region() 只接受 text 事实；“{0}”是 {1}", f->name.text, describe(f->type)));
        }
        return;
    }
  }

 private:
  const ast::Fact* fact(const ast::Name& name) {
    auto it = cx_.symbols.facts.find(name.text);
    if (it != cx_.symbols.facts.end()) return it->second.decl;
    cx_.report_undefined(m_, name, "fact", cx_.symbols.facts);
    return nullptr;
  }

  void error(ast::Span at, base::Wording message) {
    cx_.report(m_, at, Severity::error, code::kTypeMismatch, std::move(message));
  }

  void value(const ast::Fact& f, const ast::Value& v, bool element = false) {
    if (v.kind == ast::ValueKind::date && !cx_.valid_date(m_, v.span, v.date)) return;
    if (base::Wording why = value_mismatch(f, v, element); !why.en.empty()) error(v.span, why);
  }

  Yield yield_of_call(const ast::Operand& op) {
    const ast::Fact* f = fact(op.fact);
    if (!f) return Yield::none;
    auto require = [&](bool ok, const base::Wording& wants) {
      if (!ok)
        error(op.fact.span, base::word("{0}() takes {1}; '{2}' is a {3}", "{0}() 只接受{1}；“{2}”是 {3}", op.function,
                                       wants, f->name.text, describe(f->type)));
      return ok;
    };
    base::Wording const text_fact{"a text fact", " text 事实"};
    if (op.function == "province")
      return require(f->type == ast::FactType::text, text_fact) ? Yield::region : Yield::none;
    if (op.function == "width") return require(f->type == ast::FactType::text, text_fact) ? Yield::number : Yield::none;
    if (op.function == "count") {
      return require(f->type == ast::FactType::text_list || f->type == ast::FactType::enum_set,
                     {"a list or set fact", " list 或 set 事实"})
                 ? Yield::number
                 : Yield::none;
    }
    // hours_since, days_since, days_until
    return require(f->type == ast::FactType::date || f->type == ast::FactType::datetime,
                   {"a date or datetime fact", " date 或 datetime 事实"})
               ? Yield::number
               : Yield::none;
  }

  void check_compare(const ast::Expr& e) {
    const bool ordering = e.op != ast::CompareOp::eq && e.op != ast::CompareOp::ne;
    if (e.left().kind == ast::Operand::Kind::call) {
      Yield const left = yield_of_call(e.left());
      if (left == Yield::none) return;
      if (e.right().kind == ast::Operand::Kind::call) {
        Yield const right = yield_of_call(e.right());
        if (right != Yield::none && right != left)
          error(e.right().span, {"the two sides of the comparison have different types", "比较的两边类型不同"});
      } else if (left == Yield::number && e.right().value.kind != ast::ValueKind::number) {
        error(e.right().value.span,
              base::word("{0}() is a number; expected a number, not {1}", "{0}() 的结果是数字；这里应为数字，而不是{1}",
                         e.left().function, describe(e.right().value)));
      } else if (left == Yield::region) {
        if (e.right().value.kind != ast::ValueKind::string && e.right().value.kind != ast::ValueKind::symbol) {
          error(e.right().value.span, {"province() is compared with a province name or another province()",
                                       "province() 只能与省份名称或另一个 province() 比较"});
        } else if (e.right().value.kind == ast::ValueKind::symbol &&
                   !cx_.symbols.provinces.count(e.right().value.text)) {
          ast::Name n;
          n.text = e.right().value.text;
          n.span = e.right().value.span;
          cx_.report_undefined(m_, n, "province", cx_.symbols.provinces);
        }
      }
      if (left == Yield::region && ordering)
        error(e.span, {"provinces can only be compared with == and !=", "省份只能用 == 和 != 比较"});
      return;
    }
    const ast::Fact* f = fact(e.left().fact);
    if (!f) return;
    if (f->type == ast::FactType::text_list || f->type == ast::FactType::enum_set) {
      error(e.left().span,
            base::word("'{0}' is a {1}; test its items with 'has' or count({0})",
                       "“{0}”是 {1}；请用 has 或 count({0}) 检验其中的项", f->name.text, describe(f->type)));
      return;
    }
    if (e.right().kind == ast::Operand::Kind::call) {
      error(e.right().span, {"compare a function with a function of the same type, or a fact with a value",
                             "函数只能与同类型的函数比较，事实只能与值比较"});
      return;
    }
    value(*f, e.right().value);
    if (ordering && (f->type == ast::FactType::boolean || f->type == ast::FactType::text ||
                     f->type == ast::FactType::enumeration)) {
      error(e.span, base::word("'{0}' is a {1} fact: only == and != apply",
                               "“{0}”是 {1} 类型的事实：只能用 == 和 !=", f->name.text, describe(f->type)));
    }
  }

  CheckContext& cx_;
  const ast::Module& m_;
};

}  // namespace

void check_condition_types(CheckContext& cx, const ast::Module& m, const ast::Expr& condition) {
  ConditionChecker(cx, m).check(condition);
}

// Both checks on each condition in turn: a rule's condition kept as text is parsed once for
// them (rule_condition), where two passes parsed it once each. Types are checked on the
// declaration that holds a name (a duplicate is reported once, by the duplicates pass); chains
// on every declaration.
void check_conditions(CheckContext& cx) {
  auto both = [&](const ast::Module& m, const ast::Expr& condition, bool holds_name) {
    if (holds_name) check_condition_types(cx, m, condition);
    check_condition_chains(cx, m, condition);
  };
  ast::Expr condition;  // one rule's at a time
  for (const auto& d : cx.symbols.rule_order) {
    bool const holds_name = cx.symbols.rules.at(d.decl->name.text).decl == d.decl;
    if (d.decl->condition.span.end == 0) {
      if (holds_name) {
        cx.report(*d.module, d.decl->name.span, Severity::error, code::kMissingProperty,
                  base::word("rule '{0}' has no condition; add `when …`", "规则“{0}”没有条件；请加上 `when …`",
                             d.decl->name.text));
      }
      continue;
    }
    both(*d.module, rule_condition(*d.module, *d.decl, condition), holds_name);
  }
  for (const auto& d : cx.symbols.step_order) {
    if (d.decl->done_when) both(*d.module, *d.decl->done_when, cx.symbols.steps.at(d.decl->name.text).decl == d.decl);
  }
  for (const auto& [name, d] : cx.symbols.causes) {
    for (const ast::Fix& f : d.decl->fixes) {
      if (f.guard) both(*d.module, *f.guard, true);
    }
  }
}

}  // namespace mpadvisor::dsl::check_detail
