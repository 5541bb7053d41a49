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

std::string describe(const ast::Value& v) {
  switch (v.kind) {
    case ast::ValueKind::boolean:
      return v.boolean ? "true" : "false";
    case ast::ValueKind::number:
      return "a number";
    case ast::ValueKind::string:
      return "a string";
    case ast::ValueKind::symbol:
      return "'" + v.text + "'";
    case ast::ValueKind::date:
      return v.date.has_time() ? "a date-time" : "a date";
    case ast::ValueKind::list:
      return "a list";
  }
  return "a value";
}

namespace {

std::string declared_values(const ast::Fact& fact) {
  std::string out;
  for (const ast::Name& v : fact.values) out += (out.empty() ? "" : ", ") + v.text;
  return out;
}

std::string enum_mismatch(const ast::Fact& fact, const ast::Value& v) {
  if (v.kind != ast::ValueKind::symbol && v.kind != ast::ValueKind::string) {
    return "'" + fact.name.text + "' takes one of " + declared_values(fact) + ", not " + describe(v);
  }
  bool declared =
      std::any_of(fact.values.begin(), fact.values.end(), [&](const ast::Name& n) { return n.text == v.text; });
  return declared ? ""
                  : "'" + fact.name.text + "' does not declare the value '" + v.text + "' (it has " +
                        declared_values(fact) + ")";
}

}  // namespace

std::string value_mismatch(const ast::Fact& fact, const ast::Value& v, bool element) {
  const std::string expected = "'" + fact.name.text + "' is a " + describe(fact.type) + " fact; ";
  switch (fact.type) {
    case ast::FactType::boolean:
      return v.kind == ast::ValueKind::boolean ? "" : expected + "expected true or false, not " + describe(v);
    case ast::FactType::number:
      return v.kind == ast::ValueKind::number ? "" : expected + "expected a number, not " + describe(v);
    case ast::FactType::text:
      return v.kind == ast::ValueKind::string ? "" : expected + "expected a string, not " + describe(v);
    case ast::FactType::date:
    case ast::FactType::datetime:
      return v.kind == ast::ValueKind::date ? "" : expected + "expected a date, not " + describe(v);
    case ast::FactType::enumeration:
      return enum_mismatch(fact, v);
    case ast::FactType::text_list:
      if (element) return v.kind == ast::ValueKind::string ? "" : expected + "expected a string, not " + describe(v);
      if (v.kind != ast::ValueKind::list) return expected + "expected a list of strings, not " + describe(v);
      for (const ast::Value& item : v.items) {
        if (item.kind != ast::ValueKind::string) return expected + "its items are strings, not " + describe(item);
      }
      return "";
    case ast::FactType::enum_set:
      if (element) return enum_mismatch(fact, v);
      if (v.kind != ast::ValueKind::list) return expected + "expected a list such as [" + declared_values(fact) + "]";
      for (const ast::Value& item : v.items) {
        if (std::string why = enum_mismatch(fact, item); !why.empty()) return why;
      }
      return "";
  }
  return "";
}

}  // namespace mpadvisor::dsl::check_detail
