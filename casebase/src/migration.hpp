// What both backends' schema lists share (schema.cpp for SQLite, pg_schema.cpp for PostgreSQL):
// one numbering, the shape of a migration, and the messages when a database is too new or a
// migration fails.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mpadvisor/casebase/error.hpp"

namespace mpadvisor::casebase {

// Both backends number their migrations alike: version N means the same tables and indexes.
inline constexpr int kLatestSchemaVersion = 3;

struct Migration {
  int version;
  std::string_view summary;
  const char* sql;
};

inline Error newer_schema_error(std::int64_t found) {
  return Error(Errc::schema, "the case database has schema version " + std::to_string(found) +
                                 ", newer than this mpadvisor understands (" + std::to_string(kLatestSchemaVersion) +
                                 "); use a newer mpadvisor");
}

inline Error migration_error(const Migration& migration, std::string_view what) {
  return Error(Errc::schema, "creating schema version " + std::to_string(migration.version) + " (" +
                                 std::string(migration.summary) + ") failed: " + std::string(what));
}

}  // namespace mpadvisor::casebase
