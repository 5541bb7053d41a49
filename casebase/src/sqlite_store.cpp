// The SQLite backend: opening (WAL, busy handler, migrations, seeding, upgrades), importing,
// reading a page at a time, labelling and recording diagnoses.
#include "sqlite_store.hpp"

#include <algorithm>
#include <limits>
#include <system_error>
#include <thread>

#include "content_hash.hpp"
#include "schema.hpp"
#include "search_terms.hpp"

namespace mpadvisor::casebase {
namespace {

constexpr std::size_t kPageSize = 512;

// A JSON string literal (the terms hold no quotes or controls, but nothing is assumed).
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

constexpr std::string_view kCaseColumns =
    "SELECT c.id, c.date, c.stage, c.entity, c.profile, c.message, c.fix, c.outcome, c.source, "
    "c.kb_version, c.verdict, c.top_cause FROM cases c ";

Case read_case_row(const sql::Statement& row) {
  Case c;
  c.id = row.column_int(0);
  c.date = row.column_text(1);
  c.stage = row.column_text(2);
  c.entity = row.column_optional_text(3);
  c.profile = row.column_text(4);
  c.message = row.column_text(5);
  c.fix = row.column_optional_text(6);
  c.outcome = parse_outcome(row.column_text(7)).value_or(Outcome::unknown);
  c.source = row.column_text(8);
  if (!row.is_null(9))
    c.diagnosis =
        LastDiagnosis{std::string(row.column_text(9)), std::string(row.column_text(10)), row.column_optional_text(11)};
  return c;
}

sql::Statement prepare_causes(const sql::Connection& db) {
  return db.prepare(
      "SELECT case_id, cause FROM case_causes WHERE case_id BETWEEN ?1 AND ?2 ORDER BY case_id, position");
}

// Fills in the causes of `cases`, which are sorted by id.
void attach_causes(sql::Statement& causes, std::vector<Case>& cases) {
  if (cases.empty()) return;
  causes.bind(1, cases.front().id).bind(2, cases.back().id);
  auto it = cases.begin();
  while (causes.step()) {
    const CaseId id = causes.column_int(0);
    while (it != cases.end() && it->id < id) ++it;
    if (it != cases.end() && it->id == id) it->causes.emplace_back(causes.column_text(1));
  }
  causes.reset();
}

// Inserts cases with the statements prepared once for the whole import.
class Importer final : public CaseSink {
 public:
  explicit Importer(sql::Connection& db)
      : db_(db),
        insert_case_(db.prepare("INSERT INTO cases (id, date, stage, entity, profile, message, fix, outcome, source, "
                                "kb_version, verdict, top_cause, category, content_hash) VALUES (?1, ?2, ?3, ?4, ?5, "
                                "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")),
        same_content_(db.prepare("SELECT content_hash = ?2 FROM cases WHERE id = ?1")),
        insert_cause_(db.prepare("INSERT INTO case_causes (case_id, cause, position) VALUES (?1, ?2, ?3)")),
        index_(db.prepare("INSERT INTO cases_fts (rowid, message) SELECT id, message FROM cases "
                          "WHERE id IN (SELECT value FROM json_each(?1))")),
        index_grams_(db.prepare("INSERT INTO cases_grams (rowid, grams) "
                                "SELECT value ->> 0, value ->> 1 FROM json_each(?1)")) {}

