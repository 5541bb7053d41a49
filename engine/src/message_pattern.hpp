// Rejection-message patterns (ICU regular expressions, docs/dsl.md) decided without running a
// regular expression where that gives the same answer. Most KB patterns are literal texts
// joined by gaps — 名称.*(商业|经营), business.?licen[cs]e, (包含|含有).{0,3}(小程序|微信) —
// and such a pattern matches exactly when its literals occur in the message in order, with
// gaps of the right length between them. One Aho–Corasick pass over the normalised message
// finds the literals of every pattern at once, so deciding all patterns costs about one scan.
//
// A pattern using anything else (anchors, character ranges, a repeated letter…) is planned
// loosely: its plan only says what every match must contain, and the ICU expression decides,
// on the messages that pass. A pattern the planner cannot read at all (escapes such as \d,
// lookaround, a cased non-ASCII letter…) gets a plan that every message passes.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "term_matcher.hpp"

namespace mpadvisor::engine {

// A run of any characters, counted in code points.
struct Gap {
  static constexpr std::uint32_t kUnbounded = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t min = 0, max = 0;
  friend bool operator==(const Gap&, const Gap&) = default;
};

struct LiteralStep {
  Gap before;                           // between the previous step (or the start) and this one
  std::vector<std::uint32_t> literals;  // one of these literal texts (ids in a LiteralTable)
};

// One way a pattern can match: steps in order, then at least `after.min` more characters.
struct LiteralBranch {
  std::vector<LiteralStep> steps;
  Gap after;
};

struct PatternPlan {
  bool exact = false;                   // the branches decide the match; otherwise they only rule messages out
  std::vector<LiteralBranch> branches;  // the pattern can match only where one branch matches
};

// The distinct literal texts of every plan, shared so that one matcher finds them all.
class LiteralTable {
 public:
  std::uint32_t intern(const std::string& text);
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  std::vector<std::string> texts_;
  std::map<std::string, std::uint32_t, std::less<>> index_;
};

// Plans an ICU pattern that is matched case-insensitively against normalised text.
PatternPlan plan_pattern(std::string_view regex, LiteralTable& literals);

// Where the literals of a LiteralTable occur in one normalised message.
class LiteralHits {
 public:
  LiteralHits(const TermMatcher& literals, std::string_view text);
  bool matches(const PatternPlan& plan) const;
  // The literals found, in increasing id order.
  const std::vector<std::uint32_t>& found() const { return found_; }

 private:
  bool matches(const LiteralBranch& branch) const;
  std::uint32_t code_points(std::uint32_t begin, std::uint32_t end) const;

  std::string_view text_;
  std::vector<TermHit> hits_;  // by literal, then position
  std::vector<std::uint32_t> found_;
  mutable std::vector<std::uint32_t> ends_, next_;  // scratch for matches(), kept to save allocations
};

// For a set of plans, the ones a message could match given the literals it holds: a plan
// needs one of its branches' first literals, unless a branch has no literal at all. Most
// messages hold few literals, so few plans are looked at.
class PlanIndex {
 public:
  PlanIndex() = default;
  PlanIndex(const std::vector<const PatternPlan*>& plans, std::size_t literal_count);
  // Indices into the plans given, in increasing order.
  std::vector<std::uint32_t> candidates(const LiteralHits& hits) const;

 private:
  std::vector<std::vector<std::uint32_t>> by_first_literal_;
  std::vector<std::uint32_t> always_;
};

}  // namespace mpadvisor::engine
