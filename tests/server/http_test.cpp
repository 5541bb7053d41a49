// The Beast transport on a real socket (127.0.0.1, an ephemeral port): keep-alive, the size
// limits, the read deadline that drops slow clients, the connection cap, and a graceful stop
// that lets a request in flight finish.
#include "support/http.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "mpadvisor/server/http_server.hpp"
#include "support/kb.hpp"
#include "support/run.hpp"

namespace mpadvisor::server {
namespace {

using nlohmann::json;
using testing::HttpConnection;

class Served {
 public:
  explicit Served(ServerOptions options = {}, ApiOptions api_options = {})
      : api_(model(), api_options), server_(api_, with_test_defaults(std::move(options))) {
    thread_ = std::thread([this] { server_.run(); });
  }
  ~Served() {
    server_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_.port(); }
  HttpServer& server() { return server_; }

  static std::shared_ptr<const engine::Model> model() {
    static auto m = testing::model_at(testing::source_dir() / "kb");
    return m;
  }

 private:
  static ServerOptions with_test_defaults(ServerOptions o) {
    o.port = 0;
    o.handle_signals = false;
    return o;
  }
  Api api_;
  HttpServer server_;
  std::thread thread_;
};

std::string yoga_request() {
  json const profile = json::parse(testing::read_text(testing::source_dir() / "kb/examples/yoga_name_rejected.json"));
  return json{{"profile", profile}}.dump();
}

TEST(HttpServer, BindsAnEphemeralLoopbackPortAndAnswersOverKeepAlive) {
  Served s;
  EXPECT_NE(s.port(), 0);
  EXPECT_EQ(s.server().address(), "127.0.0.1");
  HttpConnection c(s.port());
  ASSERT_TRUE(c.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send("POST", "/v1/diagnose", yoga_request()));
    auto reply = c.receive();
    ASSERT_TRUE(reply) << "request " << i;
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->headers["content-type"], "application/json");
    EXPECT_EQ(reply->headers["x-kb-version"], Served::model()->version());
    EXPECT_EQ(json::parse(reply->body)["verdict"], "blocked");
  }
  ASSERT_TRUE(c.send("HEAD", "/healthz"));
  auto head = c.receive(20000, true);
  ASSERT_TRUE(head);  // HEAD: the length of the body, no body
  EXPECT_EQ(head->status, 200);
  EXPECT_NE(head->headers["content-length"], "0");
  ASSERT_TRUE(c.send("GET", "/healthz"));  // and the connection is still in step
  auto after = c.receive();
  ASSERT_TRUE(after);
  EXPECT_EQ(json::parse(after->body)["status"], "ok");
}

TEST(HttpServer, AnOversizedHeaderGets431AndTheConnectionCloses) {
  Served s;
  HttpConnection c(s.port());
  ASSERT_TRUE(c.send("GET", "/healthz", "", "X-Padding: " + std::string(32 * 1024, 'a') + "\r\n"));
  auto reply = c.receive();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
  EXPECT_EQ(reply->headers["content-type"], "application/problem+json");
  EXPECT_EQ(reply->headers["x-kb-version"], Served::model()->version());  // as every answer
  EXPECT_EQ(reply->reason, json::parse(reply->body)["title"]);
  EXPECT_TRUE(c.closed_within(3000));
}

// Options for a server whose request bodies may hold at most `bytes`, in the transport and
// in the API alike.
std::pair<ServerOptions, ApiOptions> body_limit(std::size_t bytes) {
  ServerOptions o;
  o.max_body = bytes;
  ApiOptions a;
  a.max_body = bytes;
  return {o, a};
}

