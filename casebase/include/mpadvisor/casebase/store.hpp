// The case base of past cases, in one SQLite file (the default) or in a PostgreSQL database
// (a postgresql:// URL, for several workers sharing one case base). Opening creates the file
// (and its folders) or the tables and brings the schema up to date; every write runs in one
// transaction; readers never wait for a writer; two writers wait for each other up to a busy
// timeout. Both backends give the same answers to the same calls. All errors are casebase::Error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/casebase/case.hpp"
#include "mpadvisor/casebase/error.hpp"
#include "mpadvisor/casebase/redact.hpp"

namespace mpadvisor::casebase {

struct OpenOptions {
  // When the database is new (this open creates its schema), every `*.jsonl` file of this folder
  // is imported, in name order, in the same transaction as the schema: a bad seed file leaves
  // the database uncreated (and reported), never half-seeded. A missing folder seeds nothing.
  std::optional<std::filesystem::path> seed_dir;
  int busy_timeout_ms = 5000;  // how long to wait for another process's write lock (or import)
  // Called once when a write has to wait for another process's lock (e.g. to say "waiting for
  // another import…"); the wait then lasts up to busy_timeout_ms.
  std::function<void()> on_wait;
};

struct ImportOptions {
  bool skip_bad = false;                               // report bad lines and go on, instead of rolling back
  std::string source_name = "<input>";                 // the name used in error messages
  std::function<void(std::size_t lines)> on_progress;  // called every `progress_every` lines read
  std::size_t progress_every = 10000;
  std::size_t max_line_bytes = std::size_t{1} << 20;  // a longer line is a bad line (never held in memory)
};

struct LineError {
  std::size_t line = 0;
  base::Wording message;
};

struct ImportReport {
  static constexpr std::size_t kMaxErrors = 1000;  // errors kept; `skipped` counts them all

  std::size_t lines = 0;  // lines read, blank ones included
  std::size_t imported = 0;
  std::size_t duplicates = 0;  // cases already in the case base (same content hash): not stored again
  std::size_t skipped = 0;     // bad lines skipped (skip_bad only)
  std::vector<LineError> errors;
  RedactionCounts redactions;
};

struct SeedReport {
  bool seeded = false;  // this open created the database and looked at the seed folder
  std::vector<std::filesystem::path> files;
  std::size_t imported = 0;
};

struct ListFilter {
  std::optional<std::string> stage;
  std::optional<std::string> cause;
  std::optional<Outcome> outcome;
  std::size_t limit = 0;  // 0 = all
};

struct Count {
  std::string key;
  std::int64_t count = 0;
};

struct CategoryStats {
  std::optional<std::string> category;  // the profile's "category"; none when it has none
  std::int64_t cases = 0;
  std::int64_t approved = 0;
  std::int64_t rejected = 0;
  std::int64_t unknown = 0;
  // rejected / (approved + rejected); none when no case of the category has a known outcome.
  std::optional<double> rejection_rate;
};

struct Stats {
  std::int64_t total = 0;
  std::vector<Count> by_stage;             // most frequent first, then by name
  std::vector<Count> by_cause;             // cases labelled with each cause, most frequent first
  std::vector<Count> by_outcome;           // always approved, rejected, unknown, in that order
  std::vector<CategoryStats> by_category;  // largest first, uncategorised last
};

struct SimilarCase {
  Case value;
  double score = 0;  // −bm25: higher is more similar
};

struct DiagnosisRecord {
  CaseId id = 0;
  LastDiagnosis diagnosis;
};

class Store {
 public:
  // `location`: a file path (SQLite) or a postgresql:// (or postgres://) URL.
  static Store open(const std::string& location, const OpenOptions& options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // The path, or the URL with its password replaced by ***: safe to print and log.
  const std::string& location() const noexcept;
  int schema_version() const;
  const SeedReport& seed_report() const noexcept;  // what `open` seeded (seeded=false if not new)
  bool created() const noexcept { return seed_report().seeded; }

  // JSON Lines in, streaming, one transaction. A bad line throws ImportError (nothing written)
  // unless `skip_bad`, in which case it is reported in the result and skipped. The database is
  // checked first (SQLite: PRAGMA quick_check): a damaged one is refused before anything is written.
  // A case already stored (same content hash) is counted in `duplicates`, not stored again.
  ImportReport import_jsonl(std::istream& in, const ImportOptions& options = {});
  ImportReport import_jsonl(const std::filesystem::path& file, ImportOptions options = {});

  // Every case as JSON Lines, in id order, from one consistent snapshot.
  void export_jsonl(std::ostream& out) const;

  std::int64_t count() const;
  std::optional<Case> find(CaseId id) const;
  Case get(CaseId id) const;  // Errc::not_found when missing
  std::vector<Case> list(const ListFilter& filter = {}) const;

  // Streams the cases in id order, a page at a time: no statement is open while the callback
  // runs, so it may write (record_diagnosis). Return false from the callback to stop.
  void for_each_case(const std::function<bool(const Case&)>& callback, const ListFilter& filter = {}) const;

  // Adds a true cause to a case; false when the case already had it.
  bool label(CaseId id, std::string_view cause);

  void record_diagnosis(CaseId id, const LastDiagnosis& diagnosis);
  void record_diagnosis(CaseId id, std::string_view kb_version, std::string_view verdict,
                        std::optional<std::string_view> top_cause);
  void record_diagnoses(std::span<const DiagnosisRecord> records);  // one transaction

  Stats stats() const;

  // Cases whose message is most like `message`: ranked by bm25 over the trigram index, topped up
  // from the word index (Chinese characters and pairs, Latin words), ties by id. Any text is
  // accepted; it is never read as query syntax.
  std::vector<SimilarCase> similar(std::string_view message, std::size_t limit = 5) const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The latest schema version this build knows (the same numbering for both backends).
int latest_schema_version() noexcept;

// True for a postgresql:// or postgres:// URL (a PostgreSQL case base), false for a file path.
bool is_database_url(std::string_view location) noexcept;

// `location` fit to print: a URL's password replaced by ***; a path as it is.
std::string printable_location(std::string_view location);

}  // namespace mpadvisor::casebase
