#include "profile/messages.hpp"

#include <sstream>

#include "mpadvisor/base/json_syntax.hpp"

namespace mpadvisor::engine::profile_detail::says {

using base::word;

namespace {

std::string values_list(const FactInfo& f) {
  std::string out;
  for (const std::string& v : f.values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// What a fact takes, to complete "expects …" / "应为…".
Wording type_of(const FactInfo& f) {
  switch (f.type) {
    case FactType::boolean:
      return {"true or false", "true 或 false"};
    case FactType::number:
      return {"a number", "数字"};
    case FactType::text:
      return {"a string", "字符串"};
    case FactType::text_list:
      return {"a list of strings", "字符串列表"};
    case FactType::enumeration:
      return word("one of {0}", "以下之一：{0}", values_list(f));
    case FactType::enum_set:
      return word("a list of {0}", "由以下取值组成的列表：{0}", values_list(f));
    case FactType::date:
      return {"a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"};
    case FactType::datetime:
      return {"a date-time (YYYY-MM-DDTHH:MM:SS)", "日期时间（YYYY-MM-DDTHH:MM:SS）"};
  }
  return {"a value", "一个值"};
}

std::string whole(double n) { return std::to_string(static_cast<long long>(n)); }

}  // namespace

Wording not_json(std::string_view parser_message) {
  return word("the profile is not valid JSON: {0}", "资料不是有效的 JSON：{0}",
              base::json_syntax_error(parser_message));
}

Wording not_an_object() {
  return {"the profile must be a JSON object of fact names and values", "资料须为一个 JSON 对象，由字段名和取值组成"};
}

Wording given_twice(std::string_view key) { return word("'{0}' is given more than once", "“{0}”出现了不止一次", key); }

Wording done_not_a_list() { return {"'done' must be a list of step names", "“done”须为步骤名的列表"}; }

Wording rejections_not_a_list() {
  return {R"('rejections' must be a list of {"stage", "message"} objects)",
          R"(“rejections”须为 {"stage", "message"} 对象的列表)"};
}

Wording rejection_needs_message() {
  return {R"(each rejection needs a "message" string: the platform's words, not left empty)",
          "每条驳回记录都须有字符串“message”：平台给出的原话，不能为空"};
}

Wording rejection_field_not_string(std::string_view field, std::string_view json_type) {
  return word(R"(a rejection's "{0}" must be a string, not {1})", "驳回记录的“{0}”须为字符串，不能是{1}", field,
              json_value(json_type));
}

Wording json_value(std::string_view json_type) {
  std::string_view zh = json_type;
  if (json_type == "object") zh = "对象";
  if (json_type == "array") zh = "数组";
  if (json_type == "string") zh = "字符串";
  if (json_type == "number") zh = "数字";
  if (json_type == "boolean") zh = "布尔值";
  if (json_type == "binary") zh = "二进制值";
  return word("a JSON {0}", "{1}", json_type, zh);
}

Wording list_holding(std::string_view json_type) {
  return word("a list holding {0}", "含有{1}的列表", json_type, json_value(json_type).zh);
}

Wording spelled(std::string_view text) { return word("'{0}'", "“{0}”", text); }

Wording expects(const FactInfo& fact, const Wording& given) {
  return word("fact '{0}' expects {1}, got {2}", "字段“{0}”应为{1}，实际是{2}", fact.name, type_of(fact), given);
}

Wording not_whole(const FactInfo& fact, double given) {
  std::ostringstream shown;
  shown << given;
  return word("fact '{0}' counts something: give a whole number, not {1}", "字段“{0}”是个数目：请填整数，不能是 {1}",
              fact.name, shown.str());
}

Wording below_minimum(const FactInfo& fact) {
  return word("fact '{0}' must be at least {1}", "字段“{0}”不能小于 {1}", fact.name, whole(fact.min.value_or(0)));
}

Wording above_maximum(const FactInfo& fact) {
  return word("fact '{0}' must be at most {1}", "字段“{0}”不能大于 {1}", fact.name, whole(fact.max.value_or(0)));
}

Wording blank(const FactInfo& fact) {
  return word("fact '{0}' is blank; leave it out if it is not known yet",
              "字段“{0}”是空白的；还不知道的话，先不填这一项", fact.name);
}

Wording too_long(const FactInfo& fact) {
  return word("fact '{0}' is longer than {1} characters", "字段“{0}”超过了 {1} 个字符", fact.name,
              static_cast<int>(fact.max_length.value_or(0)));
}

Wording no_such_value(const FactInfo& fact, std::string_view value, bool of_a_set) {
  if (of_a_set) {
    return word("fact '{0}' has no value '{1}' (expected any of {2})", "字段“{0}”没有取值“{1}”（可选其中若干项：{2}）",
                fact.name, value, values_list(fact));
  }
  return word("fact '{0}' has no value '{1}' (expected one of {2})", "字段“{0}”没有取值“{1}”（可选其一：{2}）",
              fact.name, value, values_list(fact));
}

Wording listed_twice(const FactInfo& fact, std::string_view item) {
  return word("fact '{0}' lists '{1}' twice", "字段“{0}”把“{1}”列了两次", fact.name, item);
}

Wording bad_date(const FactInfo& fact, const Wording& why) {
  return why.prefixed("fact '" + fact.name + "': ", "字段“" + fact.name + "”：");
}

Wording unknown_fact(std::string_view name, const std::optional<std::string>& closest, const std::string& declared) {
  if (closest) return base::with_closest(word("unknown fact '{0}'", "没有字段“{0}”", name), closest);
  return word("unknown fact '{0}' (the KB declares: {1})", "没有字段“{0}”（知识库中的字段有：{1}）", name, declared);
}

Wording unknown_step(const Wording& where, std::string_view step, const std::optional<std::string>& closest) {
  return base::with_closest(word("{0} names an unknown step '{1}'", "{2}中有未知的步骤“{1}”", where.en, step, where.zh),
                            closest);
}

}  // namespace mpadvisor::engine::profile_detail::says
