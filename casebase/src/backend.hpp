// What a case-base backend (SQLite, PostgreSQL) provides to the Store facade. The facade holds
// everything both share — argument checks, redaction of caller text, the JSON Lines loop, the
// similar-case algorithm — so that a backend only stores, reads and indexes, and both behave
// the same by construction rather than by two copies of the same logic.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mpadvisor/casebase/store.hpp"

namespace mpadvisor::casebase {

// The two full-text indexes of case messages, as seen from one read snapshot:
//   trigrams  every three neighbouring characters of a message (case folded);
//   words     Latin words and Chinese characters and pairs (search_terms.hpp, grams_of).
// Terms are plain text, never query syntax. Scores are bm25 (k1 1.2, b 0.75), higher is better.
enum class TextIndex { trigrams, words };

struct Hit {
  CaseId id;
  double score;  // −bm25: higher is more similar
};

class SearchSnapshot {
 public:
  virtual ~SearchSnapshot() = default;
  // How many cases hold each term, counting no further than `cap`.
  virtual std::vector<std::int64_t> documents(TextIndex index, const std::vector<std::string>& terms,
                                              std::int64_t cap) = 0;
  // The cases holding any (or, with `all`, every) term, best first, ties by id; at most
  // `limit`. With `first` > 0 only the first `first` matching cases in id order are ranked
  // (a bound on the work for terms that occur everywhere).
  virtual std::vector<Hit> ranked(TextIndex index, const std::vector<std::string>& terms, bool all, std::int64_t first,
                                  std::size_t limit) = 0;
  // The cases with these ids, in the order given (ids no longer stored are left out).
  virtual std::vector<Case> load(const std::vector<CaseId>& ids) = 0;
};

// Where the shared import loop puts each good case (inside the backend's transaction).
class CaseSink {
 public:
  struct Stored {
    bool duplicate = false;              // the same case is in the case base already: not stored again
    std::optional<base::Wording> error;  // why it cannot be stored (its id belongs to another case)
  };
  virtual ~CaseSink() = default;
  virtual Stored insert(const Case& c, const std::optional<std::string>& category) = 0;
  virtual void flush() = 0;  // at the end of an input: index what is still pending
};

// Streams JSON Lines from `in` into `sink` (bad lines per options.skip_bad), then flushes it.
ImportReport import_lines(std::istream& in, const ImportOptions& options, CaseSink& sink);

// Imports every *.jsonl file of `dir` in name order into `sink` (none when the folder is
// missing); a bad line throws ImportError saying the case database was not created.
SeedReport seed(const std::filesystem::path& dir, CaseSink& sink);

// An open stream for an import file (a folder or a device is refused).
std::ifstream open_input(const std::filesystem::path& file);

struct Store::Impl {
  virtual ~Impl() = default;

  std::string location;  // for messages: a path, or a URL without its password
  SeedReport seed;

  virtual int schema_version() const = 0;
  // One transaction: all of the input or (on a bad line without skip_bad) none of it.
  virtual ImportReport import_jsonl(std::istream& in, const ImportOptions& options) = 0;
  virtual std::int64_t count() const = 0;
  virtual std::vector<Case> load(const std::vector<CaseId>& ids) const = 0;
  // The cases matching `filter` in id order, a page at a time, no statement open while
  // `page` runs (it may write). With `snapshot`, all pages come from one read snapshot (and
  // `page` must not write). Return false from `page` to stop.
  virtual void for_each_page(const ListFilter& filter, bool snapshot,
                             const std::function<bool(std::vector<Case>&)>& page) const = 0;
  // Adds a checked cause id to a case; false when it had it. Errc::not_found when no case.
  virtual bool label(CaseId id, const std::string& cause) = 0;
  // Checked and redacted records, one transaction. Errc::not_found when a case is missing.
  virtual void record_diagnoses(std::span<const DiagnosisRecord> records) = 0;
  // The counts, from one snapshot: total, by_stage, by_cause, and by_category with its
  // outcome counts (the facade derives rejection rates and by_outcome from them).
  virtual Stats stats() const = 0;
  virtual std::unique_ptr<SearchSnapshot> search() const = 0;
};

// The backends, chosen by Store::open from the location.
std::unique_ptr<Store::Impl> open_sqlite(const std::filesystem::path& path, const OpenOptions& options);
std::unique_ptr<Store::Impl> open_postgres(const std::string& url, const OpenOptions& options);

}  // namespace mpadvisor::casebase
