// "Which past cases look like this rejection message?" — FTS5 trigram search ranked by bm25.
//
// The query is never handed to FTS5 as syntax. It is cut into chunks at spaces and punctuation
// (ASCII and CJK), each chunk into overlapping 3-character windows, and each window is quoted as
// an FTS5 string, so `"`, `*`, `NEAR`, `-`, `:` are plain text. The windows are ORed: a case
// sharing more (and rarer) windows with the query ranks higher.
//
// Cost control for large case bases: a window that occurs in many cases (e.g. 小程序 in
// nearly all of them) adds almost nothing to bm25 yet makes every case a match that must be
// scored. So each window's document count is probed up to kCommonDocs (cheap: the probe stops
// there), the rarest windows below that bound are searched and ranked exactly, and windows that
// are all common only feed a bounded top-up (the first kCandidateCap matches, ranked). Small
// case bases never reach the bound, so their ranking is plain bm25 over every window.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "mpadvisor/base/utf8.hpp"
#include "search_terms.hpp"
#include "store_impl.hpp"

namespace mpadvisor::casebase {
namespace {

constexpr std::int64_t kCommonDocs = 1000;
constexpr std::size_t kMaxProbes = 48;
constexpr std::size_t kMaxRareTerms = 24;
constexpr std::size_t kMaxCommonTerms = 6;
constexpr std::int64_t kCandidateCap = 2000;
constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxWordTerms = 32;

// The first `count` terms joined into one FTS5 query.
std::string join(const std::vector<std::string>& terms, std::size_t count, std::string_view glue) {
  return fmt::format(
      "{}", fmt::join(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(std::min(count, terms.size())), glue));
}

struct Hit {
  CaseId id;
  double score;  // higher is better
};

void run(const sql::Connection& db, const char* sql, const std::string& match, std::int64_t cap, std::size_t limit,
         std::vector<Hit>& hits) {
  auto stmt = db.prepare(sql);
  stmt.bind(1, std::string_view(match));
  if (cap > 0)
    stmt.bind(2, cap).bind(3, static_cast<std::int64_t>(limit + hits.size()));
  else
    stmt.bind(2, static_cast<std::int64_t>(limit + hits.size()));
  while (stmt.step() && hits.size() < limit) {
    const CaseId id = stmt.column_int(0);
    if (std::none_of(hits.begin(), hits.end(), [&](const Hit& h) { return h.id == id; }))
      hits.push_back({id, -stmt.column_double(1)});
  }
}

// The word index (cases_grams: Chinese characters and pairs, Latin words) ranked by bm25: for
// queries with no three-character run ("审核", "名称 商业") and to top up a trigram search
// that found fewer than `limit` cases ("名称商业", written without spaces, shares no trigram
// with "名称含有商业词汇"). Only the first kCandidateCap matches are scored, as for common trigrams.
void search_words(const sql::Connection& db, std::string_view query, std::size_t limit, std::vector<Hit>& hits) {
  std::vector<std::string> const terms = query_grams(query, kMaxWordTerms);
  if (terms.empty() || hits.size() >= limit) return;
  run(db,
      "SELECT id, score FROM (SELECT rowid AS id, bm25(cases_grams) AS score FROM cases_grams WHERE cases_grams "
      "MATCH ?1 LIMIT ?2) ORDER BY score, id LIMIT ?3",
      join(terms, terms.size(), " OR "), kCandidateCap, limit, hits);
}

}  // namespace

std::vector<SimilarCase> Store::similar(std::string_view message, std::size_t limit) const {
  limit = std::min(limit, kMaxLimit);
  if (limit == 0) return {};
  const auto& db = impl_->db;
  // The stored messages are redacted; a query with a phone number should meet them as [PHONE].
  const auto query = redact(message);
  const auto chunks = chunks_of(query);

  std::vector<std::string> grams;
  std::unordered_set<std::string> seen;
  for (const auto& chunk : chunks) {
    for (std::size_t k = 0; k + 3 <= chunk.size(); ++k) {
      std::string gram;
      for (std::size_t j = k; j < k + 3; ++j) gram.append(chunk[j].text);
      std::string key = gram;  // the trigram tokenizer folds case
      std::transform(key.begin(), key.end(), key.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
      if (seen.insert(key).second) grams.push_back(fts_string(gram));
    }
  }

  sql::ReadTransaction snapshot(db);
  std::vector<Hit> hits;
  if (!grams.empty()) {
    if (grams.size() > kMaxProbes) {  // a long query: probe evenly spread windows
      std::vector<std::string> spread;
      for (std::size_t k = 0; k < kMaxProbes; ++k) spread.push_back(grams[k * grams.size() / kMaxProbes]);
      grams = std::move(spread);
    }
    auto probe = db.prepare("SELECT count(*) FROM (SELECT 1 FROM cases_fts WHERE cases_fts MATCH ?1 LIMIT ?2)");
    std::vector<std::pair<std::int64_t, std::string>> rare;
    std::vector<std::string> common;
    for (auto& gram : grams) {
      probe.bind(1, std::string_view(gram)).bind(2, kCommonDocs);
      const auto documents = probe.step() ? probe.column_int(0) : 0;
      probe.reset();
      if (documents >= kCommonDocs)
        common.push_back(std::move(gram));
      else if (documents > 0)
        rare.emplace_back(documents, std::move(gram));
    }
    std::stable_sort(rare.begin(), rare.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> rare_terms;
    rare_terms.reserve(rare.size());
    for (auto& [documents, gram] : rare) rare_terms.push_back(std::move(gram));

    if (!rare_terms.empty())
      run(db,
          "SELECT rowid, bm25(cases_fts) FROM cases_fts WHERE cases_fts MATCH ?1 ORDER BY bm25(cases_fts), rowid LIMIT "
          "?2",
          join(rare_terms, kMaxRareTerms, " OR "), 0, limit, hits);
    constexpr const char* kBounded =
        "SELECT id, score FROM (SELECT rowid AS id, bm25(cases_fts) AS score FROM cases_fts WHERE cases_fts MATCH ?1 "
        "LIMIT ?2) ORDER BY score, id LIMIT ?3";
    if (hits.size() < limit && !common.empty()) {
      run(db, kBounded, join(common, kMaxCommonTerms, " AND "), kCandidateCap, limit, hits);
      if (hits.size() < limit) run(db, kBounded, join(common, kMaxCommonTerms, " OR "), kCandidateCap, limit, hits);
    }
  }

  search_words(db, query, limit, hits);

  std::vector<CaseId> ids;
  ids.reserve(hits.size());
  for (const auto& hit : hits) ids.push_back(hit.id);
  auto cases = load_cases(db, ids);
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
