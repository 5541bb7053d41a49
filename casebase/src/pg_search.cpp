// The PostgreSQL side of the similar-case search. The term tables (pg_schema.cpp) give, per
// term, the cases holding it and how often, and the counts bm25 needs; the scores are then
// computed here exactly as FTS5 computes them (bm25.hpp), so that both backends rank alike.
#include <algorithm>
#include <unordered_map>

#include "bm25.hpp"
#include "pg_store.hpp"
#include "term_counts.hpp"

namespace mpadvisor::casebase {
namespace {

class PgSearch final : public SearchSnapshot {
 public:
  explicit PgSearch(const pg::Connection& db) : db_(db), snapshot_(db, pg::Transaction::Kind::read_snapshot) {}

  std::int64_t documents(TextIndex index, const std::string& term, std::int64_t cap) override {
    const auto phrases = phrases_of(index, {term});
    if (phrases.empty()) return 0;
    return std::min(cap, documents_of(index, phrases).front());
  }

  std::vector<Hit> ranked(TextIndex index, const std::vector<std::string>& terms, bool all, std::int64_t first,
                          std::size_t limit) override {
    const auto phrases = phrases_of(index, terms);
    if (phrases.empty()) return {};
    const auto* table = index == TextIndex::trigrams ? "case_trigrams" : "case_words";
    const auto distinct = distinct_of(phrases);
    const std::string term_list = pg::array_literal(distinct);

    // The candidate cases: every match, or the first `first` in id order.
    std::string postings_sql = std::string("SELECT case_id, term, tf FROM ") + table + " WHERE term = ANY($1::text[])";
    std::vector<pg::Param> params{term_list};
    if (first > 0 || all) {
      std::vector<pg::Param> candidate_params{term_list, first > 0 ? pg::Param(first) : pg::Param(std::nullopt)};
      if (all) candidate_params.emplace_back(static_cast<std::int64_t>(distinct.size()));
      const auto candidates =
          db_.query(std::string("SELECT case_id FROM ") + table + " WHERE term = ANY($1::text[]) GROUP BY case_id" +
                        (all ? " HAVING count(*) = $3" : "") + " ORDER BY case_id LIMIT $2",
                    candidate_params);
      std::vector<std::int64_t> ids;
      ids.reserve(static_cast<std::size_t>(candidates.rows()));
      for (int row = 0; row < candidates.rows(); ++row) ids.push_back(candidates.int64(row, 0));
      if (ids.empty()) return {};
      postings_sql += " AND case_id = ANY($2::bigint[])";
      params.emplace_back(pg::array_literal(ids));
    }
    const auto postings = db_.query(postings_sql, params);

    // Per candidate: the frequency of each distinct term.
    std::unordered_map<std::string, std::size_t> slot;
    for (std::size_t k = 0; k < distinct.size(); ++k) slot.emplace(distinct[k], k);
    std::unordered_map<CaseId, std::vector<double>> frequencies;
    for (int row = 0; row < postings.rows(); ++row) {
      auto& f = frequencies[postings.int64(row, 0)];
      f.resize(distinct.size(), 0.0);
      f[slot.at(std::string(postings.text(row, 1)))] = static_cast<double>(postings.int64(row, 2));
    }
    if (frequencies.empty()) return {};

    const auto totals = totals_of(index);
    const double average_length = static_cast<double>(totals.second) / static_cast<double>(totals.first);
    const auto hits_per_phrase = documents_of(index, phrases);
    std::vector<double> idfs;
    idfs.reserve(hits_per_phrase.size());
    for (auto hits : hits_per_phrase) idfs.push_back(bm25::idf(totals.first, hits));

    std::vector<std::int64_t> ids;
    ids.reserve(frequencies.size());
    for (const auto& [id, f] : frequencies) ids.push_back(id);
    const auto lengths =
        db_.query(std::string("SELECT id, ") + (index == TextIndex::trigrams ? "trigram_tokens" : "word_tokens") +
                      " FROM cases WHERE id = ANY($1::bigint[])",
                  {pg::array_literal(ids)});
    std::vector<Hit> hits;
    std::vector<double> phrase_frequencies(phrases.size());
    for (int row = 0; row < lengths.rows(); ++row) {
      const CaseId id = lengths.int64(row, 0);
      const auto& f = frequencies.at(id);
      for (std::size_t i = 0; i < phrases.size(); ++i) phrase_frequencies[i] = f[slot.at(phrases[i])];
      hits.push_back(
          {id, bm25::score(idfs, phrase_frequencies, static_cast<double>(lengths.int64(row, 1)), average_length)});
    }
    // FTS5 orders by bm25() = −score, then rowid.
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      if (-a.score != -b.score) return -a.score < -b.score;
      return a.id < b.id;
    });
    if (hits.size() > limit) hits.resize(limit);
    return hits;
  }

  std::vector<Case> load(const std::vector<CaseId>& ids) override { return load_pg_cases(db_, ids); }

 private:
  // The phrases of a query as the index holds them. FTS5 scores every phrase of the query,
  // repeated ones too, so repeats are kept. A word term the unicode61 rules split in parts
  // ("a_b") becomes one phrase per part (FTS5 would ask for the parts side by side).
  static std::vector<std::string> phrases_of(TextIndex index, const std::vector<std::string>& terms) {
    std::vector<std::string> phrases;
    for (const auto& term : terms) {
      if (index == TextIndex::trigrams) {
        phrases.push_back(fold_trigram(term));
      } else {
        for (auto& token : word_tokens(term)) phrases.push_back(std::move(token));
      }
    }
    return phrases;
  }

  static std::vector<std::string> distinct_of(std::vector<std::string> phrases) {
    std::sort(phrases.begin(), phrases.end());
    phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
    return phrases;
  }

  static const char* name_of(TextIndex index) { return index == TextIndex::trigrams ? "trigrams" : "words"; }

  // How many cases hold each phrase (0 for a phrase no case holds).
  std::vector<std::int64_t> documents_of(TextIndex index, const std::vector<std::string>& phrases) {
    const auto rows =
        db_.query("SELECT term, documents FROM index_terms WHERE index_name = $1 AND term = ANY($2::text[])",
                  {name_of(index), pg::array_literal(distinct_of(phrases))});
    std::unordered_map<std::string, std::int64_t> known;
    for (int row = 0; row < rows.rows(); ++row) known.emplace(std::string(rows.text(row, 0)), rows.int64(row, 1));
    std::vector<std::int64_t> result;
    result.reserve(phrases.size());
    for (const auto& phrase : phrases) result.push_back(known.contains(phrase) ? known.at(phrase) : 0);
    return result;
  }

  // Cases indexed, and tokens in all of them.
  std::pair<std::int64_t, std::int64_t> totals_of(TextIndex index) {
    const auto row = db_.query("SELECT documents, tokens FROM index_totals WHERE index_name = $1", {name_of(index)});
    return {row.int64(0, 0), row.int64(0, 1)};
  }

  const pg::Connection& db_;
  pg::Transaction snapshot_;
};

}  // namespace

std::unique_ptr<SearchSnapshot> PgStore::search() const { return std::make_unique<PgSearch>(db_); }

}  // namespace mpadvisor::casebase
