// The PostgreSQL backend: opening (connection, migrations under the write lock, seeding),
// importing, reading a page at a time, labelling, recording diagnoses and statistics.
#include "pg_store.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "content_hash.hpp"
#include "migration.hpp"
#include "term_counts.hpp"

namespace mpadvisor::casebase {
namespace {

constexpr std::size_t kPageSize = 512;

constexpr const char* kCaseColumns =
    "SELECT id, date, stage, entity, profile, message, fix, outcome, source, kb_version, verdict, top_cause "
    "FROM cases ";

Case read_case(const pg::Result& rows, int row) {
  Case c;
  c.id = rows.int64(row, 0);
  c.date = rows.text(row, 1);
  c.stage = rows.text(row, 2);
  c.entity = rows.optional_text(row, 3);
  c.profile = rows.text(row, 4);
  c.message = rows.text(row, 5);
  c.fix = rows.optional_text(row, 6);
  c.outcome = parse_outcome(rows.text(row, 7)).value_or(Outcome::unknown);
  c.source = rows.text(row, 8);
  if (!rows.is_null(row, 9))
    c.diagnosis =
        LastDiagnosis{std::string(rows.text(row, 9)), std::string(rows.text(row, 10)), rows.optional_text(row, 11)};
  return c;
}

// Fills in the causes of `cases`, which are sorted by id.
void attach_causes(const pg::Connection& db, std::vector<Case>& cases) {
  if (cases.empty()) return;
  std::vector<std::int64_t> ids;
  ids.reserve(cases.size());
  for (const auto& c : cases) ids.push_back(c.id);
  const auto rows =
      db.query("SELECT case_id, cause FROM case_causes WHERE case_id = ANY($1::bigint[]) ORDER BY case_id, position",
               {pg::array_literal(ids)});
  auto it = cases.begin();
  for (int row = 0; row < rows.rows(); ++row) {
    const CaseId id = rows.int64(row, 0);
    while (it != cases.end() && it->id < id) ++it;
    if (it != cases.end() && it->id == id) it->causes.emplace_back(rows.text(row, 1));
  }
}

// One index's new terms, gathered over a batch of cases and written in three statements.
class PendingTerms {
 public:
  PendingTerms(const char* index_name, const char* table) : index_name_(index_name), table_(table) {}

  void add(CaseId id, const TermCounts& counts) {
    // Sorted, so that the rows and the upserts below come in one order whatever the hash map's.
    std::map<std::string, int> const sorted(counts.frequency.begin(), counts.frequency.end());
    for (const auto& [term, frequency] : sorted) {
      terms_.push_back(term);
      ids_.push_back(id);
      frequencies_.push_back(frequency);
      ++documents_per_term_[term];
    }
    ++documents_;
    tokens_ += counts.tokens;
  }

  void write(const pg::Connection& db) {
    if (documents_ == 0) return;
    // In the primary key's order (term, case): the index grows at a few places instead of at
    // random ones.
    std::vector<std::size_t> order(terms_.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(terms_[a], ids_[a]) < std::tie(terms_[b], ids_[b]);
    });
    std::vector<std::string> terms;
    std::vector<std::int64_t> ids, frequencies;
    terms.reserve(order.size());
    ids.reserve(order.size());
    frequencies.reserve(order.size());
    for (std::size_t k : order) {
      terms.push_back(std::move(terms_[k]));  // the order is sorted; terms_ is reset below
      ids.push_back(ids_[k]);
      frequencies.push_back(frequencies_[k]);
    }
    db.query(std::string("INSERT INTO ") + table_ +
                 " (term, case_id, tf) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])",
             std::vector<pg::Param>{pg::array_literal(terms), pg::array_literal(ids), pg::array_literal(frequencies)});
    terms.clear();
    std::vector<std::int64_t> counts;
    for (const auto& [term, count] : documents_per_term_) {
      terms.push_back(term);
      counts.push_back(count);
    }
    db.query(
        "INSERT INTO index_terms (index_name, term, documents) SELECT $1, * FROM unnest($2::text[], $3::bigint[]) "
        "ON CONFLICT (index_name, term) DO UPDATE SET documents = index_terms.documents + EXCLUDED.documents",
        {index_name_, pg::array_literal(terms), pg::array_literal(counts)});
    db.query("UPDATE index_totals SET documents = documents + $2, tokens = tokens + $3 WHERE index_name = $1",
             {index_name_, documents_, tokens_});
    *this = PendingTerms(index_name_, table_);
  }

