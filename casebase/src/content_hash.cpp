#include "content_hash.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace mpadvisor::casebase {
namespace {

// Two 64-bit FNV-1a streams with different offsets, each finished with a SplitMix64 mix: 128
// bits, so that two different cases colliding (and one being skipped as a duplicate) is out of
// reach even for millions of cases. Not a cryptographic hash; nothing here needs one.
struct Hasher {
  std::uint64_t a = 0xcbf29ce484222325ULL;
  std::uint64_t b = 0x84222325cbf29ce4ULL;

  void add(std::string_view field) {
    for (unsigned char c : field) {
      a = (a ^ c) * 0x100000001b3ULL;
      b = (b ^ c) * 0x100000001b3ULL;
      b ^= b >> 29;
    }
    // A separator that cannot occur in UTF-8 text, so that ("ab", "c") ≠ ("a", "bc").
    a = (a ^ 0xFF) * 0x100000001b3ULL;
    b = (b ^ 0xFF) * 0x100000001b3ULL;
  }
  void add_optional(const std::optional<std::string>& field) {
    add(field ? std::string_view("1") : std::string_view("0"));
    if (field) add(*field);
  }
  static std::uint64_t mix(std::uint64_t x) {
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
};

}  // namespace

std::string content_hash(const Case& c) {
  Hasher h;
  h.add(c.date);
  h.add(c.stage);
  h.add_optional(c.entity);
  h.add(c.profile);
  h.add(c.message);
  h.add(std::to_string(c.causes.size()));
  for (const std::string& cause : c.causes) h.add(cause);
  h.add_optional(c.fix);
  h.add(to_string(c.outcome));
  h.add(c.source);
  return fmt::format("{:016x}{:016x}", Hasher::mix(h.a), Hasher::mix(h.b));
}

}  // namespace mpadvisor::casebase
