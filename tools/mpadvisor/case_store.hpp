// Opening the case database for a command: the --db path (or the default), created on first
// use and seeded from the shipped KB's cases/ folder.
#pragma once

#include "cli_context.hpp"
#include "mpadvisor/casebase/store.hpp"

namespace mpadvisor::cli {

casebase::Store open_case_store(const GlobalOptions& options);

}  // namespace mpadvisor::cli
