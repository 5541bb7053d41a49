// libFuzzer target for the HTTP API's request handling (server/src/api.cpp and the endpoints)
// on the shipped KB. The first byte picks the endpoint, the rest is the body. Whatever the
// body, the answer is a 2xx or a 4xx problem: a 500 ("a fault of ours") is a bug, never the
// client's input, so it aborts.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/server/api.hpp"

namespace {

using namespace mpadvisor;

server::Api& api() {
  static server::Api instance = [] {
    dsl::KbCheck checked = dsl::load_and_check(MPADVISOR_KB_DIR);
    if (!checked.kb) std::abort();
    return server::Api(engine::compile(*checked.kb), {});
  }();
  return instance;
}

constexpr std::array<const char*, 8> kPaths = {
    "/v1/diagnose", "/v1/whatif", "/v1/why", "/v1/rejection", "/v1/plan", "/v1/graph", "/v1/interview/next", "/v1/kb"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string const path = kPaths[data[0] % kPaths.size()];
  std::string const body(reinterpret_cast<const char*>(data + 1), size - 1);
  server::Response const r =
      api().handle({path == "/v1/kb" ? "GET" : "POST", path, "application/json", "zh-CN,en;q=0.5", body});
  if (r.status >= 500) std::abort();
  return 0;
}
