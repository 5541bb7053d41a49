// The API as a pure function: every endpoint, every error status, the language choice, the
// metrics, and the answers' shape checked against the served OpenAPI document. No sockets.
#include "mpadvisor/server/api.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/examples.hpp"
#include "support/http.hpp"
#include "support/kb.hpp"
#include "support/run.hpp"

namespace mpadvisor::server {
namespace {

using nlohmann::json;
using testing::read_text;
using testing::source_dir;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = testing::model_at(source_dir() / "kb"); }
  static std::shared_ptr<const engine::Model> model_;

  Api api{model_, {}};

  Response post(const std::string& path, const json& body, const std::string& type = "application/json") {
    return api.handle({"POST", path, type, "", body.dump()});
  }
  Response get(const std::string& target, const std::string& accept_language = "") {
    return api.handle({"GET", target, "", accept_language, ""});
  }
  static json example(const std::string& name) {
    return json::parse(read_text(source_dir() / "kb/examples" / (name + ".json")));
  }
  static json body_of(const Response& r) { return json::parse(r.body); }
};
std::shared_ptr<const engine::Model> ApiTest::model_;

// The problem+json a bad request gets: the status, a documented type, a detail.
void expect_problem(const Response& r, int status, const std::string& type, const std::string& detail_part = "") {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.content_type, "application/problem+json");
  json const j = json::parse(r.body);
  EXPECT_EQ(j["status"], status);
  EXPECT_EQ(j["type"], "/problems/" + type);
  EXPECT_EQ(j["title"], std::string(reason_phrase(status)));
  EXPECT_NE(j["detail"].get<std::string>().find(detail_part), std::string::npos) << j["detail"];
}

TEST_F(ApiTest, DiagnoseAnswersAsTheCommandLineDoesForEveryExample) {
  for (const std::string& name : testing::example_names()) {
    testing::TempDir home;
    auto cli = testing::run_mpadvisor({"--format", "json", "--lang", "en", "diagnose", "kb/examples/" + name + ".json"},
                                      home.path());
    Response const r = post("/v1/diagnose", {{"profile", example(name)}, {"lang", "en"}});
    ASSERT_EQ(r.status, 200) << name << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(r.body, cli.out) << name;
  }
}

TEST_F(ApiTest, LanguageComesFromTheBodyThenTheQueryThenAcceptLanguage) {
  auto verdict_text = [](const Response& r) { return json::parse(r.body)["blockers"][0]["title"].get<std::string>(); };
  json const yoga = example("yoga_name_rejected");
  std::string const en = verdict_text(post("/v1/diagnose", {{"profile", yoga}, {"lang", "en"}}));
  std::string const zh = verdict_text(post("/v1/diagnose", {{"profile", yoga}, {"lang", "zh"}}));
  EXPECT_NE(en, zh);
  Request r{"POST", "/v1/diagnose", "application/json", "zh-CN,zh;q=0.9,en;q=0.8", json{{"profile", yoga}}.dump()};
  EXPECT_EQ(verdict_text(api.handle(r)), zh);
  r.accept_language = "fr-FR, en;q=0.5";
  EXPECT_EQ(verdict_text(api.handle(r)), en);
  r.target = "/v1/diagnose?lang=zh";
  EXPECT_EQ(verdict_text(api.handle(r)), zh);
  expect_problem(post("/v1/diagnose", {{"profile", yoga}, {"lang", "fr"}}), 400, "bad-request", "\"lang\"");
}