 private:
  const char* index_name_;
  const char* table_;
  std::vector<std::string> terms_;
  std::vector<std::int64_t> ids_;
  std::vector<std::int64_t> frequencies_;
  std::map<std::string, std::int64_t> documents_per_term_;
  std::int64_t documents_ = 0;
  std::int64_t tokens_ = 0;
};

// Inserts cases inside the caller's transaction, which holds the write lock: ids are given out
// as SQLite gives rowids (one more than the largest), so both backends number cases alike.
class Importer final : public CaseSink {
 public:
  explicit Importer(const pg::Connection& db)
      : db_(db), next_id_(db.query("SELECT coalesce(max(id), 0) + 1 FROM cases").int64(0, 0)) {}

  Stored insert(const Case& c, const std::optional<std::string>& category) override {
    std::string const hash = content_hash(c);
    // Is the id taken (and by this very case?), is the content stored already: one round trip.
    const auto taken = db_.prepared("mpadvisor_taken",
                                    "SELECT (SELECT coalesce(content_hash = $2, false) FROM cases WHERE id = $1), "
                                    "EXISTS (SELECT 1 FROM cases WHERE content_hash = $2)",
                                    {c.id, hash});
    if (!taken.is_null(0, 0)) {
      if (taken.boolean(0, 0)) return {true, std::nullopt};
      return {false, duplicate_id(c.id)};
    }
    if (taken.boolean(0, 1)) return {true, std::nullopt};
    const CaseId id = c.id > 0 ? c.id : next_id_;
    next_id_ = std::max(next_id_, id + 1);
    const auto trigrams = trigram_counts(c.message);
    const auto words = word_counts(c.message);
    std::optional<std::string> kb_version, verdict, top_cause;
    if (c.diagnosis) {
      kb_version = c.diagnosis->kb_version;
      verdict = c.diagnosis->verdict;
      top_cause = c.diagnosis->top_cause;
    }
    // The case and its causes (in the order given): the second round trip.
    db_.prepared("mpadvisor_insert",
                 "WITH stored AS (INSERT INTO cases (id, date, stage, entity, profile, message, fix, outcome, source, "
                 "kb_version, verdict, top_cause, category, content_hash, trigram_tokens, word_tokens) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id) "
                 "INSERT INTO case_causes (case_id, cause, position) "
                 "SELECT stored.id, cause, ordinality - 1 FROM stored, unnest($17::text[]) WITH ORDINALITY AS t(cause, "
                 "ordinality)",
                 {id, c.date, c.stage, c.entity, c.profile, c.message, c.fix, std::string(to_string(c.outcome)),
                  c.source, kb_version, verdict, top_cause, category, hash, std::int64_t{trigrams.tokens},
                  std::int64_t{words.tokens}, pg::array_literal(c.causes)});
    trigrams_.add(id, trigrams);
    words_.add(id, words);
    if (++pending_ == kBatch) flush();
    return {};
  }

  void flush() override {
    trigrams_.write(db_);
    words_.write(db_);
    pending_ = 0;
  }

 private:
  static constexpr std::size_t kBatch = 1024;

  const pg::Connection& db_;
  CaseId next_id_;
  PendingTerms trigrams_{"trigrams", "case_trigrams"};
  PendingTerms words_{"words", "case_words"};
  std::size_t pending_ = 0;
};

}  // namespace

