// "Which past cases look like this rejection message?" — the same algorithm on both backends,
// over their SearchSnapshot (backend.hpp): bm25 on the trigram index, topped up from the
// word index.
//
// The query is cut into chunks at spaces and punctuation (ASCII and CJK), each chunk into
// overlapping 3-character windows; the windows are ORed: a case sharing more (and rarer)
// windows with the query ranks higher.
//
// Cost control for large case bases: a window that occurs in many cases (e.g. 小程序 in
// nearly all of them) adds almost nothing to bm25 yet makes every case a match that must be
// scored. So each window's document count is probed up to kCommonDocs, the rarest windows
// below that bound are searched and ranked exactly, and windows that are all common only feed
// a bounded top-up (the first kCandidateCap matches, ranked). Small case bases never reach the
// bound, so their ranking is plain bm25 over every window.
#include <algorithm>
#include <cstdint>

#include "backend.hpp"
#include "search_terms.hpp"

namespace mpadvisor::casebase {
namespace {

constexpr std::int64_t kCommonDocs = 1000;
constexpr std::size_t kMaxProbes = 48;
constexpr std::size_t kMaxRareTerms = 24;
constexpr std::size_t kMaxCommonTerms = 6;
constexpr std::int64_t kCandidateCap = 2000;
constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxWordTerms = 32;

std::vector<std::string> first(std::vector<std::string> terms, std::size_t count) {
  if (terms.size() > count) terms.resize(count);
  return terms;
}

// Appends the ranked matches not found yet, up to `limit` hits in all.
void add_hits(SearchSnapshot& search, TextIndex index, const std::vector<std::string>& terms, bool all,
              std::int64_t cap, std::size_t limit, std::vector<Hit>& hits) {
  if (terms.empty() || hits.size() >= limit) return;
  for (const auto& hit : search.ranked(index, terms, all, cap, limit + hits.size())) {
    if (hits.size() >= limit) break;
    if (std::none_of(hits.begin(), hits.end(), [&](const Hit& h) { return h.id == hit.id; })) hits.push_back(hit);
  }
}

}  // namespace

std::vector<SimilarCase> Store::similar(std::string_view message, std::size_t limit) const {
  limit = std::min(limit, kMaxLimit);
  if (limit == 0) return {};
  // The stored messages are redacted; a query with a phone number should meet them as [PHONE].
  const auto query = redact(message);
  auto grams = query_trigrams(query);

  auto search = impl_->search();
  std::vector<Hit> hits;
  if (!grams.empty()) {
    if (grams.size() > kMaxProbes) {  // a long query: probe evenly spread windows
      std::vector<std::string> spread;
      for (std::size_t k = 0; k < kMaxProbes; ++k) spread.push_back(grams[k * grams.size() / kMaxProbes]);
      grams = std::move(spread);
    }
    std::vector<std::pair<std::int64_t, std::string>> rare;
    std::vector<std::string> common;
    const auto counts = search->documents(TextIndex::trigrams, grams, kCommonDocs);
    for (std::size_t k = 0; k < grams.size(); ++k) {
      if (counts[k] >= kCommonDocs)
        common.push_back(std::move(grams[k]));
      else if (counts[k] > 0)
        rare.emplace_back(counts[k], std::move(grams[k]));
    }
    std::stable_sort(rare.begin(), rare.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> rare_terms;
    rare_terms.reserve(rare.size());
    for (auto& [documents, gram] : rare) rare_terms.push_back(std::move(gram));

    add_hits(*search, TextIndex::trigrams, first(std::move(rare_terms), kMaxRareTerms), false, 0, limit, hits);
    common = first(std::move(common), kMaxCommonTerms);
    add_hits(*search, TextIndex::trigrams, common, true, kCandidateCap, limit, hits);
    add_hits(*search, TextIndex::trigrams, common, false, kCandidateCap, limit, hits);
  }
  // The word index: for queries with no three-character run ("审核", "名称 商业"), and to top
  // up a trigram search that found fewer than `limit` cases ("名称商业", written without
  // spaces, shares no trigram with "名称含有商业词汇").
  add_hits(*search, TextIndex::words, query_grams(query, kMaxWordTerms), false, kCandidateCap, limit, hits);
  // The tiers above decide which cases are found; they are shown most similar first. Without
  // this, a word-index top-up that scores higher than a weak trigram match came after it, and
  // the scores a user reads went down and up again.
  std::sort(hits.begin(), hits.end(),
            [](const Hit& a, const Hit& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; });

  std::vector<CaseId> ids;
  ids.reserve(hits.size());
  for (const auto& hit : hits) ids.push_back(hit.id);
  auto cases = search->load(ids);
  std::vector<SimilarCase> result;
  auto hit = hits.begin();
  for (auto& c : cases) {  // in hit order; a case is missing only if it vanished meanwhile
    while (hit != hits.end() && hit->id != c.id) ++hit;
    if (hit == hits.end()) break;
    result.push_back({std::move(c), hit->score});
  }
  return result;
}

}  // namespace mpadvisor::casebase
