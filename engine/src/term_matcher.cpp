#include "term_matcher.hpp"

#include <algorithm>
#include <map>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::engine {
TermMatcher::TermMatcher(const std::vector<std::string>& terms, bool word_boundaries) {
  // Built as a trie of sorted transition lists, then laid out flat.
  std::vector<std::vector<std::pair<unsigned char, std::uint32_t>>> next(1);
  std::vector<State> states(1);
  auto child_of = [&next](std::uint32_t state, unsigned char byte) -> std::uint32_t {
    const auto& edges = next[state];
    auto it = std::lower_bound(edges.begin(), edges.end(), std::make_pair(byte, 0u));
    return it != edges.end() && it->first == byte ? it->second : 0;
  };
  std::vector<TermShape> shapes(terms.size());
  for (std::uint32_t t = 0; t < terms.size(); ++t) {
    const std::string& term = terms[t];
    if (term.empty()) continue;
    shapes[t].length = static_cast<std::uint32_t>(term.size());
    shapes[t].latin_start = word_boundaries && is_word_byte(static_cast<unsigned char>(term.front())) ? 1 : 0;
    shapes[t].latin_end = word_boundaries && is_word_byte(static_cast<unsigned char>(term.back())) ? 1 : 0;
    std::uint32_t s = 0;
    for (unsigned char c : term) {
      std::uint32_t n = child_of(s, c);
      if (n == 0) {
        n = static_cast<std::uint32_t>(states.size());
        states.emplace_back();
        next.emplace_back();
        auto& edges = next[s];
        edges.insert(std::lower_bound(edges.begin(), edges.end(), std::make_pair(c, 0u)), {c, n});
      }
      s = n;
    }
    // Keep the first of equal terms, so hits name the term as the KB lists it first.
    if (states[s].output == UINT32_MAX) states[s].output = t;
  }
  // Breadth-first construction of failure and dictionary links. The order the states are
  // reached in is their number in the flat layout: so numbered, the e-th edge leads to state
  // e + 1, and the edges need no targets.
  std::vector<std::uint32_t> order{0};
  for (std::size_t i = 0; i < order.size(); ++i) {
    std::uint32_t const s = order[i];
    for (auto [c, n] : next[s]) {
      std::uint32_t f = states[s].fail;  // a child of the root finds itself here: its link is the root
      while (f != 0 && child_of(f, c) == 0) f = states[f].fail;
      std::uint32_t const target = child_of(f, c);
      states[n].fail = target == n ? 0 : target;
      std::uint32_t const fs = states[n].fail;
      states[n].dict_link = states[fs].output != UINT32_MAX ? fs : states[fs].dict_link;
      order.push_back(n);
    }
  }
  std::vector<std::uint32_t> number(states.size());
  for (std::uint32_t q = 0; q < order.size(); ++q) number[order[q]] = q;
  auto renumbered = [&number](std::uint32_t s) { return s == UINT32_MAX ? s : number[s]; };
  std::vector<State> flat(states.size());
  std::vector<std::uint32_t> edge_begin, root_next(256, 0);
  std::vector<unsigned char> edge_bytes;
  edge_begin.reserve(states.size() + 1);
  edge_bytes.reserve(states.size());
  for (std::uint32_t q = 0; q < order.size(); ++q) {
    const State& st = states[order[q]];
    flat[q] = {renumbered(st.fail), st.output, renumbered(st.dict_link)};
    edge_begin.push_back(static_cast<std::uint32_t>(edge_bytes.size()));
    for (auto [c, n] : next[order[q]]) edge_bytes.push_back(c);
  }
  edge_begin.push_back(static_cast<std::uint32_t>(edge_bytes.size()));
  for (auto [c, n] : next[0]) root_next[c] = number[n];
  terms_ = std::move(shapes);
  states_ = std::move(flat);
  edge_begin_ = std::move(edge_begin);
  edge_bytes_ = std::move(edge_bytes);
  root_next_ = std::move(root_next);
}

