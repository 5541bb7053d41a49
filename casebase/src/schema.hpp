// The database schema as an ordered list of migrations. PRAGMA user_version holds the number of
// the last one applied; opening a database runs the missing ones forward, in one transaction.
#pragma once

#include <functional>

#include "migration.hpp"
#include "sqlite.hpp"

namespace mpadvisor::casebase::schema {

// Brings `db` to the latest version. `on_create` runs inside the same write transaction when
// the database had no schema at all (user_version 0), after the migrations: seeding goes there
// so that a failure leaves the database as it was. Returns the version found before migrating.
int migrate(sql::Connection& db, const std::function<void()>& on_create);

}  // namespace mpadvisor::casebase::schema