  Stored insert(const Case& c, const std::optional<std::string>& category) override {
    std::string const hash = content_hash(c);
    auto& s = insert_case_;
    if (c.id > 0)
      s.bind(1, c.id);
    else
      s.bind_null(1);
    s.bind(2, c.date).bind(3, c.stage).bind(4, c.entity).bind(5, c.profile).bind(6, c.message).bind(7, c.fix);
    s.bind(8, to_string(c.outcome)).bind(9, c.source);
    if (c.diagnosis)
      s.bind(10, c.diagnosis->kb_version).bind(11, c.diagnosis->verdict).bind(12, c.diagnosis->top_cause);
    else
      s.bind_null(10).bind_null(11).bind_null(12);
    s.bind(13, category).bind(14, hash);
    const int rc = s.try_step();
    if (rc != SQLITE_DONE) {
      std::string message = sqlite3_errmsg(db_.handle());
      s.reset();
      if (rc == SQLITE_CONSTRAINT_UNIQUE) return {true, std::nullopt};  // same content hash
      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        same_content_.bind(1, c.id).bind(2, hash);
        bool const same = same_content_.step() && same_content_.column_int(0) == 1;
        same_content_.reset();
        if (same) return {true, std::nullopt};
        return {false, duplicate_id(c.id)};
      }
      throw Error(Errc::database, "storing a case failed: " + message);
    }
    s.reset();
    const CaseId id = sqlite3_last_insert_rowid(db_.handle());
    std::int64_t position = 0;
    for (const auto& cause : c.causes) {
      insert_cause_.bind(1, id).bind(2, cause).bind(3, position++);
      insert_cause_.step();
      insert_cause_.reset();
    }
    pending_ids_ += pending_count_ == 0 ? '[' : ',';
    pending_ids_ += std::to_string(id);
    pending_grams_ += pending_count_ == 0 ? "[[" : ",[";
    pending_grams_ += std::to_string(id) + "," + json_string(grams_of(c.message)) + "]";
    if (++pending_count_ == kIndexBatch) flush();
    return {};
  }

  // Adds the messages of the cases inserted since the last call to the full-text index, in one
  // statement (see the note on cases_fts in schema.cpp).
  void flush() override {
    if (pending_count_ == 0) return;
    pending_ids_ += ']';
    index_.bind(1, pending_ids_);
    index_.step();
    index_.reset();
    pending_ids_.clear();
    pending_grams_ += ']';
    index_grams_.bind(1, pending_grams_);
    index_grams_.step();
    index_grams_.reset();
    pending_grams_.clear();
    pending_count_ = 0;
  }

 private:
  static constexpr std::size_t kIndexBatch = 2048;

