// Opening the case database for a command: the --db path (or the default), created on first
// use and seeded from the shipped KB's cases/ folder.
#pragma once

#include "cli_context.hpp"
#include "mpadvisor/casebase/store.hpp"

namespace mpadvisor::cli {

// Opens (creating and seeding on first use) the case database --db names. A write waits up to
// `wait_ms` for another process's lock (another import), saying so on stderr once.
casebase::Store open_case_store(const GlobalOptions& options, int wait_ms = 5000);

// A case-base error as the command line reports it: bad input (a bad line, an unknown case)
// is a UsageError, anything else (a corrupt database, an I/O failure) an EnvironmentError.
[[noreturn]] void rethrow_case_error(const casebase::Error& e);

}  // namespace mpadvisor::cli
