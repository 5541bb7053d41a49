// Finds every term of a list in a text in one pass (Aho–Corasick over normalised UTF-8
// bytes). Latin terms match on word boundaries only, so `art` does not match `start`;
// Chinese terms match anywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::engine {

struct TermHit {
  std::uint32_t term = 0;   // index into the terms given to the matcher
  std::uint32_t begin = 0;  // byte range in the searched (normalised) text
  std::uint32_t end = 0;
};

class TermMatcher {
 public:
  TermMatcher() = default;
  // `terms` must already be normalised; empty terms are ignored. Without `word_boundaries`
  // Latin terms match inside words too (for substring tests such as regex prefilters).
  explicit TermMatcher(const std::vector<std::string>& terms, bool word_boundaries = true);

  // The first hit (leftmost, then longest), if any.
  bool find_first(std::string_view text, TermHit* hit) const;
  // Every hit, in text order.
  std::vector<TermHit> find_all(std::string_view text) const;
  std::size_t size() const { return terms_.size(); }
  // Index of a term equal to the whole text, or -1.
  int find_exact(std::string_view text) const;

 private:
  struct State {
    std::vector<std::pair<unsigned char, std::uint32_t>> next;  // sorted by byte
    std::uint32_t fail = 0;
    std::uint32_t output = UINT32_MAX;     // a term ending here (the longest)
    std::uint32_t dict_link = UINT32_MAX;  // nearest state on the fail chain with an output
  };
  std::uint32_t step(std::uint32_t state, unsigned char byte) const;
  std::uint32_t child(std::uint32_t state, unsigned char byte) const;
  template <typename Visit>
  void scan(std::string_view text, Visit&& visit) const;

  std::vector<State> states_;
  std::vector<std::uint32_t> root_next_;  // dense transitions of the root, for speed
  std::vector<std::string> terms_;
  std::vector<bool> latin_start_, latin_end_;
};

}  // namespace mpadvisor::engine