std::vector<Case> load_pg_cases(const pg::Connection& db, const std::vector<CaseId>& ids) {
  if (ids.empty()) return {};
  std::vector<std::int64_t> wanted(ids.begin(), ids.end());
  const auto rows =
      db.query(std::string(kCaseColumns) + "WHERE id = ANY($1::bigint[]) ORDER BY id", {pg::array_literal(wanted)});
  std::vector<Case> found;
  found.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) found.push_back(read_case(rows, row));
  attach_causes(db, found);
  std::unordered_map<CaseId, std::size_t> index;
  for (std::size_t k = 0; k < found.size(); ++k) index.emplace(found[k].id, k);
  std::vector<Case> result;
  for (CaseId id : ids)
    if (auto it = index.find(id); it != index.end()) result.push_back(found[it->second]);
  return result;
}

std::unique_ptr<Store::Impl> open_postgres(const std::string& url, const OpenOptions& options) {
  return std::make_unique<PgStore>(url, options);
}

PgStore::PgStore(const std::string& url, const OpenOptions& options)
    : db_(url, printable_location(url)), busy_timeout_ms_(options.busy_timeout_ms), on_wait_(options.on_wait) {
  location = db_.printable();
  // Only a database behind the latest schema takes the write lock: opening must not wait for
  // an import that is running.
  if (schema_version() == kLatestSchemaVersion) return;
  pg::Transaction tx(db_);
  lock_for_writing();
  migrate_postgres(db_, [&] {
    if (options.seed_dir) {
      Importer importer(db_);
      seed = casebase::seed(*options.seed_dir, importer);
    } else {
      seed.seeded = true;
    }
  });
  tx.commit();
}

void PgStore::lock_for_writing() const {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto waited_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  };
  // A short wait passes unmentioned, as with SQLite's busy handler.
  while (waited_ms() < std::min(200, busy_timeout_ms_)) {
    if (db_.query(kTryWriteLock).boolean(0, 0)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (on_wait_) on_wait_();
  const auto left = std::max<std::int64_t>(1, busy_timeout_ms_ - waited_ms());
  db_.exec("SET LOCAL lock_timeout = " + std::to_string(left));
  const auto state = db_.try_query(kWaitWriteLock);
  if (state == "55P03")  // lock_not_available
    throw Error(
        Errc::database,
        base::word("another process is still writing to the case database {0} (waited {1} ms); try again "
                   "when it has finished",
                   "另一个进程仍在写入案例库 {0}（已等待 {1} 毫秒）；请等它完成后再试", location, busy_timeout_ms_));
  if (!state.empty()) throw Error(Errc::database, "cannot lock the case database " + location + " (" + state + ")");
}

int PgStore::schema_version() const {
  if (!db_.query("SELECT to_regclass('meta') IS NOT NULL").boolean(0, 0)) return 0;
  const auto version = db_.query("SELECT value FROM meta WHERE key = 'schema_version'");
  return version.rows() > 0 ? static_cast<int>(version.int64(0, 0)) : 0;
}

ImportReport PgStore::import_jsonl(std::istream& in, const ImportOptions& options) {
  pg::Transaction tx(db_);
  lock_for_writing();
  Importer importer(db_);
  auto report = import_lines(in, options, importer);
  tx.commit();
  return report;
}

std::int64_t PgStore::count() const { return db_.query("SELECT count(*) FROM cases").int64(0, 0); }

std::vector<Case> PgStore::load(const std::vector<CaseId>& ids) const { return load_pg_cases(db_, ids); }

void PgStore::for_each_page(const ListFilter& filter, bool snapshot,
                            const std::function<bool(std::vector<Case>&)>& page) const {
  // Fixed fragments chosen by which filters are set; values are always parameters.
  std::string sql = std::string(kCaseColumns) + "WHERE id > $1";
  std::vector<pg::Param> params{std::int64_t{0}};
  const auto add = [&](const char* condition, pg::Param value) {
    params.push_back(std::move(value));
    sql += " AND ";
    sql += condition;
    sql += "$" + std::to_string(params.size());
  };
  if (filter.stage) add("stage = ", *filter.stage);
  if (filter.cause) {
    add("id IN (SELECT case_id FROM case_causes WHERE cause = ", *filter.cause);
    sql += ")";
  }
  if (filter.outcome) add("outcome = ", std::string(to_string(*filter.outcome)));
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size() + 1);
  params.emplace_back(std::int64_t{0});

  std::optional<pg::Transaction> read;
  if (snapshot) read.emplace(db_, pg::Transaction::Kind::read_snapshot);
  std::size_t remaining = filter.limit ? filter.limit : std::numeric_limits<std::size_t>::max();
  CaseId after = 0;
  while (remaining > 0) {
    const auto take = std::min(kPageSize, remaining);
    params.front() = pg::Param(after);
    params.back() = pg::Param(static_cast<std::int64_t>(take));
    const auto rows = db_.query(sql, params);
    std::vector<Case> cases;
    cases.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) cases.push_back(read_case(rows, row));
    attach_causes(db_, cases);
    if (cases.empty()) break;
    after = cases.back().id;
    remaining = cases.size() < take ? 0 : remaining - cases.size();
    if (!page(cases)) break;
  }
  if (read) read->commit();
}

