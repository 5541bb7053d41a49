// The PostgreSQL side of the similar-case search. The term tables (pg_schema.cpp) give, per
// term, the cases holding it and how often, and the counts bm25 needs; the scores are then
// computed here exactly as FTS5 computes them (bm25.hpp), so that both backends rank alike.
// A search is a handful of round trips: the counts of every term are read once per snapshot,
// postings come joined with their cases' lengths.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>

#include "bm25.hpp"
#include "pg_store.hpp"
#include "term_counts.hpp"

namespace mpadvisor::casebase {
namespace {

struct Totals {
  std::int64_t documents = 0;  // cases indexed
  std::int64_t tokens = 0;     // tokens in all of them
};

class PgSearch final : public SearchSnapshot {
 public:
  explicit PgSearch(const pg::Connection& db) : db_(db), snapshot_(db, pg::Transaction::Kind::read_snapshot) {}

  std::vector<std::int64_t> documents(TextIndex index, const std::vector<std::string>& terms,
                                      std::int64_t cap) override {
    std::vector<std::string> phrases;
    phrases.reserve(terms.size());
    for (const auto& term : terms) phrases.push_back(phrase_of(index, term));
    auto counts = documents_of(index, phrases);
    for (auto& count : counts) count = std::min(count, cap);
    return counts;
  }

  std::vector<Hit> ranked(TextIndex index, const std::vector<std::string>& terms, bool all, std::int64_t first,
                          std::size_t limit) override {
    std::vector<std::string> phrases;  // FTS5 scores every phrase of a query, repeated ones too
    phrases.reserve(terms.size());
    for (const auto& term : terms) phrases.push_back(phrase_of(index, term));
    const auto distinct = distinct_of(phrases);
    const auto idfs = idfs_of(index, phrases);
    if (distinct.empty()) return {};

    // The candidates (every match, or the first `first` in id order) with, per term they
    // hold, its frequency, and their length.
    const bool trigrams = index == TextIndex::trigrams;
    const std::string table = trigrams ? "case_trigrams" : "case_words";
    const std::string length = trigrams ? "trigram_tokens" : "word_tokens";
    std::string sql = "SELECT t.case_id, t.term, t.tf, c." + length + " FROM " + table +
                      " t JOIN cases c ON c.id = t.case_id WHERE t.term = ANY($1::text[])";
    std::vector<pg::Param> params{pg::array_literal(distinct)};
    if (first > 0 || all) {
      sql += " AND t.case_id IN (SELECT case_id FROM " + table + " WHERE term = ANY($1::text[]) GROUP BY case_id" +
             (all ? " HAVING count(*) = $3" : "") + " ORDER BY case_id LIMIT $2)";
      params.emplace_back(first > 0 ? pg::Param(first) : pg::Param(std::nullopt));
      if (all) params.emplace_back(static_cast<std::int64_t>(distinct.size()));
    }
    const auto rows = db_.query(sql, params);

    struct Candidate {
      std::vector<double> frequency;  // per distinct term
      double length = 0;
    };
    std::unordered_map<std::string, std::size_t> slot;
    for (std::size_t k = 0; k < distinct.size(); ++k) slot.emplace(distinct[k], k);
    std::map<CaseId, Candidate> candidates;  // in id order, for a deterministic sort below
    for (int row = 0; row < rows.rows(); ++row) {
      auto& c = candidates[rows.int64(row, 0)];
      c.frequency.resize(distinct.size(), 0.0);
      c.frequency[slot.at(std::string(rows.text(row, 1)))] = static_cast<double>(rows.int64(row, 2));
      c.length = static_cast<double>(rows.int64(row, 3));
    }
    const auto totals = totals_of(index);
    const double average_length = static_cast<double>(totals.tokens) / static_cast<double>(totals.documents);
    std::vector<Hit> hits;
    hits.reserve(candidates.size());
    std::vector<double> frequencies(phrases.size());
    for (const auto& [id, c] : candidates) {
      for (std::size_t i = 0; i < phrases.size(); ++i)
        frequencies[i] = phrases[i].empty() ? 0.0 : c.frequency[slot.at(phrases[i])];
      hits.push_back({id, bm25::score(idfs, frequencies, c.length, average_length)});
    }
    // FTS5 orders by bm25() = −score, then rowid.
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return -a.score < -b.score; });
    if (hits.size() > limit) hits.resize(limit);
    return hits;
  }

  std::vector<Case> load(const std::vector<CaseId>& ids) override { return load_pg_cases(db_, ids); }

 private:
  // A query term as the index holds it. Word terms are single words (search_terms.cpp), so a
  // term is never a phrase of several tokens; one with no token at all matches nothing.
  static std::string phrase_of(TextIndex index, const std::string& term) {
    if (index == TextIndex::trigrams) return fold_trigram(term);
    auto tokens = word_tokens(term);
    return tokens.empty() ? std::string() : std::move(tokens.front());
  }

  static std::vector<std::string> distinct_of(std::vector<std::string> phrases) {
    std::sort(phrases.begin(), phrases.end());
    phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
    phrases.erase(std::remove(phrases.begin(), phrases.end(), std::string()), phrases.end());
    return phrases;
  }

  static const char* name_of(TextIndex index) { return index == TextIndex::trigrams ? "trigrams" : "words"; }

  // How many cases hold each phrase (0 for one no case holds), read once per snapshot.
  std::vector<std::int64_t> documents_of(TextIndex index, const std::vector<std::string>& phrases) {
    auto& known = known_[static_cast<int>(index)];
    std::vector<std::string> missing;
    for (const auto& phrase : distinct_of(phrases))
      if (!known.contains(phrase)) missing.push_back(phrase);
    if (!missing.empty()) {
      const auto rows =
          db_.query("SELECT term, documents FROM index_terms WHERE index_name = $1 AND term = ANY($2::text[])",
                    {name_of(index), pg::array_literal(missing)});
      for (const auto& phrase : missing) known[phrase] = 0;
      for (int row = 0; row < rows.rows(); ++row) known[std::string(rows.text(row, 0))] = rows.int64(row, 1);
    }
    std::vector<std::int64_t> result;
    result.reserve(phrases.size());
    for (const auto& phrase : phrases) result.push_back(phrase.empty() ? 0 : known.at(phrase));
    return result;
  }

  std::vector<double> idfs_of(TextIndex index, const std::vector<std::string>& phrases) {
    const auto rows = totals_of(index).documents;
    std::vector<double> idfs;
    idfs.reserve(phrases.size());
    for (auto hits : documents_of(index, phrases)) idfs.push_back(bm25::idf(rows, hits));
    return idfs;
  }

  // Both indexes' totals, read once per snapshot.
  Totals totals_of(TextIndex index) {
    if (!totals_) {
      totals_.emplace();
      const auto rows = db_.query("SELECT index_name, documents, tokens FROM index_totals");
      for (int row = 0; row < rows.rows(); ++row)
        (*totals_)[rows.text(row, 0) == "trigrams" ? 0 : 1] = {rows.int64(row, 1), rows.int64(row, 2)};
    }
    return (*totals_)[static_cast<int>(index)];
  }

  const pg::Connection& db_;
  pg::Transaction snapshot_;
  std::unordered_map<std::string, std::int64_t> known_[2];
  std::optional<std::array<Totals, 2>> totals_;
};

}  // namespace

std::unique_ptr<SearchSnapshot> PgStore::search() const { return std::make_unique<PgSearch>(db_); }

}  // namespace mpadvisor::casebase
