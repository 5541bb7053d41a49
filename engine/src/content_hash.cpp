#include "content_hash.hpp"

#include <cstring>

namespace mpadvisor::engine {
namespace {

constexpr std::uint64_t kMul = 0xFF51AFD7ED558CCDull;

std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  h ^= w;
  h *= kMul;
  return h ^ (h >> 32);
}

}  // namespace

std::uint64_t content_hash(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t lane[4] = {0x9E3779B97F4A7C15ull ^ bytes.size() ^ seed, 1, 2, 3};
  std::size_t i = 0;
  for (; i + 32 <= bytes.size(); i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, bytes.data() + i, 32);
    for (int k = 0; k < 4; ++k) lane[k] = mix(lane[k], w[k]);
  }
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, bytes.data() + i, 8);
    lane[0] = mix(lane[0], w);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  std::uint64_t h = mix(lane[0], tail);
  for (int k = 1; k < 4; ++k) h = mix(h, lane[k]);
  return h;
}

}  // namespace mpadvisor::engine
