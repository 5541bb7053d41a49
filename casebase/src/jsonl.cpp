// The JSON Lines codec: validation, redaction and the documented field order (docs/cases.md).
#include "mpadvisor/casebase/jsonl.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mpadvisor/base/json_syntax.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/casebase/error.hpp"
#include "validate.hpp"

namespace mpadvisor::casebase {
namespace {

using Json = nlohmann::ordered_json;  // keeps the profile's keys in the order they were written

constexpr std::array<std::string_view, 9> kRequired = {"date",   "stage", "entity",  "profile", "message",
                                                       "causes", "fix",   "outcome", "source"};
constexpr std::array<std::string_view, 2> kOptional = {"id", "diagnosis"};

using base::word;
using base::Wording;

// A bad field: thrown inside the parser only, turned into ParsedLine::error.
struct BadLine {
  Wording message;
};

// A value quoted in each language's marks for an error message, cut to a readable length (on
// a character boundary).
Wording in_quotes(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string const shown = text.size() <= kMax
                                ? std::string(text)
                                : std::string(text.substr(0, base::utf8::floor_boundary(text, kMax))) + "…";
  return word("\"{0}\"", "“{0}”", shown);
}

Wording type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return {"null", "null"};
    case Json::value_t::boolean:
      return {"a boolean", "布尔值"};
    case Json::value_t::string:
      return {"a string", "字符串"};
    case Json::value_t::array:
      return {"an array", "数组"};
    case Json::value_t::object:
      return {"an object", "对象"};
    default:
      return {"a number", "数字"};
  }
}

// "<field> must be <what>, not <the type it has>".
BadLine wrong_type(std::string_view field, const Wording& what, const Json& value) {
  return {word("{0} must be {1}, not {2}", "{0} 须为{1}，而不是{2}", std::string(field), what, type_name(value))};
}

const std::string& string_field(const Json& object, std::string_view name) {
  const auto& value = object.at(std::string(name));
  if (!value.is_string()) throw wrong_type(name, {"a string", "字符串"}, value);
  return value.get_ref<const std::string&>();
}

// Moves a string field out of the parsed line and redacts it.
std::string take_redacted(Json& object, std::string_view name, RedactionCounts& counts) {
  auto& value = object.at(std::string(name));
  if (!value.is_string()) throw wrong_type(name, {"a string", "字符串"}, value);
  auto text = std::move(value.get_ref<std::string&>());
  redact_in_place(text, &counts);
  return text;
}

// Redacts every string (and every key, and every number that reads as an ID or phone number)
// of a JSON value, recursively.
void redact_json(Json& value, RedactionCounts& counts) {
  switch (value.type()) {
    case Json::value_t::string:
      redact_in_place(value.get_ref<std::string&>(), &counts);
      break;
    case Json::value_t::array:
      for (auto& element : value) redact_json(element, counts);
      break;
    case Json::value_t::object: {
      bool keys_changed = false;
      for (auto& [key, element] : value.items()) {
        redact_json(element, counts);
        std::string copy = key;
        keys_changed = redact_in_place(copy) || keys_changed;
      }
      if (keys_changed) {
        Json rebuilt = Json::object();
        for (auto& [key, element] : value.items()) rebuilt[redact(key, &counts)] = std::move(element);
        value = std::move(rebuilt);
      }
      break;
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
      // {"phone": 13812345678} is a phone number too.
      RedactionCounts found;
      auto redacted = redact(value.dump(), &found);
      if (found.total() > 0) {
        value = std::move(redacted);
        counts += found;
      }
      break;
    }
    default:
      break;
  }
}

std::string redacted_identifier(Json& object, std::string_view name, RedactionCounts& counts, const Wording& what) {
  auto value = take_redacted(object, name, counts);
  if (!validate::is_identifier(value))
    throw BadLine{word("{0} must be {1} (letters, digits, _ . - :), not {2}",
                       "{0} 须为{1}（只含字母、数字及 _ . - :），而不是{2}", std::string(name), what,
                       in_quotes(value))};
  return value;
}