TEST(HttpServer, ABodyOverTheLimitGets413BeforeItIsRead) {
  auto const [o, a] = body_limit(4096);
  Served s(o, a);
  HttpConnection c(s.port());
  // The header announces 1 MiB; the server answers without waiting for it.
  ASSERT_TRUE(
      c.send_raw("POST /v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Content-Length: 1048576\r\n\r\n{\"profile\": {"));
  auto reply = c.receive();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_NE(json::parse(reply->body)["detail"].get<std::string>().find("4096 bytes"), std::string::npos);
  EXPECT_EQ(reply->headers["x-kb-version"], Served::model()->version());
  // The status line's phrase is the problem's title (RFC 9110's, not the older "Payload Too Large").
  EXPECT_EQ(reply->reason, "Content Too Large");
  EXPECT_EQ(json::parse(reply->body)["title"], "Content Too Large");
}

// Refused before its body is read, a request is still answered in the language its head asks
// for: ?lang= first, then Accept-Language.
TEST(HttpServer, ABodyOverTheLimitIsRefusedInTheLanguageAskedFor) {
  auto const [o, a] = body_limit(4096);
  Served s(o, a);
  for (const char* asks :
       {"/v1/diagnose?lang=zh HTTP/1.1\r\n", "/v1/diagnose HTTP/1.1\r\nAccept-Language: zh-CN\r\n"}) {
    HttpConnection c(s.port());
    ASSERT_TRUE(c.send_raw(std::string("POST ") + asks +
                           "Host: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{"));
    auto reply = c.receive();
    ASSERT_TRUE(reply) << asks;
    EXPECT_EQ(reply->status, 413);
    EXPECT_EQ(json::parse(reply->body)["detail"], "请求体超过了 4096 字节") << asks;
  }
}

TEST(HttpServer, MalformedHttpGets400) {
  Served s;
  HttpConnection c(s.port());
  ASSERT_TRUE(c.send_raw("HELLO THERE\r\n\r\n"));
  auto reply = c.receive();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_EQ(json::parse(reply->body)["type"], "/problems/bad-http");
  EXPECT_EQ(reply->headers["x-kb-version"], Served::model()->version());
}

TEST(HttpServer, ASlowClientIsDroppedAtTheReadDeadline) {
  ServerOptions o;
  o.read_timeout = std::chrono::milliseconds(400);
  Served s(o);
  HttpConnection slow(s.port());
  std::string const request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  auto const start = std::chrono::steady_clock::now();
  bool dropped = false;
  for (char byte : request) {  // one byte every 100 ms: the whole request would take 4 s
    if (!slow.send_raw(std::string(1, byte)) || slow.closed_within(100)) {
      dropped = true;
      break;
    }
  }
  double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(dropped);
  EXPECT_LT(seconds, 2.0);
  // Others are still served.
  auto reply = testing::http_request(s.port(), "GET", "/healthz");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
}

TEST(HttpServer, ConnectionsBeyondTheCapGet503) {
  ServerOptions o;
  o.max_connections = 2;
  Served s(o);
  HttpConnection a(s.port()), b(s.port());
  ASSERT_TRUE(a.send("GET", "/healthz") && a.receive());  // both are open and counted
  ASSERT_TRUE(b.send("GET", "/healthz") && b.receive());
  HttpConnection third(s.port());
  auto reply = third.receive(5000);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 503);
  EXPECT_EQ(json::parse(reply->body)["type"], "/problems/busy");
}

TEST(HttpServer, StopLetsARequestInFlightFinishAndClosesIdleConnections) {
  auto served = std::make_unique<Served>();
  std::uint16_t const port = served->port();
  HttpConnection idle(served->port());
  ASSERT_TRUE(idle.send("GET", "/healthz") && idle.receive());
  HttpConnection busy(served->port());
  // Half a request: the server is reading it when the stop comes.
  std::string const body = yoga_request();
  std::string const head =
      "POST /v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_TRUE(busy.send_raw(head + body.substr(0, 10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  served->server().stop();
  EXPECT_TRUE(idle.closed_within(3000));
  ASSERT_TRUE(busy.send_raw(body.substr(10)));
  auto reply = busy.receive();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["connection"], "close");
  served.reset();                                  // joins the thread: run() has returned
  EXPECT_FALSE(HttpConnection(port).connected());  // nobody listens any more
}

}  // namespace
}  // namespace mpadvisor::server
