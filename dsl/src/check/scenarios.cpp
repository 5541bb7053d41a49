// The scenarios pass: a scenario's and a baseline's facts fit their declarations, `from`
// names a baseline and no chain of baselines comes back to itself, targets and expectations
// name what they test; and a scenario does not restate what its baseline already gives (a
// warning: a scenario should say only what differs, so that it reads as "the same
// applicant, but…").
#include <map>
#include <set>

#include "check/context.hpp"
#include "check/types.hpp"
#include "mpadvisor/dsl/format.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

void check_given(CheckContext& cx, const ast::Module& m, const std::vector<ast::Assignment>& given) {
  for (const ast::Assignment& a : given) {
    if (a.unknown) {
      if (a.fact.text != kGivenDone) cx.resolve(m, a.fact, "fact", cx.symbols.facts);
      continue;
    }
    if (a.fact.text == kGivenDone) {
      if (a.value.kind != ast::ValueKind::list) {
        cx.report(m, a.value.span, Severity::error, code::kTypeMismatch,
                  {"'done' takes a list of step names", "done 接受的是步骤名称的列表"});
        continue;
      }
      for (const ast::Value& item : a.value.items) {
        ast::Name step;
        step.text = item.text;
        step.span = item.span;
        if (item.kind != ast::ValueKind::symbol) {
          cx.report(
              m, item.span, Severity::error, code::kTypeMismatch,
              base::word("'done' lists step names, not {0}", "done 列出的应是步骤名称，而不是{0}", describe(item)));
        } else {
          cx.resolve(m, step, "step", cx.symbols.steps);
        }
      }
      continue;
    }
    if (const ast::Fact* fact = cx.resolve(m, a.fact, "fact", cx.symbols.facts)) cx.check_value(m, *fact, a.value);
  }
}

// The baseline a declaration starts from, reported when it names none.
template <typename Decl>
const ast::Baseline* base_of(CheckContext& cx, const ast::Module& m, const Decl& d) {
  return cx.resolve(m, d.from, "baseline", cx.symbols.baselines);
}

// What a baseline gives once the baselines it starts from are merged in: fact → value as
// written ("" for unknown). Cycles are reported elsewhere; here they stop the walk.
std::map<std::string, std::string> merged(const CheckContext& cx, const ast::Baseline& base) {
  std::vector<const ast::Baseline*> chain;
  std::set<const ast::Baseline*> seen;
  for (const ast::Baseline* b = &base; b && seen.insert(b).second;) {
    chain.push_back(b);
    auto it = cx.symbols.baselines.find(b->from.text);
    b = b->from.empty() || it == cx.symbols.baselines.end() ? nullptr : it->second.decl;
  }
  std::map<std::string, std::string> facts;
  for (auto b = chain.rbegin(); b != chain.rend(); ++b) {
    for (const ast::Assignment& a : (*b)->given) facts[a.fact.text] = a.unknown ? "" : format_value(a.value);
  }
  return facts;
}

void check_restated(CheckContext& cx, const ast::Module& m, const base::Wording& what,
                    const std::vector<ast::Assignment>& given, const ast::Baseline& base) {
  std::map<std::string, std::string> const facts = merged(cx, base);
  for (const ast::Assignment& a : given) {
    auto it = facts.find(a.fact.text);
    std::string const value = a.unknown ? "" : format_value(a.value);
    bool const restated =
        a.unknown ? (it == facts.end() || it->second.empty()) : it != facts.end() && it->second == value;
    if (!restated) continue;
    cx.report(m, a.span, Severity::warning, code::kRestatedGiven,
              base::word("{0} restates baseline '{1}' (`given {2}`); leave it out",
                         "{0}重复了基线“{1}”已给出的内容（`given {2}`）；请删去", what, base.name.text,
                         a.fact.text + (a.unknown ? " unknown" : " = " + value)));
  }
}

void check_cycles(CheckContext& cx) {
  for (const auto& [name, d] : cx.symbols.baselines) {
    std::vector<std::string> path{name};
    std::set<std::string> seen{name};
    for (const ast::Baseline* b = d.decl; !b->from.empty();) {
      auto it = cx.symbols.baselines.find(b->from.text);
      if (it == cx.symbols.baselines.end()) break;
      path.push_back(it->first);
      if (!seen.insert(it->first).second) {
        if (it->first != name) break;  // a cycle further along, reported from its own start
        std::string text;
        for (const std::string& step : path) text += (text.empty() ? "" : " → ") + step;
        cx.report(*d.module, d.decl->from.span, Severity::error, code::kBaselineCycle,
                  base::word("baselines start from each other in a cycle: {0}", "基线之间循环引用：{0}", text));
        break;
      }
      b = it->second.decl;
    }
  }
}

}  // namespace

void check_scenarios(CheckContext& cx) {
  check_cycles(cx);
  for (const auto& [name, d] : cx.symbols.baselines) {
    check_given(cx, *d.module, d.decl->given);
    cx.resolve(*d.module, d.decl->target, "step", cx.symbols.steps);
    if (const ast::Baseline* base = base_of(cx, *d.module, *d.decl))
      check_restated(cx, *d.module, base::word("baseline '{0}'", "基线“{0}”", name), d.decl->given, *base);
  }
  for (const auto& [name, d] : cx.symbols.scenarios) {
    const ast::Scenario& sc = *d.decl;
    check_given(cx, *d.module, sc.given);
    if (const ast::Baseline* base = base_of(cx, *d.module, sc))
      check_restated(cx, *d.module, base::word("scenario '{0}'", "场景“{0}”", name), sc.given, *base);
    cx.resolve(*d.module, sc.target, "step", cx.symbols.steps);
    for (const ast::Expectation& e : sc.expectations) {
      cx.resolve(*d.module, e.step, "step", cx.symbols.steps);
      cx.resolve(*d.module, e.cause, "cause", cx.symbols.causes);
      cx.resolve(*d.module, e.fact, "fact", cx.symbols.facts);
    }
  }
}

}  // namespace mpadvisor::dsl::check_detail
