#include "call.hpp"

#include <algorithm>

#include "mpadvisor/base/json_members.hpp"
#include "mpadvisor/base/json_syntax.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/engine/closest_name.hpp"

namespace mpadvisor::server::detail {

namespace {

[[noreturn]] void not_json(const Input::exception& e) {
  throw ApiError(
      400, "bad-json",
      base::word("the request body is not JSON: {0}", "请求体不是 JSON：{0}", base::json_syntax_error(e.what())));
}

// The slow way, for bodies the span reader does not take (or where a member is not JSON, so
// the message names the place in the whole body): one tree, then the profile back to text.
Body read_body_as_tree(std::string_view text) {
  Body body;
  try {
    body.members = Input::parse(text);  // a syntax error, or a number out of range (1e999999)
  } catch (const Input::exception& e) {
    not_json(e);
  }
  if (!body.members.is_object())
    throw ApiError(400, "bad-json", {"the request body must be a JSON object", "请求体须为 JSON 对象"});
  if (auto it = body.members.find("profile"); it != body.members.end()) {
    body.profile = it->dump();
    body.members.erase(it);
  }
  return body;
}

}  // namespace

Body read_body(std::string_view text) {
  // Bytes that are not UTF-8 are named where they stand in the whole body, not in the member
  // that holds them (the profile, read later by its own reader).
  if (base::utf8::first_ill_formed(text)) return read_body_as_tree(text);
  std::optional<std::vector<base::JsonMember>> const members = base::json_object_members(text);
  if (!members) return read_body_as_tree(text);
  Body body;
  for (const base::JsonMember& m : *members) {
    if (m.key_escaped) return read_body_as_tree(text);
    if (m.key == "profile") {
      body.profile = std::string(m.value);  // read (and checked) by the profile reader
      continue;
    }
    Input value = Input::parse(m.value, nullptr, false);
    if (value.is_discarded()) return read_body_as_tree(text);
    body.members[std::string(m.key)] = std::move(value);
  }
  return body;
}

engine::Profile profile_of(const Call& call) {
  if (!call.profile)
    throw ApiError(400, "bad-request",
                   {R"(the request needs "profile": the applicant's facts)", R"(请求须有 "profile"：申请者的资料)"});
  std::string_view const text = *call.profile;
  if (text.empty() || text.front() != '{')
    throw ApiError(400, "bad-request",
                   {R"("profile" must be a JSON object of facts)", R"("profile" 须为由资料字段组成的 JSON 对象)"});
  try {
    return engine::parse_profile(call.model, text, call.now);
  } catch (const engine::ProfileError& e) {
    if (e.not_json)
      throw ApiError(
          400, "bad-json",
          e.wording().prefixed(R"(the request body is not JSON: in "profile": )", R"(请求体不是 JSON："profile" 中)"));
    throw ApiError(422, "invalid-profile", e.wording().prefixed("profile: ", "资料："));
  }
}

std::optional<std::string> string_of(const Call& call, const char* key) {
  auto it = call.body.find(key);
  if (it == call.body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    throw ApiError(400, "bad-request", base::word(R"("{0}" must be a string)", R"("{0}" 须为字符串)", key));
  return it->get<std::string>();
}

bool flag_of(const Call& call, const char* key) {
  auto it = call.body.find(key);
  if (it == call.body.end() || it->is_null()) return false;
  if (!it->is_boolean())
    throw ApiError(400, "bad-request",
                   base::word(R"("{0}" must be true or false)", R"("{0}" 须为 true 或 false)", key));
  return it->get<bool>();
}

std::vector<std::string> strings_of(const Call& call, const char* key) {
  std::vector<std::string> out;
  auto it = call.body.find(key);
  if (it == call.body.end() || it->is_null()) return out;
  if (!it->is_array())
    throw ApiError(400, "bad-request",
                   base::word(R"("{0}" must be an array of strings)", R"("{0}" 须为字符串数组)", key));
  for (const Input& item : *it) {
    if (!item.is_string())
      throw ApiError(400, "bad-request", base::word(R"("{0}" must hold strings only)", R"("{0}" 中只能有字符串)", key));
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<engine::StepId> step_of(const Call& call, const char* key) {
  std::optional<std::string> name = string_of(call, key);
  if (!name || name->empty()) return std::nullopt;
  if (auto s = call.model.find_step(*name)) return *s;
  base::Wording detail = base::word(R"("{0}": '{1}' is not a step of the knowledge base)",
                                    R"("{0}"：“{1}”不是知识库中的步骤)", key, *name);
  throw ApiError(422, "unknown-name",
                 base::with_closest(detail, engine::closest_name(call.model, *name, engine::kStepNames)));
}

engine::FactId fact_named(const Call& call, const std::string& name, const char* where) {
  if (auto f = call.model.find_fact(name)) return *f;
  base::Wording detail = base::word("{0}: unknown fact '{1}'", "{0}：没有字段“{1}”", where, name);
  throw ApiError(422, "unknown-name",
                 base::with_closest(detail, engine::closest_name(call.model, name, engine::kFactNames)));
}

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string query_param(const std::string& query, std::string_view name) {
  std::size_t at = 0;
  while (at <= query.size()) {
    std::size_t const end = std::min(query.find('&', at), query.size());
    std::string_view const pair(query.data() + at, end - at);
    std::size_t const eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      std::string_view const raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
      std::string out;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          int const hi = hex_digit(raw[i + 1]), lo = hex_digit(raw[i + 2]);
          if (hi >= 0 && lo >= 0) {
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
            continue;
          }
        }
        out += raw[i] == '+' ? ' ' : raw[i];
      }
      return out;
    }
    at = end + 1;
  }
  return "";
}

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-' || c == '+') v = 62;
    if (c == '_' || c == '/') v = 63;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (bits >= 6) return std::nullopt;  // a single leftover character is not base64
  return out;
}

}  // namespace mpadvisor::server::detail
