// The case base: one SQLite file of past cases. Opening creates the file (and its folders) and
// brings the schema up to date; every write runs in one transaction; a second process may read
// while one writes (WAL, busy timeout). All errors are casebase::Error.
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
  int busy_timeout_ms = 5000;  // how long to wait for another process's write lock
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
  std::string message;
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
  double score = 0;  // −bm25: higher is more similar (substring fallback: words of the query found)
};

struct DiagnosisRecord {
  CaseId id = 0;
  LastDiagnosis diagnosis;
};

class Store {
 public:
  static Store open(const std::filesystem::path& path, const OpenOptions& options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const noexcept;
  int schema_version() const;
  const SeedReport& seed_report() const noexcept;  // what `open` seeded (seeded=false if not new)
  bool created() const noexcept { return seed_report().seeded; }

  // JSON Lines in, streaming, one transaction. A bad line throws ImportError (nothing written)
  // unless `skip_bad`, in which case it is reported in the result and skipped. The database is
  // checked first (PRAGMA quick_check): a damaged one is refused before anything is written.
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

  // Cases whose message is most like `message` (FTS5 trigram index, ranked by bm25, ties by id).
  // Any text is accepted: FTS syntax is neutralised, and queries too short for trigrams fall back
  // to a substring scan.
  std::vector<SimilarCase> similar(std::string_view message, std::size_t limit = 5) const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The latest schema version this build knows (PRAGMA user_version of a fresh database).
int latest_schema_version() noexcept;

}  // namespace mpadvisor::casebase
