// `mpadvisor serve` as a user runs it: it prints the address it bound, answers as
// `diagnose --format json` does, reloads its KB on SIGHUP (keeping the old one when the new
// one is broken), and stops cleanly on SIGTERM.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/http.hpp"
#include "support/process.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

using nlohmann::json;

// Starts serve with ARGS and reads the port from the line it prints first.
struct Serve {
  Serve(std::vector<std::string> args, const std::filesystem::path& home)
      : log(home / "serve.log"), child(with_serve(std::move(args)), home, log) {
    std::string line;
    if (child.read(line) && line.rfind("listening on http://127.0.0.1:", 0) == 0) {
      port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
    }
    first_line = line;
  }
  static std::vector<std::string> with_serve(std::vector<std::string> args) {
    args.insert(args.begin(), "serve");
    return args;
  }
  std::string kb_version() {
    auto reply = http_request(port, "GET", "/healthz");
    return reply ? json::parse(reply->body)["kb_version"].get<std::string>() : "";
  }
  std::filesystem::path log;
  Conversation child;
  std::uint16_t port = 0;
  std::string first_line;
};

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 100; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(Serve, PrintsTheAddressAndAnswersLikeDiagnose) {
  TempDir home;
  Serve s({"--listen", "127.0.0.1:0"}, home.path());
  ASSERT_NE(s.port, 0) << s.first_line;
  std::string const profile = read_text(source_dir() / "kb/examples/yoga_name_rejected.json");
  auto reply = http_request(s.port, "POST", "/v1/diagnose", "{\"lang\": \"en\", \"profile\": " + profile + "}");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  RunResult const cli = run_mpadvisor(
      {"--format", "json", "--lang", "en", "diagnose", "kb/examples/yoga_name_rejected.json"}, home.path());
  EXPECT_EQ(reply->body, cli.out);
  s.child.signal(SIGTERM);
  EXPECT_EQ(s.child.finish(), 0);
  // One line per request, without the profile.
  std::string const log = read_text(s.log);
  EXPECT_NE(log.find("POST /v1/diagnose 200"), std::string::npos) << log;
  EXPECT_EQ(log.find("悦心瑜伽预约"), std::string::npos) << log;
}

TEST(Serve, SighupReloadsTheKbAndKeepsTheOldOneWhenTheNewIsBroken) {
  TempDir home;
  std::filesystem::path const kb = home.path() / "kb";
  std::filesystem::copy(source_dir() / "kb", kb, std::filesystem::copy_options::recursive);
  Serve s({"--kb", kb.string(), "--listen", "127.0.0.1:0"}, home.path());
  ASSERT_NE(s.port, 0) << s.first_line;
  std::string const original = s.kb_version();
  ASSERT_FALSE(original.empty());

  std::string const goals = read_text(kb / "goals.mpk");
  { std::ofstream(kb / "goals.mpk", std::ios::app) << "\nstep broken {\n"; }  // a syntax error
  s.child.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return read_text(s.log).find("reload refused") != std::string::npos; }))
      << read_text(s.log);
  EXPECT_EQ(s.kb_version(), original);  // still serving, the old knowledge
  auto reply = http_request(s.port, "POST", "/v1/diagnose", "{\"profile\": {}}");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);

  // A valid change is taken.
  {
    std::ofstream(kb / "goals.mpk", std::ios::trunc)
        << goals << "\n# a comment: the content hash covers the files' bytes\n";
  }
  s.child.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return s.kb_version() != original && !s.kb_version().empty(); })) << read_text(s.log);
  s.child.signal(SIGTERM);
  EXPECT_EQ(s.child.finish(), 0);
}

TEST(Serve, SighupReloadsAModelFileAndKeepsTheOldOneWhenItIsDamaged) {
  TempDir home;
  std::filesystem::path const kb = home.path() / "kb", model = home.path() / "kb.mpm";
  std::filesystem::copy(source_dir() / "kb", kb, std::filesystem::copy_options::recursive);
  ASSERT_EQ(run_mpadvisor({"kb", "compile", kb.string(), "-o", model.string()}, home.path()).exit_code, 0);
  Serve s({"--kb", model.string(), "--listen", "127.0.0.1:0"}, home.path());
  ASSERT_NE(s.port, 0) << s.first_line;
  std::string const original = s.kb_version();
  ASSERT_FALSE(original.empty());

  std::string const bytes = read_text(model);
  { std::ofstream(model, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2); }
  s.child.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return read_text(s.log).find("reload refused") != std::string::npos; }))
      << read_text(s.log);
  EXPECT_NE(read_text(s.log).find("truncated"), std::string::npos) << read_text(s.log);
  EXPECT_EQ(s.kb_version(), original);

  { std::ofstream(kb / "goals.mpk", std::ios::app) << "\n# a comment: another KB version\n"; }
  ASSERT_EQ(run_mpadvisor({"kb", "compile", kb.string(), "-o", model.string()}, home.path()).exit_code, 0);
  s.child.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return s.kb_version() != original && !s.kb_version().empty(); })) << read_text(s.log);
  s.child.signal(SIGTERM);
  EXPECT_EQ(s.child.finish(), 0);
}

TEST(Serve, BadListenIsUsageAndABusyPortIsTheEnvironment) {
  TempDir home;
  RunResult const bad = run_mpadvisor({"serve", "--listen", "127.0.0.1:http"}, home.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "mpadvisor: error: --listen: 'http' is not a port number (0–65535)\n");
  RunResult const not_ip = run_mpadvisor({"serve", "--listen", "example.org:80"}, home.path());
  EXPECT_EQ(not_ip.exit_code, 3);
  EXPECT_NE(not_ip.err.find("'example.org' is not an IP address"), std::string::npos) << not_ip.err;

  Serve first({"--listen", "127.0.0.1:0"}, home.path());
  ASSERT_NE(first.port, 0);
  RunResult const taken = run_mpadvisor({"serve", "--listen", "127.0.0.1:" + std::to_string(first.port)}, home.path());
  EXPECT_EQ(taken.exit_code, 3);
  EXPECT_NE(taken.err.find("cannot bind to 127.0.0.1:" + std::to_string(first.port)), std::string::npos) << taken.err;
}

TEST(Serve, ANonLoopbackAddressIsLoggedAsAWarning) {
  TempDir home;
  Serve s({"--listen", "0.0.0.0:0"}, home.path());
  ASSERT_NE(s.first_line.find("listening on http://0.0.0.0:"), std::string::npos) << s.first_line;
  EXPECT_TRUE(eventually([&] { return read_text(s.log).find("not a loopback address") != std::string::npos; }));
}

}  // namespace
}  // namespace mpadvisor::testing
