// Finds every term of a list in a text in one pass (Aho–Corasick over normalised UTF-8
// bytes). Latin terms match on word boundaries only, so `art` does not match `start`;
// Chinese terms match anywhere.
#pragma once

#include <unicode/utf8.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "flat_array.hpp"

namespace mpadvisor::engine {

struct TermHit {
  std::uint32_t term = 0;   // index into the terms given to the matcher
  std::uint32_t begin = 0;  // byte range in the searched (normalised) text
  std::uint32_t end = 0;
};

class TermMatcher {
 public:
  // Every transition precomputed over whole characters, so that a scan costs one table lookup
  // per character (a third of the steps on Chinese text) instead of a search and a walk up the
  // failure links per byte. Its states are the automaton's states between two characters of a
  // term; its classes the characters the terms use, class 0 every other one (and a byte that
  // starts no valid character), which leads back to the root. Derived from a matcher, never
  // stored in a model file.
  struct DenseTable {
    static constexpr std::uint16_t kEnds = 0x8000;  // in `next`: a term ends here
    // A code point's class: class_of[block_of[cp >> 8] * 256 + (cp & 0xFF)]; block 0 is all 0.
    // ASCII straight from `ascii`.
    std::array<std::uint16_t, 128> ascii{};
    std::vector<std::uint16_t> block_of;
    std::vector<std::uint16_t> class_of;
    std::uint32_t classes = 0;
    // State q on a character of class c: next[q * classes + c], with kEnds set when a term
    // ends there (the state's own or one on its failure chain). Two bytes an entry, so that
    // more of the table stays in the cache: a table with as many states as that allows would
    // be far over kMaxDenseEntries anyway.
    std::vector<std::uint16_t> next;
    std::vector<std::uint32_t> automaton_state;  // by state: the automaton's, for its outputs
    // The class of the character at text[i], and its length in bytes (1 for an invalid byte).
    std::uint32_t class_at(std::string_view text, std::size_t i, std::size_t& length) const;
  };

  TermMatcher() = default;
  // `terms` must already be normalised; empty terms are ignored. Without `word_boundaries`
  // Latin terms match inside words too (for substring tests such as regex prefilters).
  explicit TermMatcher(const std::vector<std::string>& terms, bool word_boundaries = true);

  // The first hit (leftmost, then longest), if any.
  bool find_first(std::string_view text, TermHit* hit) const;
  // Every hit, in text order (through `dense`, this matcher's table, when given).
  std::vector<TermHit> find_all(std::string_view text, const DenseTable* dense = nullptr) const;
  std::size_t size() const { return terms_.size(); }
  // Its tables are used where they lie in a loaded model file (FlatArray), not copied.
  bool borrows_file() const { return states_.borrowed(); }
  // Index of a term equal to the whole text, or -1.
  int find_exact(std::string_view text) const;
  // Calls visit(TermHit) for every hit in text order of their ends; stops when it returns false.
  template <typename Visit>
  void scan(std::string_view text, Visit&& visit, const DenseTable* dense = nullptr) const;
  // This matcher's dense table, or null when it would have more than `max_entries` entries.
  std::unique_ptr<const DenseTable> make_dense(std::size_t max_entries) const;

 private:
  friend struct ModelCodec;  // the model file (model_file.cpp)
  // The automaton in flat arrays (no allocation per state, so a model file loads in bulk),
  // its states numbered breadth first: state s's transitions are the bytes
  // edge_bytes_[edge_begin_[s], edge_begin_[s + 1]), sorted, and the e-th byte leads to
  // state e + 1.
  struct State {
    std::uint32_t fail = 0;
    std::uint32_t output = UINT32_MAX;     // a term ending here (the longest)
    std::uint32_t dict_link = UINT32_MAX;  // nearest state on the fail chain with an output
  };
  std::uint32_t step(std::uint32_t state, unsigned char byte) const;  // through the failure links
  std::uint32_t child(std::uint32_t state, unsigned char byte) const;
  static bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  // Owned when built from terms, borrowed from the file when a model file is loaded.
  FlatArray<State> states_;
  FlatArray<std::uint32_t> edge_begin_;  // by state, and one past the last
  FlatArray<unsigned char> edge_bytes_;
  FlatArray<std::uint32_t> root_next_;  // dense transitions of the root, for speed
  // What a scan needs of each term: its length (where a hit begins) and whether it starts or
  // ends with a Latin letter or digit (whole words only). The texts stay with the lists.
  struct TermShape {
    std::uint32_t length = 0;
    std::uint8_t latin_start = 0, latin_end = 0;
    std::uint16_t unused = 0;  // zero: the bytes of a model file are all meant
  };
  FlatArray<TermShape> terms_;
};

// The project's decoding (base/utf8.hpp: ICU's, an ill-formed byte alone), inline on this path.
inline std::uint32_t TermMatcher::DenseTable::class_at(std::string_view text, std::size_t i,
                                                       std::size_t& length) const {
  auto const first = static_cast<unsigned char>(text[i]);
  if (first < 0x80) {
    length = 1;
    return ascii[first];
  }
  auto at = static_cast<std::int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), at, static_cast<std::int32_t>(text.size()), c);
  if (c < 0) {
    length = 1;
    return 0;
  }
  length = static_cast<std::size_t>(at) - i;
  return class_of[std::size_t{block_of[static_cast<std::uint32_t>(c) >> 8]} * 256 +
                  (static_cast<std::uint32_t>(c) & 0xFF)];
}

