// casebase_import_child: the other process of the kill and concurrency tests.
//
//   casebase_import_child import DB FILE             import FILE; print "progress N" every 1000
//                                                    cases, "done N" at the end
//   casebase_import_child read DB EXPECTED SECONDS   query (count, similar, stats, list, show)
//                                                    until the count reaches EXPECTED, then a
//                                                    few more rounds; print "reads N"
// Exit codes: 0 ok, 1 a casebase error (printed on stderr), 3 timed out, 64 bad usage.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "mpadvisor/casebase/store.hpp"

namespace cb = mpadvisor::casebase;

namespace {

int import(const std::string& db, const std::string& file) {
  auto store = cb::Store::open(db);
  cb::ImportOptions options;
  options.progress_every = 1000;
  options.on_progress = [](std::size_t imported) { std::printf("progress %zu\n", imported), std::fflush(stdout); };
  const auto report = store.import_jsonl(std::filesystem::path(file), options);
  std::printf("done %zu\n", report.imported);
  return 0;
}

int read(const std::string& db, std::int64_t expected, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::size_t reads = 0;
  int rounds_after = -1;
  auto store = cb::Store::open(db);
  while (rounds_after < 20) {
    if (std::chrono::steady_clock::now() > deadline) {
      std::fprintf(stderr, "timed out after %zu reads\n", reads);
      return 3;
    }
    if (reads % 7 == 0) store = cb::Store::open(db);  // opening under load must work too
    const auto count = store.count();
    (void)store.similar("小程序名称含有商业性词汇", 5);
    (void)store.similar("not open to personal accounts", 3);
    (void)store.stats();
    cb::ListFilter filter;
    filter.stage = "filing.submit";
    filter.limit = 20;
    (void)store.list(filter);
    if (count > 0) (void)store.find(1);
    reads += 5;
    if (count == expected && rounds_after < 0) rounds_after = 0;
    if (rounds_after >= 0) ++rounds_after;
  }
  std::printf("reads %zu\n", reads);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "import" && argc == 4) return import(argv[2], argv[3]);
    if (mode == "read" && argc == 5) return read(argv[2], std::stoll(argv[3]), std::stod(argv[4]));
    std::cerr << "usage: casebase_import_child import DB FILE | read DB EXPECTED SECONDS\n";
    return 64;
  } catch (const std::exception& e) {
    std::cerr << "casebase_import_child: " << e.what() << "\n";
    return 1;
  }
}
