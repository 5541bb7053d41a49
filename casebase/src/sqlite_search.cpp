// The SQLite side of the similar-case search: both indexes are FTS5 tables (cases_fts with the
// trigram tokenizer, cases_grams with unicode61), ranked by FTS5's own bm25. Every term is
// quoted as an FTS5 string, so `"`, `*`, `NEAR`, `-`, `:` are plain text.
#include <fmt/format.h>

#include "search_terms.hpp"
#include "sqlite_store.hpp"

namespace mpadvisor::casebase {
namespace {

class SqliteSearch final : public SearchSnapshot {
 public:
  explicit SqliteSearch(const sql::Connection& db) : db_(db), snapshot_(db) {}

  std::vector<std::int64_t> documents(TextIndex index, const std::vector<std::string>& terms,
                                      std::int64_t cap) override {
    auto probe =
        db_.prepare(fmt::format("SELECT count(*) FROM (SELECT 1 FROM {0} WHERE {0} MATCH ?1 LIMIT ?2)", table(index)));
    std::vector<std::int64_t> counts;
    counts.reserve(terms.size());
    for (const auto& term : terms) {
      const auto match = fts_string(term);
      probe.bind(1, match).bind(2, cap);
      counts.push_back(probe.step() ? probe.column_int(0) : 0);
      probe.reset();
    }
    return counts;
  }

  std::vector<Hit> ranked(TextIndex index, const std::vector<std::string>& terms, bool all, std::int64_t first,
                          std::size_t limit) override {
    std::string match;
    for (const auto& term : terms) {
      if (!match.empty()) match += all ? " AND " : " OR ";
      match += fts_string(term);
    }
    // Without ORDER BY, FTS5 yields matches in rowid order: LIMIT ?2 keeps the first ones.
    auto stmt = db_.prepare(
        first > 0 ? fmt::format("SELECT id, score FROM (SELECT rowid AS id, bm25({0}) AS score FROM {0} WHERE {0} "
                                "MATCH ?1 LIMIT ?2) ORDER BY score, id LIMIT ?3",
                                table(index))
                  : fmt::format("SELECT rowid, bm25({0}) FROM {0} WHERE {0} MATCH ?1 ORDER BY bm25({0}), rowid "
                                "LIMIT ?3",
                                table(index)));
    stmt.bind(1, match);
    if (first > 0) stmt.bind(2, first);
    stmt.bind(3, static_cast<std::int64_t>(limit));
    std::vector<Hit> hits;
    while (stmt.step()) hits.push_back({stmt.column_int(0), -stmt.column_double(1)});
    return hits;
  }

  std::vector<Case> load(const std::vector<CaseId>& ids) override { return load_cases(db_, ids); }

 private:
  static const char* table(TextIndex index) { return index == TextIndex::trigrams ? "cases_fts" : "cases_grams"; }

  const sql::Connection& db_;
  sql::ReadTransaction snapshot_;
};

}  // namespace

std::unique_ptr<SearchSnapshot> SqliteStore::search() const { return std::make_unique<SqliteSearch>(db_); }

}  // namespace mpadvisor::casebase