CaseId parse_id(const Json& value) {
  constexpr auto kMax = std::numeric_limits<CaseId>::max();
  if (value.is_number_unsigned()) {
    const auto id = value.get<std::uint64_t>();
    if (id > 0 && id <= static_cast<std::uint64_t>(kMax)) return static_cast<CaseId>(id);
  } else if (value.is_number_integer()) {
    const auto id = value.get<std::int64_t>();
    if (id > 0) return id;
  } else if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (!text.empty() && text.size() <= 18 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const CaseId id = std::stoll(text);
      if (id > 0) return id;
    }
  }
  Wording const given =
      value.is_string() ? in_quotes(value.get_ref<const std::string&>()) : base::english_only(value.dump());
  throw BadLine{word("id must be a positive integer, not {0}", "id 须为正整数，而不是 {0}", given)};
}

BadLine unknown_field(const std::string& name) { return {word("unknown field {0}", "没有字段{0}", in_quotes(name))}; }

BadLine missing_field(const std::string& name) { return {word("missing field {0}", "缺少字段 {0}", name)}; }

LastDiagnosis parse_diagnosis(Json& value, RedactionCounts& counts) {
  if (!value.is_object()) throw wrong_type("diagnosis", {"an object or null", "对象或 null"}, value);
  for (const auto& [key, element] : value.items()) {
    (void)element;
    if (key != "kb_version" && key != "verdict" && key != "top_cause") throw unknown_field("diagnosis." + key);
  }
  for (const char* name : {"kb_version", "verdict"})
    if (!value.contains(name)) throw missing_field(std::string("diagnosis.") + name);
  LastDiagnosis diagnosis;
  diagnosis.kb_version = take_redacted(value, "kb_version", counts);
  diagnosis.verdict = take_redacted(value, "verdict", counts);
  if (diagnosis.kb_version.empty() || diagnosis.verdict.empty())
    throw BadLine{{"diagnosis.kb_version and diagnosis.verdict must not be empty",
                   "diagnosis.kb_version 和 diagnosis.verdict 不能为空"}};
  if (value.contains("top_cause") && !value.at("top_cause").is_null())
    diagnosis.top_cause = redacted_identifier(value, "top_cause", counts, {"a cause id", "原因编号"});
  return diagnosis;
}

Case parse_case(Json& j, RedactionCounts& counts, std::optional<std::string>& category) {
  if (!j.is_object())
    throw BadLine{word("a case must be a JSON object, not {0}", "案例须为 JSON 对象，而不是{0}", type_name(j))};
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (std::find(kRequired.begin(), kRequired.end(), key) == kRequired.end() &&
        std::find(kOptional.begin(), kOptional.end(), key) == kOptional.end())
      throw unknown_field(key);
  }
  for (auto name : kRequired)
    if (!j.contains(std::string(name))) throw missing_field(std::string(name));

  Case c;
  if (j.contains("id")) c.id = parse_id(j.at("id"));

  c.date = string_field(j, "date");
  if (std::optional<Wording> why = validate::date_error(c.date)) throw BadLine{why->prefixed("date: ", "date：")};

  c.stage = redacted_identifier(j, "stage", counts, {"a step id such as filing.submit", "步骤编号，如 filing.submit"});

  if (const auto& entity = j.at("entity"); !entity.is_null()) {
    if (!entity.is_string()) throw wrong_type("entity", {"a string or null", "字符串或 null"}, entity);
    c.entity = take_redacted(j, "entity", counts);
    if (c.entity->empty())
      throw BadLine{{"entity must not be empty (use null when it is not known)", "entity 不能为空（不知道时写 null）"}};
  }

  auto& profile = j.at("profile");
  if (!profile.is_object()) throw wrong_type("profile", {"an object", "对象"}, profile);
  redact_json(profile, counts);
  c.profile = profile.dump();
  if (const auto found = profile.find("category"); found != profile.end() && !found->is_null())
    category = found->is_string() ? found->get<std::string>() : found->dump();

  c.message = take_redacted(j, "message", counts);

  const auto& causes = j.at("causes");
  if (!causes.is_array()) throw wrong_type("causes", {"an array of cause ids", "由原因编号组成的数组"}, causes);
  c.causes.reserve(causes.size());
  for (const auto& cause : causes) {
    if (!cause.is_string())
      throw BadLine{word("causes must hold cause ids (strings), not {0}", "causes 里须为原因编号（字符串），而不是{0}",
                         type_name(cause))};
    auto id = cause.get<std::string>();
    redact_in_place(id, &counts);
    if (!validate::is_identifier(id))
      throw BadLine{word("causes: {0} is not a cause id", "causes：{0}不是原因编号", in_quotes(id))};
    if (std::find(c.causes.begin(), c.causes.end(), id) != c.causes.end())
      throw BadLine{word("causes: {0} is listed twice", "causes：{0}列了两次", in_quotes(id))};
    c.causes.push_back(std::move(id));
  }

  const auto& fix = j.at("fix");
  if (!fix.is_null() && !fix.is_string()) throw wrong_type("fix", {"a string or null", "字符串或 null"}, fix);
  if (fix.is_string()) c.fix = take_redacted(j, "fix", counts);

  const auto& outcome_text = string_field(j, "outcome");
  const auto outcome = parse_outcome(outcome_text);
  if (!outcome)
    throw BadLine{word("outcome must be approved, rejected or unknown, not {0}",
                       "outcome 须为 approved、rejected 或 unknown，而不是{0}", in_quotes(outcome_text))};
  c.outcome = *outcome;

  c.source = take_redacted(j, "source", counts);

  if (j.contains("diagnosis") && !j.at("diagnosis").is_null()) c.diagnosis = parse_diagnosis(j.at("diagnosis"), counts);
  return c;
}

}  // namespace