// A problem's detail is in the answer's language, even for mistakes found before the body's
// "lang" is read; the title stays the HTTP reason phrase.
TEST_F(ApiTest, ProblemsAreWordedInTheAnswersLanguage) {
  auto detail = [](const Response& r) { return json::parse(r.body)["detail"].get<std::string>(); };
  Response const bad = post("/v1/diagnose", {{"profile", {{"entity", "robot"}}}, {"lang", "zh"}});
  expect_problem(bad, 422, "invalid-profile");
  EXPECT_EQ(detail(bad),
            "资料：字段“entity”没有取值“robot”（可选其一：personal, enterprise, individual_business, other）");
  Response const en = post("/v1/diagnose", {{"profile", {{"entity", "robot"}}}, {"lang", "en"}});
  EXPECT_EQ(detail(en),
            "profile: fact 'entity' has no value 'robot' (expected one of personal, enterprise, "
            "individual_business, other)");
  EXPECT_EQ(detail(get("/v1/nowhere", "zh-CN")), "没有这个接口：/v1/nowhere（见 /openapi.json）");
  EXPECT_EQ(detail(get("/v1/nowhere?lang=zh")), "没有这个接口：/v1/nowhere（见 /openapi.json）");
  EXPECT_EQ(detail(get("/v1/nowhere")), "no such endpoint: /v1/nowhere (see /openapi.json)");
  Response const unknown =
      post("/v1/diagnose", {{"profile", json::object()}, {"target", "filing.sumbit"}, {"lang", "zh"}});
  EXPECT_EQ(detail(unknown), R"("target"：“filing.sumbit”不是知识库中的步骤；是不是“filing.submit”？)");
  // A body that is not JSON is placed by line and column in words, without the parser's English.
  Request broken{"POST", "/v1/diagnose?lang=zh", "application/json", "", "{\"profile\": "};
  EXPECT_EQ(detail(api.handle(broken)), "请求体不是 JSON：第 1 行第 13 列：内容在这里意外结束（缺少括号或引号？）");
}

TEST_F(ApiTest, WhatIfWithTheSuggestedRenameResolvesTheCommercialName) {
  json const j = body_of(
      post("/v1/whatif", {{"profile", example("yoga_name_rejected")}, {"set", {{"name", "个人学习笔记工具"}}}}));
  EXPECT_EQ(j["verdict_before"], "blocked");
  EXPECT_EQ(j["verdict_after"], "clear");
  ASSERT_FALSE(j["resolved"].empty());
  EXPECT_EQ(j["resolved"][0]["cause"], "name_commercial");
  expect_problem(post("/v1/whatif", {{"profile", example("yoga_name_rejected")}}), 400, "bad-request", "\"set\"");
  expect_problem(post("/v1/whatif", {{"profile", json::object()}, {"set", {{"nmae", "x"}}}}), 422, "unknown-name",
                 "did you mean 'name'");
  expect_problem(post("/v1/whatif", {{"profile", json::object()}, {"set", {{"entity", "robot"}}}}), 422,
                 "invalid-profile", "entity");
}

TEST_F(ApiTest, WhyExplainsARuleAndAStep) {
  json const rule =
      body_of(post("/v1/why", {{"profile", example("yoga_name_rejected")}, {"name", "filing.name_commercial"}}));
  EXPECT_EQ(rule["rule"], "filing.name_commercial");
  json const step = body_of(post("/v1/why", {{"profile", example("yoga_name_rejected")}, {"name", "filing.submit"}}));
  EXPECT_EQ(step["step"], "filing.submit");
  expect_problem(post("/v1/why", {{"profile", json::object()}, {"name", "nothing.here"}}), 422, "unknown-name");
  // A mistyped name is answered with the nearest one, as every other unknown name is.
  expect_problem(post("/v1/why", {{"profile", json::object()}, {"name", "filing.submt"}}), 422, "unknown-name",
                 "did you mean 'filing.submit'");
  expect_problem(post("/v1/why", {{"profile", json::object()}, {"name", "filing.name_comercial"}, {"why_not", true}}),
                 422, "unknown-name", "did you mean 'filing.name_commercial'");
  expect_problem(post("/v1/why", {{"profile", json::object()}}), 400, "bad-request", "\"name\"");
}

