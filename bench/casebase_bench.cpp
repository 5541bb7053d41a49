// casebase_bench: how fast the case base imports and searches.
//
//   Import/50000          a 50,000-case JSONL import into a fresh database (items/s = cases/s)
//   Similar/<query>       similar(message, 5) over 1,000,000 cases: time per query, and the
//                         median and 95th percentile over the run as counters
//   Stats                 stats() over 1,000,000 cases
//
// The 1,000,000-case database is built once per run, in a temporary folder that is removed at
// exit (a streaming import of generated cases in one transaction; ~30 s). Set
// MPADVISOR_BENCH_CASES to use another size.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "case_generator.hpp"
#include "mpadvisor/casebase/store.hpp"

namespace cb = mpadvisor::casebase;
namespace fs = std::filesystem;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mpadvisor-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TempDir& scratch() {
  static TempDir dir;
  return dir;
}

std::size_t large_size() {
  if (const char* text = std::getenv("MPADVISOR_BENCH_CASES")) return std::strtoull(text, nullptr, 10);
  return 1'000'000;
}

// The large database, built on first use.
cb::Store& large_store() {
  static std::unique_ptr<cb::Store> store = [] {
    const auto path = scratch().path() / "large.db";
    auto s = std::make_unique<cb::Store>(cb::Store::open(path));
    const auto start = std::chrono::steady_clock::now();
    cb::testing::GeneratedCases source(large_size());
    std::istream in(&source);
    const auto report = s->import_jsonl(in);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "built " << report.imported << " cases in " << seconds << " s (" << report.imported / seconds
              << " cases/s, generation included); database " << fs::file_size(path) / (1024 * 1024) << " MiB\n";
    return s;
  }();
  return *store;
}

void Import(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  std::string text;
  cb::testing::CaseGenerator generator;
  for (std::size_t k = 0; k < count; ++k) text += generator.line(k) + "\n";
  std::size_t round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const auto path = scratch().path() / ("import" + std::to_string(round++) + ".db");
    auto store = cb::Store::open(path);
    std::istringstream in(text);
    state.ResumeTiming();
    const auto report = store.import_jsonl(in);
    benchmark::DoNotOptimize(report.imported);
    state.PauseTiming();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ec);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Import)->Arg(50000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

struct Query {
  const char* name;
  const char* message;
};

constexpr Query kQueries[] = {
    {"template_zh", "小程序名称含有商业性词汇，个人主体不支持该名称"},
    {"rare_name_zh", "名称“星空瑜伽馆”含有“课程”等商业性词汇"},
    {"category_zh", "服务类目与你提交代码审核时设置的功能页面内容不一致"},
    {"filing_zh", "备案信息中证件与身份信息不一致，请核实后重新提交"},
    {"english", "The name contains a commercial term (shop)"},
    {"long_mixed",
     "你好，我的小程序“花园摄影笔记”提交审核后被驳回，说是名称含有商业性词汇，个人主体不支持，但是我只是记录自己的摄影"
     "作品，"
     "没有任何交易功能。The reviewer said: contains a commercial term. 请问怎么改？"},
    {"short_words", "审核"},
    {"no_space_zh", "名称商业"},
};

void Similar(benchmark::State& state) {
  auto& store = large_store();
  const auto& query = kQueries[state.range(0)];
  state.SetLabel(query.name);
  std::vector<double> ms;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto found = store.similar(query.message, 5);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    benchmark::DoNotOptimize(found);
  }
  std::sort(ms.begin(), ms.end());
  state.counters["median_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
}
BENCHMARK(Similar)
    ->DenseRange(0, static_cast<int>(std::size(kQueries)) - 1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(0.5);

void Stats(benchmark::State& state) {
  auto& store = large_store();
  for (auto _ : state) benchmark::DoNotOptimize(store.stats());
}
BENCHMARK(Stats)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
