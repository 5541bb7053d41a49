// What a cause's message pattern (an ICU regular expression, docs/dsl.md) says in literal
// terms. Most KB patterns are literal texts joined by gaps — 名称.*(商业|经营),
// business.?licen[cs]e, (包含|含有).{0,3}(小程序|微信) — and such a pattern matches exactly
// when its literals occur in the message in order, with gaps of the right length between them.
// The engine decides those patterns from one scan for all their literals instead of running
// a regular expression per pattern.
//
// A pattern using anything else (anchors, character ranges, a repeated letter…) is planned
// loosely: its plan only says what every match must contain, and the regular expression
// decides on the messages that pass. A pattern the planner cannot read at all (escapes such
// as \d, lookaround, a cased non-ASCII letter…) gets a plan every message passes. `kb check`
// notes the patterns that are not planned exactly.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::dsl {

// A run of any characters, counted in code points.
struct Gap {
  static constexpr std::uint32_t kUnbounded = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t min = 0, max = 0;
  friend bool operator==(const Gap&, const Gap&) = default;
};

struct PlannedStep {
  Gap before;                      // between the previous step (or the start) and this one
  std::vector<std::string> texts;  // one of these texts (lower-case, as messages are normalised)
};

// One way a pattern can match: steps in order, then at least `after.min` more characters.
struct PlannedBranch {
  std::vector<PlannedStep> steps;
  Gap after;
};

struct PatternPlan {
  bool exact = false;                   // the branches decide the match; otherwise they only rule messages out
  std::vector<PlannedBranch> branches;  // the pattern can match only where one branch matches
};

// Plans a pattern that is matched case-insensitively, with an unanchored search, against
// normalised text (docs/dsl.md: lower case, Simplified, no punctuation or line breaks).
PatternPlan plan_pattern(std::string_view regex);

}  // namespace mpadvisor::dsl