TEST_F(ApiTest, RejectionRanksTheCommercialNameFirstForAChineseMessage) {
  json const j = body_of(post("/v1/rejection", {{"profile", example("yoga_name_rejected")},
                                                {"message", "名称含有“瑜伽”“预约”等商业性质词汇，不符合个人备案要求"},
                                                {"stage", "filing.platform_review"}}));
  ASSERT_FALSE(j["rejection"]["causes"].empty());
  EXPECT_EQ(j["rejection"]["causes"][0]["cause"], "name_commercial");
  EXPECT_EQ(j["rejection"]["similar_cases"], json::array());  // no case base configured
  EXPECT_EQ(j["diagnosis"]["verdict"], "blocked");
  expect_problem(post("/v1/rejection", {{"profile", json::object()}}), 400, "bad-request", "\"message\"");
  expect_problem(post("/v1/rejection", {{"profile", json::object()}, {"message", std::string(70000, 'x')}}), 413,
                 "too-large", "64 KiB");
  expect_problem(post("/v1/rejection", {{"profile", json::object()}, {"message", "x"}, {"stage", "filing.sumbit"}}),
                 422, "unknown-name", "did you mean 'filing.submit'");
  expect_problem(post("/v1/rejection", {{"profile", json::object()}, {"message", "x"}, {"limit", 0}}), 400,
                 "bad-request", "\"limit\"");
}

TEST_F(ApiTest, RejectionReadsSimilarCasesFromTheCaseBase) {
  testing::TempDir home;
  // The command line creates and seeds the case base on first use, as serve does at start.
  auto seeded = testing::run_mpadvisor({"cases", "list"}, home.path());
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  ApiOptions options;
  options.case_db = home.path() / "mpadvisor/cases.db";
  Api with_cases(model_, options);
  Response const r = with_cases.handle(
      {"POST", "/v1/rejection", "application/json", "",
       json{{"profile", example("yoga_name_rejected")}, {"message", "小程序名称含有商业性质词汇"}, {"limit", 3}}
           .dump()});
  json const j = body_of(r);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(j["rejection"]["similar_cases"].empty());
  EXPECT_LE(j["rejection"]["similar_cases"].size(), 3u);

  options.case_db = home.path() / "not-a-folder/cases.db";
  std::filesystem::create_directories(home.path() / "not-a-folder");
  std::ofstream(home.path() / "not-a-folder/cases.db") << "this is not an SQLite database, it is only text\n";
  Api broken(model_, options);
  expect_problem(broken.handle({"POST", "/v1/rejection", "application/json", "",
                                json{{"profile", json::object()}, {"message", "x"}}.dump()}),
                 503, "case-base-unavailable");
}

TEST_F(ApiTest, PlanOffersTheRenameWithItsCostAndWindow) {
  json const j = body_of(post("/v1/plan", {{"profile", example("yoga_name_rejected")}, {"top", 2}}));
  ASSERT_FALSE(j["plans"].empty());
  EXPECT_LE(j["plans"].size(), 2u);
  EXPECT_EQ(j["plans"][0]["changes"][0]["fact"], "name");
  EXPECT_TRUE(j["plans"][0]["release_window"].contains("earliest"));
  expect_problem(post("/v1/plan", {{"profile", json::object()}, {"top", 0}}), 400, "bad-request", "\"top\"");
  expect_problem(post("/v1/plan", {{"profile", json::object()}, {"weights", {{"euro", 1}}}}), 400, "bad-request");
  expect_problem(post("/v1/plan", {{"profile", json::object()}, {"keep", {"nmae"}}}), 422, "unknown-name");
}

TEST_F(ApiTest, InterviewAsksUntilSettledThenGivesTheDiagnosis) {
  json profile = json::object();
  json const yoga = example("yoga_name_rejected");
  std::vector<std::string> skipped;
  for (int asked = 0; asked < 60; ++asked) {
    json const j = body_of(post("/v1/interview/next", {{"profile", profile}, {"skipped", skipped}}));
    if (j.contains("done")) {
      EXPECT_EQ(j["done"]["diagnosis"]["verdict"], "blocked");
      EXPECT_EQ(j["done"]["diagnosis"]["blockers"][0]["causes"][0]["cause"], "name_commercial");
      return;
    }
    std::string const fact = j["question"]["fact"];
    if (yoga.contains(fact)) {
      profile[fact] = yoga[fact];
    } else {
      skipped.push_back(fact);
    }
  }
  FAIL() << "the interview did not end within 60 questions";
}

