#include "check/types.hpp"

#include <algorithm>

namespace mpadvisor::dsl::check_detail {

std::string describe(ast::FactType type) {
  switch (type) {
    case ast::FactType::boolean:
      return "bool";
    case ast::FactType::number:
      return "number";
    case ast::FactType::text:
      return "text";
    case ast::FactType::text_list:
      return "list";
    case ast::FactType::enumeration:
      return "enum";
    case ast::FactType::enum_set:
      return "set";
    case ast::FactType::date:
      return "date";
    case ast::FactType::datetime:
      return "datetime";
  }
  return "?";
}

base::Wording describe(const ast::Value& v) {
  switch (v.kind) {
    case ast::ValueKind::boolean:
      return base::english_only(v.boolean ? "true" : "false");
    case ast::ValueKind::number:
      return {"a number", "数字"};
    case ast::ValueKind::string:
      return {"a string", "字符串"};
    case ast::ValueKind::symbol:
      return base::word("'{0}'", "“{0}”", v.text);
    case ast::ValueKind::date:
      return v.date.has_time() ? base::Wording{"a date-time", "日期时间"} : base::Wording{"a date", "日期"};
    case ast::ValueKind::list:
      return {"a list", "列表"};
  }
  return {"a value", "值"};
}

namespace {

std::string declared_values(const ast::Fact& fact) {
  std::string out;
  for (const ast::Name& v : fact.values) out += (out.empty() ? "" : ", ") + v.text;
  return out;
}

base::Wording enum_mismatch(const ast::Fact& fact, const ast::Value& v) {
  if (v.kind != ast::ValueKind::symbol && v.kind != ast::ValueKind::string) {
    return base::word("'{0}' takes one of {1}, not {2}", "“{0}”只取 {1} 之一，不能是{2}", fact.name.text,
                      declared_values(fact), describe(v));
  }
  bool declared =
      std::any_of(fact.values.begin(), fact.values.end(), [&](const ast::Name& n) { return n.text == v.text; });
  if (declared) return {};
  return base::word("'{0}' does not declare the value '{1}' (it has {2})", "“{0}”没有声明取值“{1}”（它有 {2}）",
                    fact.name.text, v.text, declared_values(fact));
}

// "'x' is a number fact; expected …, not …" in both languages.
base::Wording expected(const ast::Fact& fact, const base::Wording& wanted, const ast::Value& given) {
  return base::word("'{0}' is a {1} fact; expected {2}, not {3}", "“{0}”是 {1} 类型的事实；这里应为{2}，而不是{3}",
                    fact.name.text, describe(fact.type), wanted, describe(given));
}

}  // namespace

base::Wording value_mismatch(const ast::Fact& fact, const ast::Value& v, bool element) {
  static const base::Wording kBoolean{"true or false", "布尔值（true 或 false）"}, kNumber{"a number", "数字"},
      kString{"a string", "字符串"}, kDate{"a date", "日期"}, kStrings{"a list of strings", "字符串列表"};
  switch (fact.type) {
    case ast::FactType::boolean:
      return v.kind == ast::ValueKind::boolean ? base::Wording{} : expected(fact, kBoolean, v);
    case ast::FactType::number:
      return v.kind == ast::ValueKind::number ? base::Wording{} : expected(fact, kNumber, v);
    case ast::FactType::text:
      return v.kind == ast::ValueKind::string ? base::Wording{} : expected(fact, kString, v);
    case ast::FactType::date:
    case ast::FactType::datetime:
      return v.kind == ast::ValueKind::date ? base::Wording{} : expected(fact, kDate, v);
    case ast::FactType::enumeration:
      return enum_mismatch(fact, v);
    case ast::FactType::text_list:
      if (element) return v.kind == ast::ValueKind::string ? base::Wording{} : expected(fact, kString, v);
      if (v.kind != ast::ValueKind::list) return expected(fact, kStrings, v);
      for (const ast::Value& item : v.items) {
        if (item.kind != ast::ValueKind::string)
          return base::word("'{0}' is a {1} fact; its items are strings, not {2}",
                            "“{0}”是 {1} 类型的事实；其中每一项应为字符串，而不是{2}", fact.name.text,
                            describe(fact.type), describe(item));
      }
      return {};
    case ast::FactType::enum_set:
      if (element) return enum_mismatch(fact, v);
      if (v.kind != ast::ValueKind::list)
        return base::word("'{0}' is a {1} fact; expected a list such as [{2}]",
                          "“{0}”是 {1} 类型的事实；这里应为列表，如 [{2}]", fact.name.text, describe(fact.type),
                          declared_values(fact));
      for (const ast::Value& item : v.items) {
        if (base::Wording why = enum_mismatch(fact, item); !why.en.empty()) return why;
      }
      return {};
  }
  return {};
}

}  // namespace mpadvisor::dsl::check_detail
