// One API call being served: the model it runs on, the request's JSON body, the language of
// the answer, and the typed error a handler throws for bad input (it becomes problem+json).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/casebase/store_pool.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/render/json_writer.hpp"
#include "mpadvisor/render/options.hpp"
#include "mpadvisor/server/api.hpp"

namespace mpadvisor::server::detail {

using Input = nlohmann::json;  // request bodies (keys in any order)
using Json = render::Json;     // responses (keys in the documented order)

// Bad input found by a handler: status 400 or 422, a problem type and a one-line detail in
// both languages (the answer's language may not be known yet where the mistake is found).
struct ApiError : base::UserError {
  ApiError(int s, std::string t, base::Wording detail)
      : base::UserError(std::move(detail)), status(s), type(std::move(t)) {}
  int status;
  std::string type;
};

// A request body: its members, except the profile, which is kept as text for the profile
// reader (building it as a tree first cost more than diagnosing it).
struct Body {
  Input members = Input::object();
  std::optional<std::string> profile;  // the "profile" member's JSON text, when given
};

// The body of a POST. Not JSON, or not an object: 400 bad-json.
Body read_body(std::string_view text);

struct Call {
  const engine::Model& model;
  const ApiOptions& options;
  casebase::StorePool* cases;          // the case base for similar cases; none: no past cases
  Input body;                          // the request's JSON object without "profile" ({} for GET)
  std::optional<std::string> profile;  // the "profile" member's JSON text (GET: from ?profile=)
  std::string query;                   // the target's query string, without '?'
  render::Options render;              // the answer's language
  std::int64_t now = 0;                // the moment a profile without as_of describes
};

// The profile in the body's "profile" (an object), validated against the model. Missing or
// not an object: 400; a value that does not fit its fact: 422 naming the fact.
engine::Profile profile_of(const Call& call);
// An optional step name in the body's `key`; unknown: 422.
std::optional<engine::StepId> step_of(const Call& call, const char* key = "target");
// An optional string / bool / array of strings in the body, type-checked (400 otherwise).
std::optional<std::string> string_of(const Call& call, const char* key);
bool flag_of(const Call& call, const char* key);
std::vector<std::string> strings_of(const Call& call, const char* key);
engine::FactId fact_named(const Call& call, const std::string& name, const char* where);

// A query-string parameter, percent-decoded; empty when absent.
std::string query_param(const std::string& query, std::string_view name);
// base64url (RFC 4648 §5, padding optional) to bytes; nullopt when not base64url.
std::optional<std::string> base64url_decode(std::string_view text);

// The handlers, one per endpoint (endpoints.cpp).
void diagnose(const Call& call, render::JsonWriter& out);
Json whatif(const Call& call);
Json why(const Call& call);
Json rejection(const Call& call);
Json plan(const Call& call);
Json interview_next(const Call& call);
Json kb(const Call& call);
std::string graph_svg(const Call& call);

}  // namespace mpadvisor::server::detail