template <typename Visit>
void TermMatcher::scan(std::string_view text, Visit&& visit, const DenseTable* dense) const {
  if (states_.size() <= 1) return;
  // The terms that end with the byte before `end` in state s; false when `visit` says stop.
  auto ends = [&](std::uint32_t s, std::size_t end_at) {
    auto const end = static_cast<std::uint32_t>(end_at);
    for (std::uint32_t o = states_[s].output != UINT32_MAX ? s : states_[s].dict_link; o != UINT32_MAX;
         o = states_[o].dict_link) {
      std::uint32_t const t = states_[o].output;
      const TermShape& term = terms_[t];
      auto const begin = static_cast<std::uint32_t>(end - term.length);
      bool const left_ok =
          term.latin_start == 0 || begin == 0 || !is_word_byte(static_cast<unsigned char>(text[begin - 1]));
      bool const right_ok =
          term.latin_end == 0 || end == text.size() || !is_word_byte(static_cast<unsigned char>(text[end]));
      if (left_ok && right_ok && !visit(TermHit{t, begin, end})) return false;
    }
    return true;
  };
  if (dense != nullptr) {
    std::uint32_t q = 0;
    for (std::size_t i = 0, length = 1; i < text.size(); i += length) {
      std::uint32_t const c = dense->class_at(text, i, length);
      std::uint32_t const e = dense->next[q * dense->classes + c];
      q = e & ~std::uint32_t{DenseTable::kEnds};
      if ((e & DenseTable::kEnds) != 0 && !ends(dense->automaton_state[q], i + length)) return;
    }
    return;
  }
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    s = step(s, static_cast<unsigned char>(text[i]));
    if (!ends(s, i + 1)) return;
  }
}

// Every term list's terms in one matcher: one pass over a text tells which lists it hits.
// A term in several lists is one term here, with all its lists.
//
// Every text of every diagnosis goes through this matcher, so it makes its dense table, once,
// after kDenseAfter texts (by the thread that scans that text; the others go on without it
// until it is published). A one-shot diagnosis, a few dozen texts, never pays for the table
// (about half a millisecond of a 9 ms process on the shipped KB); a batch or a server has it
// within its first profiles.
class ListsMatcher {
 public:
  static constexpr std::uint32_t kDenseAfter = 512;
  static constexpr std::size_t kMaxDenseEntries = std::size_t{1} << 20;  // 2 MiB

  ListsMatcher() = default;
  explicit ListsMatcher(const std::vector<std::vector<std::string>>& lists);  // normalised terms, by list

  std::size_t words() const { return words_; }  // 64-bit words of a list mask
  // ORs into `mask` (words() words) the lists that have a term in `text`.
  void hits(std::string_view text, std::uint64_t* mask) const;
  bool has_dense_table() const { return lazy_.table.load(std::memory_order_acquire) != nullptr; }

 private:
  friend struct ModelCodec;
  // The table and what leads to it. Copying or assigning a matcher starts this afresh: it is
  // derived, and a matcher is only copied before it is shared.
  struct LazyDense {
    std::atomic<std::uint32_t> texts{0};
    std::atomic<const TermMatcher::DenseTable*> table{nullptr};
    std::unique_ptr<const TermMatcher::DenseTable> owned;  // set once, by the thread that makes it
    LazyDense() = default;
    LazyDense(const LazyDense&) {}
    LazyDense& operator=(const LazyDense&) {
      texts.store(0);
      table.store(nullptr);
      owned.reset();
      return *this;
    }
    ~LazyDense() = default;
  };
  const TermMatcher::DenseTable* dense_table() const;

  TermMatcher terms_;
  std::vector<std::uint64_t> lists_of_term_;  // by unique term: words_ words of list bits
  std::size_t words_ = 0;
  mutable LazyDense lazy_;
};

}  // namespace mpadvisor::engine