namespace {

// JSON leaves a repeated key to the reader (nlohmann keeps the last); in a case it is a mistake
// (which "stage" was meant?), so the parse is watched key by key, at every depth.
class RepeatedKeys {
 public:
  bool operator()(int depth, Json::parse_event_t event, Json& parsed) {
    auto const level = static_cast<std::size_t>(depth);
    if (event == Json::parse_event_t::object_start) {
      if (keys_.size() <= level) keys_.resize(level + 1);
      keys_[level].clear();
    } else if (event == Json::parse_event_t::key && level > 0 && level <= keys_.size()) {
      std::string const& key = parsed.get_ref<const std::string&>();
      std::vector<std::string>& seen = keys_[level - 1];
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        if (!repeated_) repeated_ = key;
      } else {
        seen.push_back(key);  // a record has a few dozen keys: a short vector beats a set's nodes
      }
    }
    return true;
  }
  const std::optional<std::string>& repeated() const { return repeated_; }

 private:
  std::vector<std::vector<std::string>> keys_;
  std::optional<std::string> repeated_;
};

}  // namespace

ParsedLine parse_case_line(std::string_view line) {
  ParsedLine result;
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    result.blank = true;
    return result;
  }
  try {
    RepeatedKeys watch;
    Json j = Json::parse(line, std::ref(watch));
    if (watch.repeated())
      throw BadLine{word("key {0} is given twice", "键{0}出现了两次", in_quotes(*watch.repeated()))};
    result.value = parse_case(j, result.redactions, result.category);
  } catch (const Json::exception& e) {
    result.error = word("invalid JSON: {0}", "不是有效的 JSON：{0}", base::json_syntax_error(e.what(), true));
    result.redactions = {};
  } catch (const BadLine& bad) {
    result.error = bad.message;
    result.redactions = {};
    result.category.reset();
  }
  return result;
}

std::string to_json_line(const Case& c) {
  Json j = Json::object();
  j["id"] = c.id;
  j["date"] = c.date;
  j["stage"] = c.stage;
  j["entity"] = c.entity ? Json(*c.entity) : Json(nullptr);
  try {
    j["profile"] = Json::parse(c.profile);
  } catch (const Json::exception&) {
    throw Error(Errc::database,
                word("case {0} has a damaged profile (not JSON)", "案例 {0} 的资料已损坏（不是 JSON）", c.id));
  }
  j["message"] = c.message;
  j["causes"] = c.causes;
  j["fix"] = c.fix ? Json(*c.fix) : Json(nullptr);
  j["outcome"] = std::string(to_string(c.outcome));
  j["source"] = c.source;
  if (c.diagnosis) {
    j["diagnosis"] = {{"kb_version", c.diagnosis->kb_version},
                      {"verdict", c.diagnosis->verdict},
                      {"top_cause", c.diagnosis->top_cause ? Json(*c.diagnosis->top_cause) : Json(nullptr)}};
  }
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mpadvisor::casebase
