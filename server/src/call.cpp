#include "call.hpp"

#include <algorithm>

#include "mpadvisor/dsl/suggest.hpp"

namespace mpadvisor::server::detail {

engine::Profile profile_of(const Call& call) {
  auto it = call.body.find("profile");
  if (it == call.body.end()) throw ApiError(400, "bad-request", "the request needs \"profile\": the applicant's facts");
  if (!it->is_object()) throw ApiError(400, "bad-request", "\"profile\" must be a JSON object of facts");
  try {
    return engine::parse_profile(call.model, it->dump(), call.now);
  } catch (const engine::ProfileError& e) {
    throw ApiError(422, "invalid-profile", std::string("profile: ") + e.what());
  }
}

std::optional<std::string> string_of(const Call& call, const char* key) {
  auto it = call.body.find(key);
  if (it == call.body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw ApiError(400, "bad-request", std::string("\"") + key + "\" must be a string");
  return it->get<std::string>();
}

bool flag_of(const Call& call, const char* key) {
  auto it = call.body.find(key);
  if (it == call.body.end() || it->is_null()) return false;
  if (!it->is_boolean()) throw ApiError(400, "bad-request", std::string("\"") + key + "\" must be true or false");
  return it->get<bool>();
}

std::vector<std::string> strings_of(const Call& call, const char* key) {
  std::vector<std::string> out;
  auto it = call.body.find(key);
  if (it == call.body.end() || it->is_null()) return out;
  if (!it->is_array()) throw ApiError(400, "bad-request", std::string("\"") + key + "\" must be an array of strings");
  for (const Input& item : *it) {
    if (!item.is_string()) throw ApiError(400, "bad-request", std::string("\"") + key + "\" must hold strings only");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<engine::StepId> step_of(const Call& call, const char* key) {
  std::optional<std::string> name = string_of(call, key);
  if (!name || name->empty()) return std::nullopt;
  if (auto s = call.model.find_step(*name)) return *s;
  std::vector<std::string> steps;
  for (const engine::StepInfo& s : call.model.steps()) steps.push_back(s.name);
  std::string detail = std::string("\"") + key + "\": '" + *name + "' is not a step of the knowledge base";
  if (auto best = dsl::closest_match(*name, steps)) detail += "; did you mean '" + *best + "'?";
  throw ApiError(422, "unknown-name", detail);
}

engine::FactId fact_named(const Call& call, const std::string& name, const char* where) {
  if (auto f = call.model.find_fact(name)) return *f;
  std::vector<std::string> facts;
  for (const engine::FactInfo& f : call.model.facts()) facts.push_back(f.name);
  std::string detail = std::string(where) + ": unknown fact '" + name + "'";
  if (auto best = dsl::closest_match(name, facts)) detail += "; did you mean '" + *best + "'?";
  throw ApiError(422, "unknown-name", detail);
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