std::uint32_t TermMatcher::child(std::uint32_t state, unsigned char byte) const {
  const unsigned char* first = edge_bytes_.data() + edge_begin_[state];
  const unsigned char* last = edge_bytes_.data() + edge_begin_[state + 1];
  const unsigned char* it = std::lower_bound(first, last, byte);
  return it != last && *it == byte ? static_cast<std::uint32_t>(it - edge_bytes_.data()) + 1 : 0;
}

std::unique_ptr<const TermMatcher::DenseTable> TermMatcher::make_dense(std::size_t max_entries) const {
  if (states_.size() <= 1) return nullptr;
  // The states between two characters, and the characters on the trie's edges between them,
  // found by walking the trie. A term that is not well-formed UTF-8 leaves the matcher without
  // a table.
  std::vector<std::uint32_t> state_of(states_.size(), UINT32_MAX);  // automaton state → table state
  std::vector<std::uint32_t> boundary{0};                           // table state → automaton state
  std::vector<std::uint32_t> depth{0};                              // table state → bytes from the root
  state_of[0] = 0;
  struct Edge {
    std::uint32_t from, to;
    char32_t point;
  };
  std::vector<Edge> edges;
  std::map<char32_t, std::uint32_t> class_of_point;
  struct Walk {
    std::uint32_t state, from, depth;  // from: the table state where the pending character began
    std::string pending;               // the bytes of a character begun but not finished
  };
  std::vector<Walk> stack{{0, 0, 0, {}}};
  while (!stack.empty()) {
    Walk w = std::move(stack.back());
    stack.pop_back();
    for (std::uint32_t e = edge_begin_[w.state]; e < edge_begin_[w.state + 1]; ++e) {
      Walk next{e + 1, w.from, w.depth + 1, w.pending + static_cast<char>(edge_bytes_[e])};
      auto const lead = static_cast<unsigned char>(next.pending.front());
      std::size_t const want = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
      if (want == 0) return nullptr;
      if (next.pending.size() == want) {
        base::utf8::Decoded const d = base::utf8::decode(next.pending, 0);
        if (!d.valid || d.length != want) return nullptr;
        auto const q = static_cast<std::uint32_t>(boundary.size());
        state_of[next.state] = q;
        boundary.push_back(next.state);
        depth.push_back(next.depth);
        edges.push_back({next.from, q, d.code_point});
        class_of_point.emplace(d.code_point, 0);
        next.from = q;
        next.pending.clear();
      }
      stack.push_back(std::move(next));
    }
  }
  auto table = std::make_unique<DenseTable>();
  std::uint32_t const classes = static_cast<std::uint32_t>(class_of_point.size()) + 1;  // 0: any other
  table->classes = classes;
  if (boundary.size() * classes > max_entries || boundary.size() >= DenseTable::kEnds) return nullptr;
  table->block_of.assign((0x10FFFF >> 8) + 1, 0);
  table->class_of.assign(256, 0);  // block 0
  std::uint32_t next_class = 1;
  for (auto& [point, cls] : class_of_point) {
    cls = next_class++;
    std::uint16_t& block = table->block_of[point >> 8];
    if (block == 0) {
      block = static_cast<std::uint16_t>(table->class_of.size() / 256);
      table->class_of.resize(table->class_of.size() + 256, 0);
    }
    table->class_of[std::size_t{block} * 256 + (point & 0xFF)] = static_cast<std::uint16_t>(cls);
    if (point < 0x80) table->ascii[point] = static_cast<std::uint16_t>(cls);
  }
  // Shallower states first, so that a state's failure link (a shallower state between two
  // characters: a term begins on a character's first byte) has its row already: a row is its
  // failure link's row with the state's own characters written over it. Any other character
  // leads back to the root.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> own(boundary.size());  // class, state
  for (const Edge& e : edges) own[e.from].emplace_back(class_of_point.at(e.point), e.to);
  std::vector<std::uint32_t> order(boundary.size());
  for (std::uint32_t q = 0; q < order.size(); ++q) order[q] = q;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return depth[a] < depth[b]; });
  table->next.assign(boundary.size() * classes, 0);
  for (std::uint32_t q : order) {
    std::uint16_t* row = table->next.data() + std::size_t{q} * classes;
    if (q != 0) {
      std::uint32_t const fail = state_of[states_[boundary[q]].fail];
      if (fail == UINT32_MAX) return nullptr;
      std::copy_n(table->next.data() + std::size_t{fail} * classes, classes, row);
    }
    for (auto [c, to] : own[q]) row[c] = static_cast<std::uint16_t>(to);
  }
  for (std::uint16_t& entry : table->next) {
    const State& s = states_[boundary[entry]];
    if (s.output != UINT32_MAX || s.dict_link != UINT32_MAX) entry |= DenseTable::kEnds;
  }
  table->automaton_state = std::move(boundary);
  return table;
}

