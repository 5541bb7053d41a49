// Counters for GET /metrics, in the Prometheus text format: requests by endpoint and status,
// a latency histogram, and the KB version served. Lock-free: every worker thread adds to them.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace mpadvisor::server {

class Metrics {
 public:
  // The endpoints counted apart; anything else counts as "other".
  static constexpr std::array<std::string_view, 16> kEndpoints = {
      "/",          "/v1/diagnose", "/v1/whatif",    "/v1/why",  "/v1/rejection", "/v1/plan",      "/v1/interview/next",
      "/v1/kb",     "/v1/graph",    "/v1/graph.svg", "/healthz", "/metrics",      "/openapi.json", "/app.js",
      "/style.css", "other"};
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 10> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                      0.005,  0.01,    0.025,  0.1,   1.0};

  void record(std::string_view path, int status, double seconds);
  std::string text(std::string_view kb_version) const;

 private:
  static std::size_t endpoint_index(std::string_view path);
  static std::size_t status_class(int status);  // 2xx, 3xx, 4xx, 5xx

  std::array<std::array<std::atomic<std::uint64_t>, 4>, kEndpoints.size()> requests_{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
};

}  // namespace mpadvisor::server
