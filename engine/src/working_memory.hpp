// The engine's working memory for a run of calls on one thread, which an engine::Scratch owns
// and lends: what reading a profile, diagnosing it and matching rejection messages keep from one
// call to the next so that they neither allocate nor clear arrays sized by the KB each time.
// A call given no Scratch makes fresh working memory of its own.
#pragma once

#include <unicode/regex.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "compiled.hpp"
#include "evaluator.hpp"
#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine::detail {

// The fast profile reader's: `seen` holds, by fact id and then `done` and `rejections`, the
// number of the read that last gave the key; `items` the last array of strings read, as views.
struct ReadingMemory {
  std::vector<std::uint32_t> seen;
  std::uint32_t read = 0;
  std::vector<std::string_view> items;
};

// diagnose()'s, besides the Diagnosis it refills.
struct DiagnosisMemory {
  Evaluator::Memo memo;
  std::vector<std::uint32_t> roots;  // the root blockers' entries, by root (RootReach)
  std::vector<std::uint64_t> reach;  // which roots hold up each blocked step in scope
  std::vector<BlockedStep> spare;    // blocker entries a diagnosis did not need, lists kept
};

// Matchers are costly to create, and not thread-safe: one per loosely planned pattern of the
// model they were last used with.
struct PatternMatchers {
  std::uint64_t instance = 0;
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;

  icu::RegexMatcher* get(const MatchTables& t, std::uint32_t pattern) {
    if (instance != t.instance) {
      matchers.clear();
      for (const std::unique_ptr<icu::RegexPattern>& regex : t.regexes.get()) {
        UErrorCode status = U_ZERO_ERROR;
        matchers.emplace_back(regex ? regex->matcher(status) : nullptr);
        if (U_FAILURE(status)) matchers.back().reset();
      }
      instance = t.instance;
    }
    return matchers[pattern].get();
  }
};

struct WorkingMemory {
  ReadingMemory reading;
  DiagnosisMemory diagnosis;
  PatternMatchers matchers;
};

}  // namespace mpadvisor::engine::detail