  sql::Connection& db_;
  sql::Statement insert_case_;
  sql::Statement same_content_;
  sql::Statement insert_cause_;
  sql::Statement index_;
  sql::Statement index_grams_;
  std::string pending_ids_;    // a JSON array of case ids not yet in cases_fts
  std::string pending_grams_;  // a JSON array of [id, terms] not yet in cases_grams
  std::size_t pending_count_ = 0;
};

// Cases stored before schema version 2 get their content hash. Where an older import had stored
// the same case twice, the later copies keep no hash (the unique index forbids a second one) and
// stay as they are: nothing stored is deleted by an upgrade.
void backfill_content_hashes(sql::Connection& db) {
  auto missing = db.prepare("SELECT count(*) FROM cases WHERE content_hash IS NULL");
  bool const any = missing.step() && missing.column_int(0) > 0;
  missing.reset();
  if (!any) return;
  sql::WriteTransaction tx(db);
  auto update = db.prepare("UPDATE OR IGNORE cases SET content_hash = ?2 WHERE id = ?1");
  PageReader pages(db, {}, kPageSize);
  for (auto page = pages.next(); !page.empty(); page = pages.next()) {
    for (const Case& c : page) {
      std::string const hash = content_hash(c);
      update.bind(1, c.id).bind(2, hash);
      update.step();
      update.reset();
    }
  }
  tx.commit();
}

// A database that reached schema version 3 with cases in it (an upgrade) gets their terms in
// the word index once; the meta key records that it is done.
void backfill_word_index(sql::Connection& db) {
  auto done = db.prepare("SELECT 1 FROM meta WHERE key = 'word_index'");
  bool const indexed = done.step();
  done.reset();
  if (indexed) return;
  sql::WriteTransaction tx(db);
  auto add = db.prepare("INSERT INTO cases_grams (rowid, grams) VALUES (?1, ?2)");
  auto rows = db.prepare("SELECT id, message FROM cases WHERE id > ?1 ORDER BY id LIMIT 512");
  CaseId after = 0;
  for (bool more = true; more;) {
    std::vector<std::pair<CaseId, std::string>> page;
    rows.bind(1, after);
    while (rows.step()) page.emplace_back(rows.column_int(0), grams_of(rows.column_text(1)));
    rows.reset();
    for (const auto& [id, grams] : page) {
      add.bind(1, id).bind(2, grams);
      add.step();
      add.reset();
      after = id;
    }
    more = page.size() == 512;
  }
  db.exec("INSERT INTO meta (key, value) VALUES ('word_index', '1')");
  tx.commit();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// PageReader

PageReader::PageReader(const sql::Connection& db, ListFilter filter, std::size_t page_size)
    : filter_(std::move(filter)), page_size_(page_size) {
  std::string sql(kCaseColumns);
  sql += "WHERE c.id > ?1";
  // Fixed fragments chosen by which filters are set; values are always bound.
  if (filter_.stage) sql += " AND c.stage = ?2";
  if (filter_.cause) sql += " AND c.id IN (SELECT case_id FROM case_causes WHERE cause = ?3)";
  if (filter_.outcome) sql += " AND c.outcome = ?4";
  sql += " ORDER BY c.id LIMIT ?5";
  cases_ = db.prepare(sql);
  causes_ = prepare_causes(db);
  if (filter_.outcome) outcome_ = to_string(*filter_.outcome);
  remaining_ = filter_.limit ? filter_.limit : std::numeric_limits<std::size_t>::max();
}

std::vector<Case> PageReader::next() {
  std::vector<Case> page;
  if (remaining_ == 0) return page;
  const auto take = std::min(page_size_, remaining_);
  cases_.bind(1, after_);
  if (filter_.stage) cases_.bind(2, *filter_.stage);
  if (filter_.cause) cases_.bind(3, *filter_.cause);
  if (filter_.outcome) cases_.bind(4, outcome_);
  cases_.bind(5, static_cast<std::int64_t>(take));
  page.reserve(take);
  try {
    while (cases_.step()) page.push_back(read_case_row(cases_));
  } catch (...) {
    cases_.reset();
    throw;
  }
  cases_.reset();
  attach_causes(causes_, page);
  remaining_ -= page.size();
  if (page.size() < take) remaining_ = 0;
  if (!page.empty()) after_ = page.back().id;
  return page;
}

std::vector<Case> load_cases(const sql::Connection& db, const std::vector<CaseId>& ids) {
  auto one = db.prepare(std::string(kCaseColumns) + "WHERE c.id = ?1");
  auto causes = prepare_causes(db);
  std::vector<Case> result;
  for (CaseId id : ids) {
    one.bind(1, id);
    if (one.step()) {
      std::vector<Case> single{read_case_row(one)};
      one.reset();
      attach_causes(causes, single);
      result.push_back(std::move(single.front()));
    } else {
      one.reset();
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// SqliteStore

int SqliteStore::on_busy(void* context, int count) {
  auto* wait = static_cast<BusyWait*>(context);
  constexpr int kStepMs = 20;
  if (count == 0) wait->told = false;
  if (static_cast<long>(count) * kStepMs >= wait->timeout_ms) return 0;  // give up: SQLITE_BUSY
  if (!wait->told && count * kStepMs >= 200) {                           // a short wait passes unmentioned
    wait->told = true;
    if (wait->on_wait) wait->on_wait();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(kStepMs));
  return 1;
}

std::unique_ptr<Store::Impl> open_sqlite(const std::filesystem::path& path, const OpenOptions& options) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw Error(Errc::io, "cannot create the folder " + path.parent_path().string() + ": " + ec.message());
  }
  if (std::filesystem::is_directory(path, ec))
    throw Error(Errc::io,
                base::word("{0} is a folder, not a case database", "{0} 是文件夹，不是案例库", path.string()));
  return std::make_unique<SqliteStore>(path, options);
}

SqliteStore::SqliteStore(const std::filesystem::path& path, const OpenOptions& options) : path_(path) {
  location = path.string();
  try {
    db_ = sql::Connection(path.string());
    busy_ = {options.busy_timeout_ms, options.on_wait, false};
    sqlite3_busy_handler(db_.handle(), &SqliteStore::on_busy, &busy_);
    db_.exec("PRAGMA foreign_keys = ON");
    auto mode = db_.prepare("PRAGMA journal_mode = WAL");
    const std::string journal = mode.step() ? std::string(mode.column_text(0)) : std::string();
    mode.reset();
    if (journal != "wal" && journal != "memory")
      throw Error(Errc::database, "cannot use WAL mode (journal mode is " + journal + ")");
    // NORMAL is safe in WAL mode (a crash may lose the last commit, never corrupt); 64 MiB keeps
    // the WAL from staying huge after a large import; 16 MiB of page cache per connection.
    db_.exec("PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864; PRAGMA cache_size = -16384");
    schema::migrate(db_, [&] {
      if (options.seed_dir) {
        Importer importer(db_);
        seed = casebase::seed(*options.seed_dir, importer);
      } else {
        seed.seeded = true;
      }
    });
    backfill_content_hashes(db_);
    backfill_word_index(db_);
  } catch (const ImportError&) {
    throw;
  } catch (const Error& e) {
    if (e.code() != Errc::database) throw;
    throw Error(Errc::database, e.wording().prefixed("cannot open the case database " + path.string() + ": ",
                                                     "无法打开案例库 " + path.string() + "："));
  }
}

int SqliteStore::schema_version() const { return static_cast<int>(db_.pragma_int("user_version")); }

ImportReport SqliteStore::import_jsonl(std::istream& in, const ImportOptions& options) {
  // A damaged file can accept some writes and fail later; find out before writing anything.
  auto check = db_.prepare("PRAGMA quick_check(1)");
  std::string const verdict = check.step() ? std::string(check.column_text(0)) : std::string("no answer");
  check.reset();
  if (verdict != "ok")
    throw Error(Errc::database,
                "the case database " + path_.string() + " is damaged (" + verdict + "); nothing was imported");
  sql::WriteTransaction tx(db_);
  Importer importer(db_);
  auto report = import_lines(in, options, importer);
  tx.commit();
  return report;
}

std::int64_t SqliteStore::count() const {
  auto stmt = db_.prepare("SELECT count(*) FROM cases");
  return stmt.step() ? stmt.column_int(0) : 0;
}

std::vector<Case> SqliteStore::load(const std::vector<CaseId>& ids) const { return load_cases(db_, ids); }

void SqliteStore::for_each_page(const ListFilter& filter, bool snapshot,
                                const std::function<bool(std::vector<Case>&)>& page) const {
  std::optional<sql::ReadTransaction> read;
  if (snapshot) read.emplace(db_);
  PageReader reader(db_, filter, kPageSize);
  for (auto cases = reader.next(); !cases.empty(); cases = reader.next())
    if (!page(cases)) return;
}

bool SqliteStore::label(CaseId id, const std::string& cause) {
  sql::WriteTransaction tx(db_);
  auto exists = db_.prepare("SELECT 1 FROM cases WHERE id = ?1");
  exists.bind(1, id);
  if (!exists.step()) throw no_case(id);
  exists.reset();
  auto insert = db_.prepare(
      "INSERT OR IGNORE INTO case_causes (case_id, cause, position) "
      "SELECT ?1, ?2, coalesce(max(position), -1) + 1 FROM case_causes WHERE case_id = ?1");
  insert.bind(1, id).bind(2, cause);
  insert.step();
  const bool added = sqlite3_changes(db_.handle()) > 0;
  insert.reset();
  tx.commit();
  return added;
}

void SqliteStore::record_diagnoses(std::span<const DiagnosisRecord> records) {
  sql::WriteTransaction tx(db_);
  auto update = db_.prepare("UPDATE cases SET kb_version = ?2, verdict = ?3, top_cause = ?4 WHERE id = ?1");
  for (const auto& record : records) {
    const auto& d = record.diagnosis;
    update.bind(1, record.id).bind(2, d.kb_version).bind(3, d.verdict).bind(4, d.top_cause);
    update.step();
    const bool found = sqlite3_changes(db_.handle()) > 0;
    update.reset();
    if (!found) throw no_case(record.id);
  }
  tx.commit();
}

}  // namespace mpadvisor::casebase
