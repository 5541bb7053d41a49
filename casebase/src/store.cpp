// Opening the case base, importing and exporting JSON Lines, reading and labelling cases.
#include "mpadvisor/casebase/store.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <system_error>
#include <thread>

#include "content_hash.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "parse_pipeline.hpp"
#include "schema.hpp"
#include "search_terms.hpp"
#include "store_impl.hpp"
#include "validate.hpp"

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
class Importer {
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

  // Streams `in` into the database (inside the caller's transaction).
  ImportReport run(std::istream& in, const ImportOptions& options, const std::string& source_name) {
    ImportReport report;
    const auto bad = [&](std::size_t line, std::string message) {
      if (!options.skip_bad) throw ImportError(source_name, line, std::move(message));
      ++report.skipped;
      if (report.errors.size() < ImportReport::kMaxErrors) report.errors.push_back({line, std::move(message)});
    };
    ParsePipeline lines(in, options.max_line_bytes, !options.skip_bad);  // reads and parses ahead on its own thread
    std::vector<NumberedLine> batch;
    while (lines.next(batch)) {
      for (auto& [line, parsed] : batch) {
        ++report.lines;
        if (options.on_progress && options.progress_every > 0 && report.lines % options.progress_every == 0)
          options.on_progress(report.lines);
        if (parsed.blank) continue;
        if (!parsed.ok()) {
          bad(line, std::move(parsed.error));
          continue;
        }
        auto stored = insert(*parsed.value, parsed.category);
        if (stored.error) {
          bad(line, std::move(*stored.error));
          continue;
        }
        if (stored.duplicate) {
          ++report.duplicates;
          continue;
        }
        report.redactions += parsed.redactions;
        ++report.imported;
      }
    }
    index_pending();
    return report;
  }

  struct Stored {
    bool duplicate = false;            // the same case is in the case base already: not stored again
    std::optional<std::string> error;  // why it cannot be stored (its id belongs to another case)
  };

  Stored insert(const Case& c, const std::optional<std::string>& category) {
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
        return {false, "duplicate id " + std::to_string(c.id) + " (another case has this id)"};
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
    if (++pending_count_ == kIndexBatch) index_pending();
    return {};
  }

