// Counts over the whole SQLite case base, read from one snapshot.
#include "sqlite_store.hpp"

namespace mpadvisor::casebase {
namespace {

std::vector<Count> counts(const sql::Connection& db, const char* sql) {
  std::vector<Count> result;
  auto stmt = db.prepare(sql);
  while (stmt.step()) result.push_back({std::string(stmt.column_text(0)), stmt.column_int(1)});
  return result;
}

}  // namespace

Stats SqliteStore::stats() const {
  const auto& db = db_;
  sql::ReadTransaction snapshot(db);
  Stats stats;
  {
    auto total = db.prepare("SELECT count(*) FROM cases");
    if (total.step()) stats.total = total.column_int(0);
  }
  stats.by_stage = counts(db, "SELECT stage, count(*) FROM cases GROUP BY stage ORDER BY count(*) DESC, stage");
  stats.by_cause = counts(db, "SELECT cause, count(*) FROM case_causes GROUP BY cause ORDER BY count(*) DESC, cause");
  // Outcomes and categories come from one pass over the table (neither has an index, and a
  // row's category sits after its profile and message): per category, its outcome counts.
  auto categories = db.prepare(
      "SELECT category, count(*), sum(outcome = 'approved'), sum(outcome = 'rejected'), sum(outcome = 'unknown') "
      "FROM cases GROUP BY category ORDER BY category IS NULL, count(*) DESC, category");
  while (categories.step()) {
    CategoryStats row;
    row.category = categories.column_optional_text(0);
    row.cases = categories.column_int(1);
    row.approved = categories.column_int(2);
    row.rejected = categories.column_int(3);
    row.unknown = categories.column_int(4);
    stats.by_category.push_back(std::move(row));
  }
  return stats;
}

}  // namespace mpadvisor::casebase