TEST_F(ApiTest, KbListsStepsAndFactsInBothLanguages) {
  Response const r = get("/v1/kb");
  ASSERT_EQ(r.status, 200);
  json const j = json::parse(r.body);
  EXPECT_EQ(j["kb_version"], model_->version());
  ASSERT_FALSE(j["facts"].empty());
  for (const json& f : j["facts"]) {
    EXPECT_TRUE(f["question"].contains("zh") && f["question"].contains("en")) << f["fact"];
  }
  EXPECT_EQ(j["steps"].size(), model_->steps().size());
  // The term lists by title, which evidence of a matched word names.
  ASSERT_EQ(j["term_lists"].size(), model_->term_lists().size());
  auto commercial = std::find_if(j["term_lists"].begin(), j["term_lists"].end(),
                                 [](const json& t) { return t["list"] == "commercial_words"; });
  ASSERT_NE(commercial, j["term_lists"].end());
  EXPECT_EQ((*commercial)["title"]["zh"], "商业性词汇");
  EXPECT_EQ((*commercial)["title"]["en"], "Commercial words");
}

TEST_F(ApiTest, GraphIsAnSvgColouredByStatusFromBodyOrQuery) {
  Response const plain = post("/v1/graph", json::object());
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.content_type, "image/svg+xml; charset=utf-8");
  EXPECT_EQ(plain.body.rfind("<svg", 0), 0u);
  Response const posted = post("/v1/graph", {{"profile", example("yoga_name_rejected")}});
  EXPECT_NE(posted.body.find("data-step=\"filing.submit\" data-status=\"blocked\""), std::string::npos);
  // The same profile as base64url in the query.
  std::string const encoded = testing::base64url(example("yoga_name_rejected").dump());
  Response const queried = get("/v1/graph.svg?profile=" + encoded);
  ASSERT_EQ(queried.status, 200) << queried.body;
  EXPECT_EQ(queried.body, posted.body);
  expect_problem(get("/v1/graph.svg?profile=%%%"), 400, "bad-request", "base64url");
  expect_problem(get("/v1/graph.svg?profile=bm90IGpzb24"), 400, "bad-json");  // "not json"
  // An unknown target is refused with or without a profile.
  expect_problem(get("/v1/graph.svg?target=filing.sumbit"), 422, "unknown-name", "did you mean 'filing.submit'");
  expect_problem(post("/v1/graph", {{"target", "nope"}}), 422, "unknown-name");
}

// Bytes that are not UTF-8 are placed in the whole body, where a client can find them, not
// within the member holding them.
TEST_F(ApiTest, ABodyThatIsNotUtf8IsPlacedInTheWholeBody) {
  Response const r =
      api.handle({"POST", "/v1/diagnose", "application/json", "", "{\"profile\":{\"name\":\"\xff\xfe\"}}"});
  expect_problem(r, 400, "bad-json", "column 21");
  EXPECT_EQ(r.body.find("in \\\"profile\\\""), std::string::npos) << r.body;
}