 private:
  // Adds the messages of the cases inserted since the last call to the full-text index, in one
  // statement (see the note on cases_fts in schema.cpp).
  void index_pending() {
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

std::ifstream open_input(const std::filesystem::path& file) {
  try {
    base::check_readable(file, "import file");  // a folder or a device (/dev/zero) is refused at once
  } catch (const base::InputError& e) {
    throw Error(Errc::invalid_input, e.what());
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(Errc::io, "cannot read " + file.string() + ": " + std::generic_category().message(errno));
  return in;
}

// Imports every *.jsonl file of `dir`, in name order (inside the schema transaction).
SeedReport seed(sql::Connection& db, const std::filesystem::path& dir) {
  SeedReport report;
  report.seeded = true;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return report;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".jsonl" && !entry.is_directory()) report.files.push_back(entry.path());
  if (ec) throw Error(Errc::io, "cannot list " + dir.string() + ": " + ec.message());
  std::sort(report.files.begin(), report.files.end());
  Importer importer(db);
  for (const auto& file : report.files) {
    auto in = open_input(file);
    try {
      report.imported += importer.run(in, {}, file.string()).imported;
    } catch (const ImportError& e) {
      throw ImportError(e.source(), e.line(), e.reason() + " (in the seed cases; the case database was not created)");
    }
  }
  return report;
}

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

void check_diagnosis(const LastDiagnosis& d) {
  if (d.kb_version.empty() || d.verdict.empty())
    throw Error(Errc::invalid_input, "a diagnosis needs a kb_version and a verdict");
  if (d.top_cause && !validate::is_identifier(*d.top_cause))
    throw Error(Errc::invalid_input, "\"" + *d.top_cause + "\" is not a cause id");
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
// Store

int Store::Impl::on_busy(void* context, int count) {
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

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::filesystem::path& path, const OpenOptions& options) {
  if (path.empty()) throw Error(Errc::io, "no case database path given");
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw Error(Errc::io, "cannot create the folder " + path.parent_path().string() + ": " + ec.message());
  }
  if (std::filesystem::is_directory(path, ec))
    throw Error(Errc::io, path.string() + " is a folder, not a case database");

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  try {
    impl->db = sql::Connection(path.string());
    auto& db = impl->db;
    impl->busy = {options.busy_timeout_ms, options.on_wait, false};
    sqlite3_busy_handler(db.handle(), &Impl::on_busy, &impl->busy);
    db.exec("PRAGMA foreign_keys = ON");
    auto mode = db.prepare("PRAGMA journal_mode = WAL");
    const std::string journal = mode.step() ? std::string(mode.column_text(0)) : std::string();
    mode.reset();
    if (journal != "wal" && journal != "memory")
      throw Error(Errc::database, "cannot use WAL mode (journal mode is " + journal + ")");
    // NORMAL is safe in WAL mode (a crash may lose the last commit, never corrupt); 64 MiB keeps
    // the WAL from staying huge after a large import; 16 MiB of page cache per connection.
    db.exec("PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864; PRAGMA cache_size = -16384");
    schema::migrate(db, [&] {
      if (options.seed_dir)
        impl->seed = seed(db, *options.seed_dir);
      else
        impl->seed.seeded = true;
    });
    backfill_content_hashes(db);
    backfill_word_index(db);
  } catch (const ImportError&) {
    throw;
  } catch (const Error& e) {
    if (e.code() != Errc::database) throw;
    throw Error(Errc::database, "cannot open the case database " + path.string() + ": " + e.what());
  }
  return Store(std::move(impl));
}

const std::filesystem::path& Store::path() const noexcept { return impl_->path; }

int Store::schema_version() const { return static_cast<int>(impl_->db.pragma_int("user_version")); }

const SeedReport& Store::seed_report() const noexcept { return impl_->seed; }

ImportReport Store::import_jsonl(std::istream& in, const ImportOptions& options) {
  // A damaged file can accept some writes and fail later; find out before writing anything.
  auto check = impl_->db.prepare("PRAGMA quick_check(1)");
  std::string const verdict = check.step() ? std::string(check.column_text(0)) : std::string("no answer");
  check.reset();
  if (verdict != "ok")
    throw Error(Errc::database,
                "the case database " + impl_->path.string() + " is damaged (" + verdict + "); nothing was imported");
  sql::WriteTransaction tx(impl_->db);
  Importer importer(impl_->db);
  auto report = importer.run(in, options, options.source_name.empty() ? std::string("<input>") : options.source_name);
  tx.commit();
  return report;
}

ImportReport Store::import_jsonl(const std::filesystem::path& file, ImportOptions options) {
  auto in = open_input(file);
  if (options.source_name.empty() || options.source_name == "<input>") options.source_name = file.string();
  return import_jsonl(in, options);
}

void Store::export_jsonl(std::ostream& out) const {
  sql::ReadTransaction snapshot(impl_->db);
  PageReader reader(impl_->db, {}, kPageSize);
  for (auto page = reader.next(); !page.empty(); page = reader.next()) {
    for (const auto& c : page) out << to_json_line(c) << '\n';
    if (!out) throw Error(Errc::io, "writing the export failed");
  }
  out.flush();
  if (!out) throw Error(Errc::io, "writing the export failed");
}

std::int64_t Store::count() const {
  auto stmt = impl_->db.prepare("SELECT count(*) FROM cases");
  return stmt.step() ? stmt.column_int(0) : 0;
}

std::optional<Case> Store::find(CaseId id) const {
  auto found = load_cases(impl_->db, {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Case Store::get(CaseId id) const {
  auto found = find(id);
  if (!found) throw Error(Errc::not_found, "no case with id " + std::to_string(id));
  return std::move(*found);
}

std::vector<Case> Store::list(const ListFilter& filter) const {
  sql::ReadTransaction snapshot(impl_->db);
  PageReader reader(impl_->db, filter, kPageSize);
  std::vector<Case> result;
  for (auto page = reader.next(); !page.empty(); page = reader.next())
    std::move(page.begin(), page.end(), std::back_inserter(result));
  return result;
}

void Store::for_each_case(const std::function<bool(const Case&)>& callback, const ListFilter& filter) const {
  PageReader reader(impl_->db, filter, kPageSize);
  for (auto page = reader.next(); !page.empty(); page = reader.next())
    for (const auto& c : page)
      if (!callback(c)) return;
}

bool Store::label(CaseId id, std::string_view cause) {
  if (!validate::is_identifier(cause) || redact(cause) != cause)
    throw Error(Errc::invalid_input, "\"" + std::string(cause) + "\" is not a cause id (letters, digits, _ . - :)");
  auto& db = impl_->db;
  sql::WriteTransaction tx(db);
  auto exists = db.prepare("SELECT 1 FROM cases WHERE id = ?1");
  exists.bind(1, id);
  if (!exists.step()) throw Error(Errc::not_found, "no case with id " + std::to_string(id));
  exists.reset();
  auto insert = db.prepare(
      "INSERT OR IGNORE INTO case_causes (case_id, cause, position) "
      "SELECT ?1, ?2, coalesce(max(position), -1) + 1 FROM case_causes WHERE case_id = ?1");
  insert.bind(1, id).bind(2, cause);
  insert.step();
  const bool added = sqlite3_changes(db.handle()) > 0;
  insert.reset();
  tx.commit();
  return added;
}

void Store::record_diagnosis(CaseId id, const LastDiagnosis& diagnosis) {
  const DiagnosisRecord record{id, diagnosis};
  record_diagnoses(std::span<const DiagnosisRecord>(&record, 1));
}

void Store::record_diagnosis(CaseId id, std::string_view kb_version, std::string_view verdict,
                             std::optional<std::string_view> top_cause) {
  LastDiagnosis diagnosis{std::string(kb_version), std::string(verdict), std::nullopt};
  if (top_cause) diagnosis.top_cause = std::string(*top_cause);
  record_diagnosis(id, diagnosis);
}

void Store::record_diagnoses(std::span<const DiagnosisRecord> records) {
  auto& db = impl_->db;
  for (const auto& record : records) check_diagnosis(record.diagnosis);
  sql::WriteTransaction tx(db);
  auto update = db.prepare("UPDATE cases SET kb_version = ?2, verdict = ?3, top_cause = ?4 WHERE id = ?1");
  for (const auto& record : records) {
    // Free text from the caller: redacted like everything else that is stored.
    const auto kb_version = redact(record.diagnosis.kb_version);
    const auto verdict = redact(record.diagnosis.verdict);
    update.bind(1, record.id).bind(2, kb_version).bind(3, verdict).bind(4, record.diagnosis.top_cause);
    update.step();
    const bool found = sqlite3_changes(db.handle()) > 0;
    update.reset();
    if (!found) throw Error(Errc::not_found, "no case with id " + std::to_string(record.id));
  }
  tx.commit();
}

}  // namespace mpadvisor::casebase
