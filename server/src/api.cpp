// The API's front door: routing, content negotiation, limits, problem+json, metrics. The
// endpoints themselves are in endpoints.cpp; this file decides only which one runs and how its
// answer or its error is wrapped (docs/api.md).
#include "mpadvisor/server/api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "assets.hpp"
#include "call.hpp"
#include "mpadvisor/base/clock.hpp"

namespace mpadvisor::server {
namespace {

using detail::ApiError;
using detail::Call;
using detail::Json;

enum class Method { get, post };

// A known path asked with the wrong method: 405 with the methods it does take.
struct MethodNotAllowed {
  std::string_view allow;
};

// What an endpoint answers with: JSON (most), written straight into the body (the diagnosis,
// the answer asked for most), or SVG (the graph).
struct Route {
  std::string_view path;
  Method method;
  Json (*json)(const Call&) = nullptr;
  std::string (*svg)(const Call&) = nullptr;
  void (*write)(const Call&, render::JsonWriter&) = nullptr;
};

constexpr Route kRoutes[] = {
    {"/v1/diagnose", Method::post, nullptr, nullptr, detail::diagnose},
    {"/v1/whatif", Method::post, detail::whatif},
    {"/v1/why", Method::post, detail::why},
    {"/v1/rejection", Method::post, detail::rejection},
    {"/v1/plan", Method::post, detail::plan},
    {"/v1/interview/next", Method::post, detail::interview_next},
    {"/v1/kb", Method::get, detail::kb},
    {"/v1/graph", Method::post, nullptr, detail::graph_svg},
    {"/v1/graph.svg", Method::get, nullptr, detail::graph_svg},
};

// The page may only load its own files: no inline script, no third party.
constexpr std::string_view kContentSecurity =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string_view lower_ascii_prefix(std::string_view s, std::size_t n) { return s.substr(0, std::min(n, s.size())); }

bool is_json_type(std::string_view content_type) {
  std::string lowered;
  for (char c : content_type.substr(0, content_type.find(';'))) {
    if (c != ' ' && c != '\t') lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lowered == "application/json";
}

// The answer's language: the body's "lang", then ?lang=, then the first language the client
// accepts; English when none of them says.
engine::Lang language_of(const Request& request, const detail::Input* body, const std::string& query) {
  auto pick = [](std::string_view tag) -> std::optional<engine::Lang> {
    std::string t;
    for (char c : lower_ascii_prefix(tag, 2)) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "zh") return engine::Lang::zh;
    if (t == "en") return engine::Lang::en;
    return std::nullopt;
  };
  if (body != nullptr) {
    if (auto it = body->find("lang"); it != body->end() && !it->is_null()) {
      if (!it->is_string() || !pick(it->get<std::string>()))
        throw ApiError(400, "bad-request", {R"("lang" must be "zh" or "en")", R"("lang" 须为 "zh" 或 "en")"});
      return *pick(it->get<std::string>());
    }
  }
  if (std::string const q = detail::query_param(query, "lang"); !q.empty()) {
    if (auto l = pick(q)) return *l;
    throw ApiError(400, "bad-request", {"?lang must be zh or en", "?lang 须为 zh 或 en"});
  }
  std::string_view accept = request.accept_language;
  while (!accept.empty()) {
    std::size_t const comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (auto l = pick(item)) return *l;
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return engine::Lang::en;
}

// Answers may quote what the client sent (a parse error's last bytes, a name it gave): bytes
// that are not UTF-8 become U+FFFD instead of making the serializer throw.
std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); }

Response json_response(const Json& j) {
  Response r;
  r.body = dump(j);
  r.body += '\n';
  return r;
}

// GET /v1/graph.svg carries its profile in the query: ?profile=<base64url JSON>&target=STEP.
detail::Body body_from_query(const std::string& query) {
  detail::Body body;
  if (std::string const encoded = detail::query_param(query, "profile"); !encoded.empty()) {
    std::optional<std::string> text = detail::base64url_decode(encoded);
    if (!text)
      throw ApiError(400, "bad-request",
                     {"?profile must be base64url-encoded JSON", "?profile 须为 base64url 编码的 JSON"});
    if (!detail::Input::accept(*text))
      throw ApiError(400, "bad-json", {"?profile does not decode to JSON", "?profile 解码后不是 JSON"});
    body.profile = std::move(text);
  }
  if (std::string const target = detail::query_param(query, "target"); !target.empty()) body.members["target"] = target;
  return body;
}

}  // namespace

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

base::Wording body_too_large(std::size_t limit) {
  return base::word("the request body is larger than {0} bytes", "请求体超过了 {0} 字节", limit);
}

Response problem(int status, std::string_view type, std::string detail) {
  Json j;
  j["type"] = "/problems/" + std::string(type);
  j["title"] = std::string(reason_phrase(status));
  j["status"] = status;
  j["detail"] = std::move(detail);
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = dump(j);
  r.body += '\n';
  return r;
}

Api::Api(std::shared_ptr<const engine::Model> model, ApiOptions options)
    : model_(std::move(model)), options_(std::move(options)) {
  if (options_.case_db) cases_ = std::make_unique<casebase::StorePool>(*options_.case_db);
}

Api::~Api() = default;