TEST_F(ApiTest, EveryErrorStatusIsProblemJsonWithTheReason) {
  expect_problem(get("/v2/diagnose"), 404, "not-found", "/v2/diagnose");
  Response const wrong_method = get("/v1/diagnose");
  expect_problem(wrong_method, 405, "method-not-allowed");
  ASSERT_FALSE(wrong_method.headers.empty());
  EXPECT_TRUE(std::find(wrong_method.headers.begin(), wrong_method.headers.end(),
                        std::pair<std::string, std::string>{"Allow", "POST"}) != wrong_method.headers.end());
  expect_problem(api.handle({"DELETE", "/healthz", "", "", ""}), 405, "method-not-allowed");
  expect_problem(post("/v1/diagnose", {{"profile", json::object()}}, "text/plain"), 415, "unsupported-media-type");
  expect_problem(api.handle({"POST", "/v1/diagnose", "application/json", "", "{\"profile\": "}), 400, "bad-json",
                 "not JSON");
  expect_problem(api.handle({"POST", "/v1/diagnose", "application/json", "", "[1,2]"}), 400, "bad-json", "object");
  expect_problem(api.handle({"POST", "/v1/diagnose", "application/json", "", ""}), 400, "bad-json");
  expect_problem(post("/v1/diagnose", json::object()), 400, "bad-request", "\"profile\"");
  expect_problem(post("/v1/diagnose", {{"profile", "entity=personal"}}), 400, "bad-request", "object");
  expect_problem(post("/v1/diagnose", {{"profile", {{"entity", "robot"}}}}), 422, "invalid-profile", "entity");
  expect_problem(post("/v1/diagnose", {{"profile", {{"filed_count", "many"}}}}), 422, "invalid-profile", "filed_count");
  expect_problem(post("/v1/diagnose", {{"profile", json::object()}, {"target", "publish.relase"}}), 422, "unknown-name",
                 "did you mean 'publish.release'");
  ApiOptions small;
  small.max_body = 64;
  Api limited(model_, small);
  expect_problem(limited.handle({"POST", "/v1/diagnose", "application/json; charset=utf-8", "",
                                 json{{"profile", example("yoga_name_rejected")}}.dump()}),
                 413, "too-large", "64 bytes");
}

// The body's profile goes to the profile reader as text; its members are read however they
// are written, and JSON broken inside the profile is still a 400, not a profile error.
TEST_F(ApiTest, TheBodyIsReadTheSameWhateverItsSpelling) {
  auto diagnose_raw = [&](const std::string& body) {
    return api.handle({"POST", "/v1/diagnose", "application/json", "", body});
  };
  std::string const yoga = example("yoga_name_rejected").dump();
  Response const plain = diagnose_raw("{\"profile\": " + yoga + ", \"lang\": \"en\"}");
  ASSERT_EQ(plain.status, 200) << plain.body;
  // Escaped keys, white space everywhere, members in another order, a repeated member.
  EXPECT_EQ(diagnose_raw("\n {\"lang\" : \"en\" ,\n\t\"pro\\u0066ile\"\r\n:" + yoga + " } \n").body, plain.body);
  EXPECT_EQ(diagnose_raw("{\"lang\": \"en\", \"profile\": {}, \"profile\": " + yoga + "}").body, plain.body);
  EXPECT_EQ(diagnose_raw("{\"profile\": " + yoga + ", \"lang\": \"en\", \"note\": [1, {\"a]\": \"}\"}]}").body,
            plain.body);
  expect_problem(diagnose_raw("{\"profile\": {\"entity\": tru}}"), 400, "bad-json", "\"profile\"");
  expect_problem(diagnose_raw("{\"profile\": {\"entity\": \"personal\"}, \"lang\": en}"), 400, "bad-json", "not JSON");
  expect_problem(diagnose_raw("{\"profile\": {\"entity\": \"personal\"]}"), 400, "bad-json", "not JSON");
  expect_problem(diagnose_raw("{\"profile\": {}} {}"), 400, "bad-json", "not JSON");
  expect_problem(diagnose_raw("{\"profile\": null}"), 400, "bad-request", "object");
  expect_problem(diagnose_raw("{\"profile\": [{}]}"), 400, "bad-request", "object");
}

