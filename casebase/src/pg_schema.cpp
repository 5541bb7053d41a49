// The PostgreSQL schema as an ordered list of migrations, numbered like SQLite's (schema.cpp):
// version N holds the same data. The version is kept in meta ('schema_version'). Text that is
// sorted is COLLATE "C", so that orders are byte orders on both backends.
//
// The full-text indexes are plain tables: the terms of each case with their counts (written
// by the importer, term_counts.hpp), how many cases hold each term, and each index's totals —
// what bm25 needs, computed the way FTS5 computes it (pg_search.cpp).
#include <string>
#include <string_view>

#include "migration.hpp"
#include "mpadvisor/casebase/error.hpp"
#include "pg_store.hpp"

namespace mpadvisor::casebase {
namespace {

// Append only, like SQLite's list.
constexpr Migration kMigrations[] = {
    {1, "cases, their causes, and the trigram index of messages", R"sql(
CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE cases (
  id             bigint PRIMARY KEY,
  date           text NOT NULL,
  stage          text COLLATE "C" NOT NULL,
  entity         text,
  profile        text NOT NULL,
  message        text NOT NULL,
  fix            text,
  outcome        text NOT NULL CHECK (outcome IN ('approved', 'rejected', 'unknown')),
  source         text NOT NULL,
  kb_version     text,
  verdict        text,
  top_cause      text,
  category       text COLLATE "C",
  trigram_tokens integer NOT NULL,       -- the message's length in trigrams (bm25's D)
  CHECK ((kb_version IS NULL) = (verdict IS NULL))
);
CREATE INDEX cases_by_stage ON cases(stage);
CREATE TABLE case_causes (
  case_id  bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  cause    text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (case_id, cause)
);
CREATE INDEX case_causes_by_cause ON case_causes(cause);
CREATE TABLE case_trigrams (
  term    text COLLATE "C" NOT NULL,
  case_id bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  tf      integer NOT NULL,
  PRIMARY KEY (term, case_id)
);
CREATE TABLE index_terms (                -- per index and term: how many cases hold it
  index_name text NOT NULL,
  term       text COLLATE "C" NOT NULL,
  documents  bigint NOT NULL,
  PRIMARY KEY (index_name, term)
);
CREATE TABLE index_totals (               -- per index: cases indexed and tokens in all
  index_name text PRIMARY KEY,
  documents  bigint NOT NULL,
  tokens     bigint NOT NULL
);
INSERT INTO index_totals VALUES ('trigrams', 0, 0);
)sql"},
    {2, "a content hash per case, so that importing the same case twice stores it once", R"sql(
ALTER TABLE cases ADD COLUMN content_hash text;
CREATE UNIQUE INDEX cases_by_content ON cases(content_hash);
)sql"},
    {3, "a word index of Chinese characters and pairs, for queries written without spaces", R"sql(
ALTER TABLE cases ADD COLUMN word_tokens integer NOT NULL DEFAULT 0;
CREATE TABLE case_words (
  term    text COLLATE "C" NOT NULL,
  case_id bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  tf      integer NOT NULL,
  PRIMARY KEY (term, case_id)
);
INSERT INTO index_totals VALUES ('words', 0, 0);
)sql"},
};

constexpr int kLatest = kMigrations[std::size(kMigrations) - 1].version;
static_assert(kLatest == kLatestSchemaVersion);

}  // namespace

int migrate_postgres(const pg::Connection& db, const std::function<void()>& on_create) {
  const auto has_meta = db.query("SELECT to_regclass('meta') IS NOT NULL");
  std::int64_t found = 0;
  if (has_meta.boolean(0, 0)) {
    const auto version = db.query("SELECT value FROM meta WHERE key = 'schema_version'");
    if (version.rows() > 0) found = version.int64(0, 0);
  }
  if (found > kLatest) throw newer_schema_error(found);
  // Version 1 had no cases in PostgreSQL before version 3 existed, so no upgrade backfills
  // content hashes or word terms (SQLite's does: sqlite_store.cpp).
  for (const auto& migration : kMigrations) {
    if (migration.version <= found) continue;
    try {
      db.exec(migration.sql);
      db.query(
          "INSERT INTO meta (key, value) VALUES ('schema_version', $1) "
          "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
          {std::to_string(migration.version)});
    } catch (const Error& e) {
      throw migration_error(migration, e.what());
    }
  }
  if (found == 0 && on_create) on_create();
  return static_cast<int>(found);
}

}  // namespace mpadvisor::casebase
