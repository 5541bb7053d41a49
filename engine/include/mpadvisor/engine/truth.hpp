// Kleene's three-valued logic: a fact the applicant has not given is unknown, never false.
#pragma once

#include <cstdint>
#include <string_view>

namespace mpadvisor::engine {

enum class Truth : std::uint8_t { no, yes, unknown };

constexpr Truth truth(bool b) { return b ? Truth::yes : Truth::no; }

constexpr Truth operator!(Truth a) {
  return a == Truth::unknown ? Truth::unknown : a == Truth::yes ? Truth::no : Truth::yes;
}

// false dominates `and`, true dominates `or`; otherwise unknown spreads.
constexpr Truth operator&&(Truth a, Truth b) {
  if (a == Truth::no || b == Truth::no) return Truth::no;
  if (a == Truth::unknown || b == Truth::unknown) return Truth::unknown;
  return Truth::yes;
}

constexpr Truth operator||(Truth a, Truth b) {
  if (a == Truth::yes || b == Truth::yes) return Truth::yes;
  if (a == Truth::unknown || b == Truth::unknown) return Truth::unknown;
  return Truth::no;
}

constexpr std::string_view to_string(Truth t) {
  return t == Truth::yes ? "true" : t == Truth::no ? "false" : "unknown";
}

}  // namespace mpadvisor::engine
