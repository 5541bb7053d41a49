// The HTTP API as a pure function: a request in, a response out, no sockets. The Beast adapter
// (http_server.hpp) only moves bytes; everything an API user sees is decided here, and tested
// here without a network (docs/api.md).
//
// The API is stateless: every request carries the whole profile, and nothing about an
// applicant is kept. The case base is only read, for similar past cases.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/server/metrics.hpp"

namespace mpadvisor::casebase {
class StorePool;
}

namespace mpadvisor::server {

struct Request {
  std::string method;  // GET, POST, …
  std::string target;  // the path with its query: /v1/graph.svg?profile=…
  std::string content_type;
  std::string accept_language;
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type and Content-Length
};

struct ApiOptions {
  std::size_t max_body = std::size_t{1} << 20;  // bytes; a larger body is 413
  // The case base read for similar cases (a file path or a postgresql:// URL); none: no past cases.
  std::optional<std::string> case_db;
};

class Api {
 public:
  Api(std::shared_ptr<const engine::Model> model, ApiOptions options);
  ~Api();

  // Never throws: bad input becomes a problem+json response (4xx), a fault of ours a 500.
  Response handle(const Request& request);
  // The answer to a request the transport refused before it was whole (too large, not HTTP):
  // a problem+json like handle()'s, worded in the language `request`'s target (?lang) or
  // Accept-Language asks for when its head was read, with the same headers as every answer.
  Response refuse(const Request& request, int status, std::string_view type, const base::Wording& detail);

  // Swaps in a new model; requests in flight keep the one they started with.
  void replace_model(std::shared_ptr<const engine::Model> model);
  std::shared_ptr<const engine::Model> model() const;

  const ApiOptions& options() const { return options_; }
  Metrics& metrics() { return metrics_; }

 private:
  // `lang`: the answer's language, set as soon as it is known (errors are worded in it).
  Response dispatch(const Request& request, std::string_view path, const std::string& query, const engine::Model& model,
                    engine::Lang& lang);

  mutable std::mutex model_mutex_;
  std::shared_ptr<const engine::Model> model_;
  ApiOptions options_;
  Metrics metrics_;
  std::unique_ptr<casebase::StorePool> cases_;  // from options_.case_db; none: no past cases
};

// The reason phrase of a status code (for problem titles and the HTTP layer).
std::string_view reason_phrase(int status);

// The 413 problem's detail, whether the transport or the API finds the body too large.
base::Wording body_too_large(std::size_t limit);

// A problem+json (RFC 7807) response.
Response problem(int status, std::string_view type, std::string detail);

}  // namespace mpadvisor::server
