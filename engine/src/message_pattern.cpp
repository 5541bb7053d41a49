#include "message_pattern.hpp"

#include <algorithm>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::engine {

std::uint32_t LiteralTable::intern(const std::string& text) {
  auto [it, fresh] = index_.emplace(text, static_cast<std::uint32_t>(texts_.size()));
  if (fresh) texts_.push_back(text);
  return it->second;
}

LiteralPlan intern_plan(const dsl::PatternPlan& plan, LiteralTable& literals) {
  LiteralPlan out;
  out.exact = plan.exact;
  for (const dsl::PlannedBranch& b : plan.branches) {
    LiteralBranch branch{{}, b.after, 0};
    for (const dsl::PlannedStep& s : b.steps) {
      LiteralStep step{s.before, {}};
      std::size_t shortest = s.texts.empty() ? 0 : SIZE_MAX;
      for (const std::string& text : s.texts) {
        step.literals.push_back(literals.intern(text));
        shortest = std::min(shortest, base::utf8::count_code_points(text));
      }
      branch.specificity += static_cast<std::uint32_t>(shortest);
      branch.steps.push_back(std::move(step));
    }
    out.branches.push_back(std::move(branch));
  }
  return out;
}

LiteralHits::LiteralHits(const TermMatcher& literals, std::string_view text)
    : text_(text), hits_(literals.find_all(text)) {
  // By literal, then position: a step finds its literals' occurrences by a short search.
  std::sort(hits_.begin(), hits_.end(),
            [](const TermHit& a, const TermHit& b) { return a.term != b.term ? a.term < b.term : a.begin < b.begin; });
  for (const TermHit& h : hits_) {
    if (found_.empty() || found_.back() != h.term) found_.push_back(h.term);
  }
}

PlanIndex::PlanIndex(const std::vector<const LiteralPlan*>& plans, std::size_t literal_count)
    : by_first_literal_(literal_count) {
  for (std::uint32_t i = 0; i < plans.size(); ++i) {
    for (const LiteralBranch& b : plans[i]->branches) {
      if (b.steps.empty()) {
        always_.push_back(i);
        continue;
      }
      for (std::uint32_t id : b.steps.front().literals) {
        auto& list = by_first_literal_[id];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
    }
  }
  always_.erase(std::unique(always_.begin(), always_.end()), always_.end());
}

std::vector<std::uint32_t> PlanIndex::candidates(const LiteralHits& hits) const {
  std::vector<std::uint32_t> out = always_;
  for (std::uint32_t id : hits.found()) {
    if (id < by_first_literal_.size())
      out.insert(out.end(), by_first_literal_[id].begin(), by_first_literal_[id].end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::uint32_t LiteralHits::code_points(std::uint32_t begin, std::uint32_t end) const {
  return static_cast<std::uint32_t>(base::utf8::count_code_points(std::string_view(text_).substr(begin, end - begin)));
}

std::uint32_t LiteralPlan::specificity() const {
  std::uint32_t least = branches.empty() ? 0 : UINT32_MAX;
  for (const LiteralBranch& b : branches) least = std::min(least, b.specificity);
  return least;
}

bool LiteralHits::matches(const LiteralPlan& plan) const {
  return std::any_of(plan.branches.begin(), plan.branches.end(), [&](const LiteralBranch& b) { return matches(b); });
}

std::optional<std::uint32_t> LiteralHits::matching_specificity(const LiteralPlan& plan) const {
  std::optional<std::uint32_t> best;
  for (const LiteralBranch& b : plan.branches) {
    if ((!best || b.specificity > *best) && matches(b)) best = b.specificity;
  }
  return best;
}

bool LiteralHits::matches(const LiteralBranch& branch) const {
  auto const length = static_cast<std::uint32_t>(text_.size());
  auto fits = [&](std::uint32_t from, std::uint32_t to, Gap g) {
    if (from > to) return false;
    if (g.min == 0 && g.max == dsl::Gap::kUnbounded) return true;
    std::uint32_t const n = code_points(from, to);
    return n >= g.min && n <= g.max;
  };
  if (branch.steps.empty()) return code_points(0, length) >= branch.after.min;
  // Where a match of the steps so far can end; the first step may start anywhere after its
  // minimum lead (the search is unanchored, so the lead has no maximum).
  std::vector<std::uint32_t>& ends = ends_;
  std::vector<std::uint32_t>& next = next_;
  ends.clear();
  for (std::size_t s = 0; s < branch.steps.size(); ++s) {
    const LiteralStep& step = branch.steps[s];
    next.clear();
    for (std::uint32_t id : step.literals) {
      auto h = std::lower_bound(hits_.begin(), hits_.end(), id,
                                [](const TermHit& a, std::uint32_t t) { return a.term < t; });
      for (; h != hits_.end() && h->term == id; ++h) {
        bool const reachable = s == 0 ? step.before.min == 0 || code_points(0, h->begin) >= step.before.min
                                      : std::any_of(ends.begin(), ends.end(),
                                                    [&](std::uint32_t e) { return fits(e, h->begin, step.before); });
        if (reachable) next.push_back(h->end);
      }
    }
    if (next.empty()) return false;
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    ends.swap(next);
  }
  return branch.after.min == 0 || std::any_of(ends.begin(), ends.end(), [&](std::uint32_t e) {
           return code_points(e, length) >= branch.after.min;
         });
}

}  // namespace mpadvisor::engine