TEST_F(ApiTest, HealthMetricsAndThePageAreServed) {
  json const health = body_of(get("/healthz"));
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["kb_version"], model_->version());
  post("/v1/diagnose", {{"profile", json::object()}});
  get("/nowhere");
  Response const metrics = get("/metrics");
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(metrics.body.find("mpadvisor_requests_total{path=\"/v1/diagnose\",status=\"2xx\"} 1\n"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("mpadvisor_requests_total{path=\"other\",status=\"4xx\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("mpadvisor_request_errors_total 1\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("mpadvisor_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("mpadvisor_kb_info{version=\"" + model_->version() + "\"} 1"), std::string::npos);

  Response const page = get("/");
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body, read_text(source_dir() / "server/web/index.html"));
  EXPECT_EQ(get("/app.js").body, read_text(source_dir() / "server/web/app.js"));
  EXPECT_EQ(get("/style.css").content_type, "text/css; charset=utf-8");
  bool has_csp = false;
  for (const auto& [name, value] : page.headers) has_csp |= name == "Content-Security-Policy";
  EXPECT_TRUE(has_csp);
  // Nothing on the page comes from elsewhere: no CDN, no external font.
  for (const char* file : {"index.html", "app.js", "style.css"}) {
    std::string const text = read_text(source_dir() / "server/web" / file);
    EXPECT_EQ(text.find("http://"), std::string::npos) << file;
    EXPECT_EQ(text.find("//cdn"), std::string::npos) << file;
  }
}

TEST_F(ApiTest, AReplacedModelServesTheNextRequest) {
  auto other = testing::model_from(R"(step only { title zh "唯一" en "Only" }
goal only)");
  ASSERT_TRUE(other);
  api.replace_model(other);
  EXPECT_EQ(json::parse(get("/healthz").body)["kb_version"], other->version());
}

// --- the OpenAPI document -----------------------------------------------------------------

// Follows "$ref": "#/components/…" inside the document.
const json& resolve(const json& doc, const json& node) {
  if (!node.contains("$ref")) return node;
  std::string const ref = node["$ref"];
  EXPECT_EQ(ref.rfind("#/", 0), 0u) << ref;
  return doc.at(json::json_pointer(ref.substr(1)));
}

// The part of JSON Schema the document uses: type, required, properties, items, enum, nullable.
void validate(const json& doc, const json& schema_node, const json& value, const std::string& where) {
  const json& schema = resolve(doc, schema_node);
  if (value.is_null() && schema.value("nullable", false)) return;
  if (schema.contains("type")) {
    std::string const type = schema["type"];
    bool const ok = type == "object"    ? value.is_object()
                    : type == "array"   ? value.is_array()
                    : type == "string"  ? value.is_string()
                    : type == "integer" ? value.is_number_integer()
                    : type == "number"  ? value.is_number()
                    : type == "boolean" ? value.is_boolean()
                                        : false;
    ASSERT_TRUE(ok) << where << ": expected " << type << ", got " << value.dump().substr(0, 200);
  }
  if (schema.contains("enum")) {
    EXPECT_NE(std::find(schema["enum"].begin(), schema["enum"].end(), value), schema["enum"].end())
        << where << ": " << value << " is not one of " << schema["enum"];
  }
  for (const json& key : schema.value("required", json::array())) {
    EXPECT_TRUE(value.contains(key.get<std::string>())) << where << ": missing required '" << key << "'";
  }
  if (value.is_object() && schema.contains("properties")) {
    for (const auto& [key, sub] : schema["properties"].items()) {
      if (value.contains(key)) validate(doc, sub, value[key], where + "." + key);
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i)
      validate(doc, schema["items"], value[i], where + "[" + std::to_string(i) + "]");
  }
}

TEST_F(ApiTest, OpenApiDocumentIsServedWellFormedAndMatchesTheAnswers) {
  Response const served = get("/openapi.json");
  ASSERT_EQ(served.status, 200);
  json const doc = json::parse(served.body);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  ASSERT_TRUE(doc["info"].contains("title") && doc["info"].contains("version"));
  // Every $ref anywhere in the document resolves.
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_object()) {
      if (node.contains("$ref")) {
        EXPECT_NO_THROW((void)resolve(doc, node)) << node["$ref"];
      }
      for (const auto& [k, v] : node.items()) walk(v);
    } else if (node.is_array()) {
      for (const json& v : node) walk(v);
    }
  };
  walk(doc);
  // Every operation documents its responses; every documented path answers something other
  // than 404, with the documented method.
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(op.contains("responses") && op.contains("operationId")) << path;
      std::string const m = method == "get" ? "GET" : "POST";
      Response const r = api.handle({m, path, "application/json", "", m == "POST" ? "{}" : ""});
      EXPECT_NE(r.status, 404) << path;
      EXPECT_NE(r.status, 405) << method << " " << path;
    }
  }
  // The real answers fit their documented schemas.
  auto schema_of = [&](const std::string& path, const std::string& method) -> const json& {
    return doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"];
  };
  json const yoga = example("yoga_name_rejected");
  json const unknown = example("unknown_facts");
  validate(doc, schema_of("/v1/diagnose", "post"), body_of(post("/v1/diagnose", {{"profile", yoga}})), "diagnose");
  validate(doc, schema_of("/v1/diagnose", "post"), body_of(post("/v1/diagnose", {{"profile", unknown}})), "diagnose");
  validate(doc, schema_of("/v1/whatif", "post"),
           body_of(post("/v1/whatif", {{"profile", yoga}, {"set", {{"name", "个人学习笔记工具"}}}})), "whatif");
  validate(doc, schema_of("/v1/rejection", "post"),
           body_of(post("/v1/rejection", {{"profile", yoga}, {"message", "名称含商业词汇"}})), "rejection");
  validate(doc, schema_of("/v1/plan", "post"), body_of(post("/v1/plan", {{"profile", yoga}})), "plan");
  validate(doc, schema_of("/v1/interview/next", "post"),
           body_of(post("/v1/interview/next", {{"profile", json::object()}})), "interview");
  validate(doc, schema_of("/v1/interview/next", "post"), body_of(post("/v1/interview/next", {{"profile", yoga}})),
           "interview");
  validate(doc, schema_of("/v1/kb", "get"), body_of(get("/v1/kb")), "kb");
  validate(doc, schema_of("/healthz", "get"), body_of(get("/healthz")), "healthz");
  validate(doc, doc["components"]["schemas"]["Problem"], body_of(get("/missing")), "problem");
}

}  // namespace
}  // namespace mpadvisor::server

