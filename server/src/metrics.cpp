#include "mpadvisor/server/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mpadvisor::server {

std::size_t Metrics::endpoint_index(std::string_view path) {
  auto it = std::find(kEndpoints.begin(), kEndpoints.end() - 1, path);
  return static_cast<std::size_t>(it - kEndpoints.begin());  // the last one is "other"
}

std::size_t Metrics::status_class(int status) { return static_cast<std::size_t>(std::clamp(status / 100, 2, 5) - 2); }

void Metrics::record(std::string_view path, int status, double seconds) {
  requests_[endpoint_index(path)][status_class(status)].fetch_add(1, std::memory_order_relaxed);
  auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  buckets_[static_cast<std::size_t>(bucket - kBuckets.begin())].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::text(std::string_view kb_version) const {
  static constexpr std::array<std::string_view, 4> kClasses = {"2xx", "3xx", "4xx", "5xx"};
  std::string out;
  out += "# HELP mpadvisor_requests_total HTTP requests answered, by endpoint and status class.\n";
  out += "# TYPE mpadvisor_requests_total counter\n";
  std::uint64_t errors = 0;
  for (std::size_t e = 0; e < kEndpoints.size(); ++e) {
    for (std::size_t c = 0; c < kClasses.size(); ++c) {
      std::uint64_t const n = requests_[e][c].load(std::memory_order_relaxed);
      if (c >= 2) errors += n;
      if (n == 0) continue;
      out += fmt::format("mpadvisor_requests_total{{path=\"{}\",status=\"{}\"}} {}\n", kEndpoints[e], kClasses[c], n);
    }
  }
  out += "# HELP mpadvisor_request_errors_total Requests answered with a 4xx or 5xx status.\n";
  out += "# TYPE mpadvisor_request_errors_total counter\n";
  out += fmt::format("mpadvisor_request_errors_total {}\n", errors);
  out += "# HELP mpadvisor_request_duration_seconds Time to answer a request, from parsed request to response.\n";
  out += "# TYPE mpadvisor_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += buckets_[b].load(std::memory_order_relaxed);
    std::string const le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
    out += fmt::format("mpadvisor_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", le, cumulative);
  }
  out += fmt::format("mpadvisor_request_duration_seconds_sum {}\n",
                     static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6);
  out += fmt::format("mpadvisor_request_duration_seconds_count {}\n", count_.load(std::memory_order_relaxed));
  out += "# HELP mpadvisor_kb_info The knowledge base being served (its content hash).\n";
  out += "# TYPE mpadvisor_kb_info gauge\n";
  out += fmt::format("mpadvisor_kb_info{{version=\"{}\"}} 1\n", kb_version);
  return out;
}

}  // namespace mpadvisor::server