bool PgStore::label(CaseId id, const std::string& cause) {
  pg::Transaction tx(db_);
  lock_for_writing();
  if (db_.query("SELECT 1 FROM cases WHERE id = $1", {id}).rows() == 0) throw no_case(id);
  const bool added = db_.query(
                            "INSERT INTO case_causes (case_id, cause, position) "
                            "SELECT $1, $2, coalesce(max(position), -1) + 1 FROM case_causes WHERE case_id = $1 "
                            "ON CONFLICT DO NOTHING RETURNING 1",
                            {id, cause})
                         .rows() > 0;
  tx.commit();
  return added;
}

void PgStore::record_diagnoses(std::span<const DiagnosisRecord> records) {
  pg::Transaction tx(db_);
  lock_for_writing();
  for (const auto& record : records) {
    const auto& d = record.diagnosis;
    const auto updated =
        db_.query("UPDATE cases SET kb_version = $2, verdict = $3, top_cause = $4 WHERE id = $1 RETURNING id",
                  {record.id, d.kb_version, d.verdict, d.top_cause});
    if (updated.rows() == 0) throw no_case(record.id);
  }
  tx.commit();
}

Stats PgStore::stats() const {
  pg::Transaction snapshot(db_, pg::Transaction::Kind::read_snapshot);
  Stats stats;
  stats.total = count();
  const auto counts = [&](const char* sql) {
    const auto rows = db_.query(sql);
    std::vector<Count> result;
    result.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) result.push_back({std::string(rows.text(row, 0)), rows.int64(row, 1)});
    return result;
  };
  stats.by_stage = counts("SELECT stage, count(*) FROM cases GROUP BY stage ORDER BY count(*) DESC, stage");
  stats.by_cause = counts("SELECT cause, count(*) FROM case_causes GROUP BY cause ORDER BY count(*) DESC, cause");
  const auto rows = db_.query(
      "SELECT category, count(*), count(*) FILTER (WHERE outcome = 'approved'), "
      "count(*) FILTER (WHERE outcome = 'rejected'), count(*) FILTER (WHERE outcome = 'unknown') "
      "FROM cases GROUP BY category ORDER BY category IS NULL, count(*) DESC, category");
  for (int row = 0; row < rows.rows(); ++row) {
    CategoryStats category;
    category.category = rows.optional_text(row, 0);
    category.cases = rows.int64(row, 1);
    category.approved = rows.int64(row, 2);
    category.rejected = rows.int64(row, 3);
    category.unknown = rows.int64(row, 4);
    stats.by_category.push_back(std::move(category));
  }
  snapshot.commit();
  return stats;
}

}  // namespace mpadvisor::casebase
