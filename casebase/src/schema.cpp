#include "schema.hpp"

#include <string>
#include <string_view>

#include "mpadvisor/casebase/error.hpp"
#include "mpadvisor/casebase/store.hpp"

namespace mpadvisor::casebase {

namespace schema {
namespace {

// Append only: a released migration is never edited; v2 goes below v1 with version 2.
constexpr Migration kMigrations[] = {
    {1, "cases, their causes, and the trigram full-text index of messages", R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cases (
  id         INTEGER PRIMARY KEY,
  date       TEXT NOT NULL,              -- ISO 8601
  stage      TEXT NOT NULL,              -- a step id
  entity     TEXT,                       -- NULL: the source does not say
  profile    TEXT NOT NULL,              -- JSON object, redacted
  message    TEXT NOT NULL,              -- redacted
  fix        TEXT,                       -- redacted
  outcome    TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected', 'unknown')),
  source     TEXT NOT NULL,
  kb_version TEXT,                       -- last diagnosis (cases replay), all three or none
  verdict    TEXT,
  top_cause  TEXT,
  category   TEXT,                       -- profile.category, copied on import for statistics
  CHECK ((kb_version IS NULL) = (verdict IS NULL))
);
CREATE INDEX cases_by_stage ON cases(stage);

CREATE TABLE case_causes (
  case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  cause    TEXT NOT NULL,
  position INTEGER NOT NULL,             -- keeps the order the causes were given in
  PRIMARY KEY (case_id, cause)
) WITHOUT ROWID;
CREATE INDEX case_causes_by_cause ON case_causes(cause);

-- External-content index over cases.message. New cases are indexed by the importer, one
-- statement per batch of rows (store.cpp, Importer::index_pending), not by an AFTER INSERT
-- trigger: FTS5 (3.40) flushes its in-memory index at every statement savepoint, so a per-row
-- trigger writes one tiny segment per case and made imports 4x slower. Deletes and updates
-- are rare and stay on triggers.
CREATE VIRTUAL TABLE cases_fts USING fts5(message, content='cases', content_rowid='id', tokenize='trigram');
CREATE TRIGGER cases_fts_after_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, message) VALUES ('delete', old.id, old.message);
END;
CREATE TRIGGER cases_fts_after_update AFTER UPDATE OF message ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, message) VALUES ('delete', old.id, old.message);
  INSERT INTO cases_fts(rowid, message) VALUES (new.id, new.message);
END;
)sql"},
    {2, "a content hash per case, so that importing the same case twice stores it once", R"sql(
ALTER TABLE cases ADD COLUMN content_hash TEXT;
CREATE UNIQUE INDEX cases_by_content ON cases(content_hash);
)sql"},
    {3,
     "a word index of Chinese characters and pairs, for queries written without spaces or shorter than three "
     "characters",
     R"sql(
-- Contentless: the terms (search_terms.hpp, grams_of) are computed by the importer, never
-- stored twice. Cases are never deleted by mpadvisor; a row left by a manual delete is an id
-- that load_cases skips.
CREATE VIRTUAL TABLE cases_grams USING fts5(grams, content='', tokenize='unicode61');
-- A new database has nothing to index yet; an upgraded one is indexed once by Store::open.
INSERT INTO meta (key, value) SELECT 'word_index', '1' WHERE NOT EXISTS (SELECT 1 FROM cases);
)sql"},
};

constexpr int kLatest = kMigrations[std::size(kMigrations) - 1].version;
static_assert(kLatest == kLatestSchemaVersion);

}  // namespace

int migrate(sql::Connection& db, const std::function<void()>& on_create) {
  const auto before_lock = db.pragma_int("user_version");
  if (before_lock > kLatest) throw newer_schema_error(before_lock);
  if (before_lock == kLatest) return kLatest;

  sql::WriteTransaction tx(db);
  // Another process may have migrated between the read above and taking the write lock.
  const auto found = db.pragma_int("user_version");
  if (found > kLatest) throw newer_schema_error(found);
  for (const auto& migration : kMigrations) {
    if (migration.version <= found) continue;
    try {
      db.exec(migration.sql);
      db.exec(("PRAGMA user_version = " + std::to_string(migration.version)).c_str());
    } catch (const Error& e) {
      std::string hint;
      if (std::string_view(e.what()).find("trigram") != std::string_view::npos ||
          std::string_view(e.what()).find("fts5") != std::string_view::npos)
        hint = " (SQLite 3.34 or later with FTS5 is needed)";
      throw migration_error(migration, e.what() + hint);
    }
  }
  if (found == 0 && on_create) on_create();
  tx.commit();
  return static_cast<int>(found);
}

}  // namespace schema

}  // namespace mpadvisor::casebase