void Api::replace_model(std::shared_ptr<const engine::Model> model) {
  std::lock_guard lock(model_mutex_);
  model_ = std::move(model);
}

std::shared_ptr<const engine::Model> Api::model() const {
  std::lock_guard lock(model_mutex_);
  return model_;
}

Response Api::handle(const Request& request) {
  auto const start = std::chrono::steady_clock::now();
  std::string_view target = request.target;
  std::size_t const q = target.find('?');
  std::string_view const path = target.substr(0, q);
  std::string const query(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
  // The model this request runs on, even if a reload swaps in another meanwhile.
  std::shared_ptr<const engine::Model> const model = this->model();

  Response response;
  engine::Lang lang = engine::Lang::en;
  try {
    response = dispatch(request, path, query, *model, lang);
  } catch (const ApiError& e) {
    response = problem(e.status, e.type, e.message(lang));
  } catch (const MethodNotAllowed& e) {
    response = problem(405, "method-not-allowed",
                       base::word("{0} takes {1}", "{0} 只接受 {1}", std::string(path), e.allow).in(lang));
    response.headers.emplace_back("Allow", std::string(e.allow));
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", request.method, path, e.what());
    response = problem(500, "internal-error",
                       base::Wording{"the server could not answer this request; it has been logged",
                                     "服务器无法回答这个请求；已记入日志"}
                           .in(lang));
  } catch (...) {
    spdlog::error("{} {}: an exception that is not a std::exception", request.method, path);
    response = problem(500, "internal-error", "the server could not answer this request; it has been logged");
  }
  response.headers.emplace_back("X-KB-Version", model->version());
  metrics_.record(path, response.status,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return response;
}

Response Api::refuse(const Request& request, int status, std::string_view type, const base::Wording& detail) {
  std::string_view const target = request.target;
  std::size_t const q = target.find('?');
  std::string const query(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
  engine::Lang lang = engine::Lang::en;
  try {
    lang = language_of(request, nullptr, query);
  } catch (const ApiError&) {  // a bad ?lang: the refusal says what was wrong first
  }
  Response response = problem(status, type, detail.in(lang));
  response.headers.emplace_back("X-KB-Version", model()->version());
  metrics_.record("other", status, 0);
  return response;
}

Response Api::dispatch(const Request& request, std::string_view path, const std::string& query,
                       const engine::Model& model, engine::Lang& lang) {
  // Until the body's "lang" is read: ?lang= or Accept-Language, when they say one.
  try {
    lang = language_of(request, nullptr, query);
  } catch (const ApiError&) {  // a bad ?lang, reported below where it is read again
  }
  bool const get = request.method == "GET" || request.method == "HEAD";
  for (const detail::Asset& asset : detail::assets()) {
    if (asset.path != path) continue;
    if (!get) throw MethodNotAllowed{"GET, HEAD"};
    Response r;
    r.content_type = std::string(asset.content_type);
    r.body = std::string(asset.body);
    r.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurity));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  }
  if (path == "/healthz" || path == "/metrics") {
    if (!get) throw MethodNotAllowed{"GET, HEAD"};
    if (path == "/healthz") return json_response(Json{{"status", "ok"}, {"kb_version", model.version()}});
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.text(model.version());
    return r;
  }
  const Route* route = nullptr;
  for (const Route& candidate : kRoutes) {
    if (candidate.path == path) route = &candidate;
  }
  if (route == nullptr)
    throw ApiError(404, "not-found",
                   base::word("no such endpoint: {0} (see /openapi.json)", "没有这个接口：{0}（见 /openapi.json）",
                              std::string(path)));
  bool const post = request.method == "POST";
  if (route->method == Method::post ? !post : !get)
    throw MethodNotAllowed{route->method == Method::post ? "POST" : "GET, HEAD"};

  detail::Body body;
  if (post) {
    if (request.body.size() > options_.max_body) throw ApiError(413, "too-large", body_too_large(options_.max_body));
    if (!is_json_type(request.content_type))
      throw ApiError(415, "unsupported-media-type",
                     {"send the request body as application/json", "请以 application/json 发送请求体"});
    body = detail::read_body(request.body);
  } else {
    body = body_from_query(query);
  }
  render::Options r;
  r.lang = language_of(request, post ? &body.members : nullptr, query);
  lang = r.lang;
  Call const call{model, options_, cases_.get(),       std::move(body.members), std::move(body.profile),
                  query, r,        base::beijing_now()};
  if (route->svg != nullptr) {
    Response svg;
    svg.content_type = "image/svg+xml; charset=utf-8";
    svg.body = route->svg(call);
    svg.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return svg;
  }
  if (route->write != nullptr) {  // the route's answer carries kb_version itself
    render::JsonWriter out(2, true);
    route->write(call, out);
    Response r;
    r.body = out.take();
    r.body += '\n';
    return r;
  }
  // Every JSON answer says which knowledge it came from (so do all responses, in X-KB-Version):
  // behind a balancer, a client or an operator can see that all workers answer alike.
  Json answer = route->json(call);
  if (answer.is_object() && !answer.contains("kb_version")) answer["kb_version"] = model.version();
  return json_response(answer);
}

}  // namespace mpadvisor::server
