#include "case_store.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

namespace mpadvisor::cli {

void rethrow_case_error(const casebase::Error& e) {
  switch (e.code()) {
    case casebase::Errc::invalid_input:
    case casebase::Errc::not_found:
      throw UsageError(e.wording());
    case casebase::Errc::io:
    case casebase::Errc::database:
    case casebase::Errc::schema:
      break;
  }
  throw EnvironmentError(e.wording());
}

casebase::Store open_case_store(const GlobalOptions& options, int wait_ms) {
  casebase::OpenOptions open;
  open.busy_timeout_ms = wait_ms;
  open.on_wait = [] { std::cerr << "mpadvisor: waiting for another import to finish…\n" << std::flush; };
  std::error_code ec;
  // Seed cases belong to the shipped KB; a --kb given as a single file has none.
  try {
    auto seeds = options.kb_path() / "cases";
    if (std::filesystem::is_directory(seeds, ec)) open.seed_dir = seeds;
  } catch (const UsageError&) {
  }
  try {
    casebase::Store store = casebase::Store::open(options.db_location(), open);
    spdlog::debug("case database {}", store.location());
    return store;
  } catch (const casebase::Error& e) {
    rethrow_case_error(e);
  }
}

}  // namespace mpadvisor::cli