namespace mpadvisor::server {
namespace {

// Found by fuzz/fuzz_api.cpp: a body cut inside a UTF-8 character made the parse error quote
// half a character, and writing the problem then threw. Every answer is valid UTF-8 JSON.
TEST_F(ApiTest, BytesThatAreNotUtf8NeverBreakTheAnswer) {
  for (const std::string& body : {std::string("{\"profile\": {\"name\": \"\xe5\xad"),
                                  std::string("{\"profile\": {\"name\": \"\xe5\xad\xa6\"}, \x80}"),
                                  std::string("{\"profile\": {\"nam\xe5\xad\": 1}}"),
                                  std::string("1e111100"),  // also found by the fuzzer: a number too large
                                  std::string("{\"profile\": {}, \"limit\": 1e400}")}) {
    Response const r = api.handle({"POST", "/v1/diagnose", "application/json", "", body});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(json::accept(r.body)) << r.body;
  }
}

// Behind a balancer, every answer says which knowledge it came from: kb_version at the top of
// every JSON answer, X-KB-Version on every response (errors and the SVG too).
TEST_F(ApiTest, EveryAnswerCarriesTheKbVersion) {
  json const yoga = example("yoga_name_rejected");
  std::vector<Response> const answers = {
      post("/v1/diagnose", {{"profile", yoga}}),
      post("/v1/whatif", {{"profile", yoga}, {"set", {{"name", "个人学习笔记工具"}}}}),
      post("/v1/why", {{"profile", yoga}, {"name", "filing.submit"}}),
      post("/v1/rejection", {{"profile", yoga}, {"message", "名称含有商业词汇"}}),
      post("/v1/plan", {{"profile", yoga}}),
      post("/v1/interview/next", {{"profile", json::object()}}),
      get("/v1/kb"),
      get("/healthz")};
  for (const Response& r : answers) {
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(body_of(r).value("kb_version", ""), model_->version()) << r.body.substr(0, 200);
  }
  for (const Response& r : {post("/v1/graph", json::object()), get("/nowhere"), get("/")}) {
    auto const header =
        std::find_if(r.headers.begin(), r.headers.end(), [](const auto& h) { return h.first == "X-KB-Version"; });
    ASSERT_NE(header, r.headers.end());
    EXPECT_EQ(header->second, model_->version());
  }
}

}  // namespace
}  // namespace mpadvisor::server
