// Message patterns decided from their literals (see mpadvisor/dsl/pattern_plan.hpp for the
// plans): the literal texts of every plan are interned into one table, so that a single
// Aho–Corasick pass over a normalised message finds them all; LiteralHits then checks each
// branch's order and gaps, and PlanIndex picks the few plans a message could match.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/dsl/pattern_plan.hpp"
#include "term_matcher.hpp"

namespace mpadvisor::engine {

using dsl::Gap;

struct LiteralStep {
  Gap before;
  std::vector<std::uint32_t> literals;  // one of these literal texts (ids in a LiteralTable)
};

struct LiteralBranch {
  std::vector<LiteralStep> steps;
  Gap after;
  // The fewest code points of literal text a match of this branch holds: how much the branch
  // asks of a message (the rejection ranking prefers the cause whose pattern asks more).
  std::uint32_t specificity = 0;
};

// A dsl::PatternPlan with its texts replaced by ids.
struct LiteralPlan {
  bool exact = false;
  std::vector<LiteralBranch> branches;
  std::uint32_t specificity() const;  // the least of its branches'
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

LiteralPlan intern_plan(const dsl::PatternPlan& plan, LiteralTable& literals);

// Where the literals of a LiteralTable occur in one normalised message.
class LiteralHits {
 public:
  LiteralHits(const TermMatcher& literals, std::string_view text);
  bool matches(const LiteralPlan& plan) const;
  // The greatest specificity among the plan's branches that match; nullopt when none does.
  std::optional<std::uint32_t> matching_specificity(const LiteralPlan& plan) const;
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
  PlanIndex(const std::vector<const LiteralPlan*>& plans, std::size_t literal_count);
  // Indices into the plans given, in increasing order.
  std::vector<std::uint32_t> candidates(const LiteralHits& hits) const;

 private:
  friend struct ModelCodec;  // the model file (model_file.cpp)
  std::vector<std::vector<std::uint32_t>> by_first_literal_;
  std::vector<std::uint32_t> always_;
};

}  // namespace mpadvisor::engine
