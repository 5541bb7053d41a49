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

#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/casebase/error.hpp"
#include "validate.hpp"

namespace mpadvisor::casebase {
namespace {

using Json = nlohmann::ordered_json;  // keeps the profile's keys in the order they were written

constexpr std::array<std::string_view, 9> kRequired = {"date",   "stage", "entity",  "profile", "message",
                                                       "causes", "fix",   "outcome", "source"};
constexpr std::array<std::string_view, 2> kOptional = {"id", "diagnosis"};

// A bad field: thrown inside the parser only, turned into ParsedLine::error.
struct BadLine {
  std::string message;
};

// Quotes a value for an error message, cut to a readable length (on a character boundary).
std::string quote_value(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"";
  if (text.size() <= kMax) {
    out.append(text);
  } else {
    out.append(text.substr(0, base::utf8::floor_boundary(text, kMax))).append("…");
  }
  return out + "\"";
}

std::string type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

const std::string& string_field(const Json& object, std::string_view name) {
  const auto& value = object.at(std::string(name));
  if (!value.is_string()) throw BadLine{std::string(name) + " must be a string, not " + type_name(value)};
  return value.get_ref<const std::string&>();
}

// Moves a string field out of the parsed line and redacts it.
std::string take_redacted(Json& object, std::string_view name, RedactionCounts& counts) {
  auto& value = object.at(std::string(name));
  if (!value.is_string()) throw BadLine{std::string(name) + " must be a string, not " + type_name(value)};
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

std::string redacted_identifier(Json& object, std::string_view name, RedactionCounts& counts, std::string_view what) {
  auto value = take_redacted(object, name, counts);
  if (!validate::is_identifier(value))
    throw BadLine{std::string(name) + " must be " + std::string(what) + " (letters, digits, _ . - :), not " +
                  quote_value(value)};
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
  throw BadLine{"id must be a positive integer, not " +
                (value.is_string() ? quote_value(value.get_ref<const std::string&>()) : value.dump())};
}

LastDiagnosis parse_diagnosis(Json& value, RedactionCounts& counts) {
  if (!value.is_object()) throw BadLine{"diagnosis must be an object or null, not " + type_name(value)};
  for (const auto& [key, element] : value.items()) {
    (void)element;
    if (key != "kb_version" && key != "verdict" && key != "top_cause") throw BadLine{"unknown field diagnosis." + key};
  }
  for (const char* name : {"kb_version", "verdict"})
    if (!value.contains(name)) throw BadLine{std::string("missing field diagnosis.") + name};
  LastDiagnosis diagnosis;
  diagnosis.kb_version = take_redacted(value, "kb_version", counts);
  diagnosis.verdict = take_redacted(value, "verdict", counts);
  if (diagnosis.kb_version.empty() || diagnosis.verdict.empty())
    throw BadLine{"diagnosis.kb_version and diagnosis.verdict must not be empty"};
  if (value.contains("top_cause") && !value.at("top_cause").is_null())
    diagnosis.top_cause = redacted_identifier(value, "top_cause", counts, "a cause id");
  return diagnosis;
}

Case parse_case(Json& j, RedactionCounts& counts, std::optional<std::string>& category) {
  if (!j.is_object()) throw BadLine{"a case must be a JSON object, not " + type_name(j)};
  for (const auto& [key, value] : j.items()) {
    (void)value;
    if (std::find(kRequired.begin(), kRequired.end(), key) == kRequired.end() &&
        std::find(kOptional.begin(), kOptional.end(), key) == kOptional.end())
      throw BadLine{"unknown field " + quote_value(key)};
  }
  for (auto name : kRequired)
    if (!j.contains(std::string(name))) throw BadLine{"missing field " + std::string(name)};

  Case c;
  if (j.contains("id")) c.id = parse_id(j.at("id"));

  c.date = string_field(j, "date");
  if (std::string why = validate::date_error(c.date); !why.empty()) throw BadLine{"date: " + why};

  c.stage = redacted_identifier(j, "stage", counts, "a step id such as filing.submit");

  if (const auto& entity = j.at("entity"); !entity.is_null()) {
    if (!entity.is_string()) throw BadLine{"entity must be a string or null, not " + type_name(entity)};
    c.entity = take_redacted(j, "entity", counts);
    if (c.entity->empty()) throw BadLine{"entity must not be empty (use null when it is not known)"};
  }

  auto& profile = j.at("profile");
  if (!profile.is_object()) throw BadLine{"profile must be an object, not " + type_name(profile)};
  redact_json(profile, counts);
  c.profile = profile.dump();
  if (const auto found = profile.find("category"); found != profile.end() && !found->is_null())
    category = found->is_string() ? found->get<std::string>() : found->dump();

  c.message = take_redacted(j, "message", counts);

  const auto& causes = j.at("causes");
  if (!causes.is_array()) throw BadLine{"causes must be an array of cause ids, not " + type_name(causes)};
  c.causes.reserve(causes.size());
  for (const auto& cause : causes) {
    if (!cause.is_string()) throw BadLine{"causes must hold cause ids (strings), not " + type_name(cause)};
    auto id = cause.get<std::string>();
    redact_in_place(id, &counts);
    if (!validate::is_identifier(id)) throw BadLine{"causes: " + quote_value(id) + " is not a cause id"};
    if (std::find(c.causes.begin(), c.causes.end(), id) != c.causes.end())
      throw BadLine{"causes: " + quote_value(id) + " is listed twice"};
    c.causes.push_back(std::move(id));
  }

  const auto& fix = j.at("fix");
  if (!fix.is_null() && !fix.is_string()) throw BadLine{"fix must be a string or null, not " + type_name(fix)};
  if (fix.is_string()) c.fix = take_redacted(j, "fix", counts);

  const auto& outcome_text = string_field(j, "outcome");
  const auto outcome = parse_outcome(outcome_text);
  if (!outcome) throw BadLine{"outcome must be approved, rejected or unknown, not " + quote_value(outcome_text)};
  c.outcome = *outcome;

  c.source = take_redacted(j, "source", counts);

  if (j.contains("diagnosis") && !j.at("diagnosis").is_null()) c.diagnosis = parse_diagnosis(j.at("diagnosis"), counts);
  return c;
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: …" → "parse error at column 5: …"
std::string json_error(const char* what) {
  std::string text = what;
  if (auto close = text.find("] "); text.rfind("[json.exception", 0) == 0 && close != std::string::npos)
    text.erase(0, close + 2);
  if (auto pos = text.find("at line 1, "); pos != std::string::npos) text.erase(pos + 3, 8);
  return text;
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
    if (watch.repeated()) throw BadLine{"key \"" + *watch.repeated() + "\" is given twice"};
    result.value = parse_case(j, result.redactions, result.category);
  } catch (const Json::exception& e) {
    result.error = "invalid JSON: " + json_error(e.what());
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
    throw Error(Errc::database, "case " + std::to_string(c.id) + " has a damaged profile (not JSON)");
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