std::uint32_t TermMatcher::step(std::uint32_t state, unsigned char byte) const {
  while (state != 0) {
    if (std::uint32_t n = child(state, byte)) return n;
    state = states_[state].fail;
  }
  return root_next_.empty() ? 0 : root_next_[byte];
}

bool TermMatcher::find_first(std::string_view text, TermHit* hit) const {
  bool found = false;
  TermHit best;
  scan(text, [&](const TermHit& h) {
    if (!found || h.begin < best.begin || (h.begin == best.begin && h.end > best.end)) best = h;
    found = true;
    return true;
  });
  if (found && hit) *hit = best;
  return found;
}

std::vector<TermHit> TermMatcher::find_all(std::string_view text, const DenseTable* dense) const {
  std::vector<TermHit> hits;
  scan(
      text,
      [&](const TermHit& h) {
        hits.push_back(h);
        return true;
      },
      dense);
  std::sort(hits.begin(), hits.end(),
            [](const TermHit& a, const TermHit& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
  return hits;
}

int TermMatcher::find_exact(std::string_view text) const {
  std::uint32_t s = 0;
  for (unsigned char c : text) {
    s = child(s, c);
    if (s == 0) return -1;
  }
  return states_[s].output == UINT32_MAX ? -1 : static_cast<int>(states_[s].output);
}

ListsMatcher::ListsMatcher(const std::vector<std::vector<std::string>>& lists) : words_((lists.size() + 63) / 64) {
  std::map<std::string, std::size_t> unique;
  std::vector<std::string> terms;
  for (std::size_t l = 0; l < lists.size(); ++l) {
    for (const std::string& term : lists[l]) {
      if (term.empty()) continue;
      auto [it, added] = unique.emplace(term, terms.size());
      if (added) {
        terms.push_back(term);
        lists_of_term_.resize(lists_of_term_.size() + words_, 0);
      }
      lists_of_term_[it->second * words_ + l / 64] |= std::uint64_t{1} << (l % 64);
    }
  }
  terms_ = TermMatcher(terms);
}

const TermMatcher::DenseTable* ListsMatcher::dense_table() const {
  if (const TermMatcher::DenseTable* table = lazy_.table.load(std::memory_order_acquire)) return table;
  // Exactly one thread takes the count kDenseAfter and makes the table. Past it the count stops
  // (a matcher too big for a table stays sparse, and its count stays near kDenseAfter).
  std::uint32_t const seen = lazy_.texts.load(std::memory_order_relaxed);
  if (seen > kDenseAfter || lazy_.texts.fetch_add(1, std::memory_order_relaxed) != kDenseAfter) return nullptr;
  lazy_.owned = terms_.make_dense(kMaxDenseEntries);
  lazy_.table.store(lazy_.owned.get(), std::memory_order_release);
  return lazy_.owned.get();
}

void ListsMatcher::hits(std::string_view text, std::uint64_t* mask) const {
  terms_.scan(
      text,
      [&](const TermHit& hit) {
        const std::uint64_t* lists = lists_of_term_.data() + hit.term * words_;
        for (std::size_t w = 0; w < words_; ++w) mask[w] |= lists[w];
        return true;
      },
      dense_table());
}

}  // namespace mpadvisor::engine
