// Replay speed: every stored case diagnosed (profile parsed, rules evaluated, causes ranked
// against the rejection message) on the shipped KB, one core. 100,000 cases are made by
// repeating the shipped seed cases with varied names. Reports cases per second.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mpadvisor/casebase/replay.hpp"
#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/load.hpp"

namespace {

using namespace mpadvisor;
namespace fs = std::filesystem;

constexpr int kCases = 100000;

struct Fixture {
  fs::path dir;
  std::shared_ptr<const engine::Model> model;
  std::unique_ptr<casebase::Store> store;

  Fixture() {
    fs::path const source = MPADVISOR_SOURCE_DIR;
    dsl::LoadResult loaded = dsl::load(source / "kb");
    model = engine::compile(loaded.kb);
    dir = fs::temp_directory_path() / ("mpadvisor-replay-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::vector<nlohmann::json> seeds;
    std::ifstream in(source / "kb/cases/seed_cases.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) seeds.push_back(nlohmann::json::parse(line));
    }
    std::stringstream cases;
    for (int i = 0; i < kCases; ++i) {
      nlohmann::json c = seeds[static_cast<std::size_t>(i) % seeds.size()];
      if (c["profile"].contains("name"))
        c["profile"]["name"] = c["profile"]["name"].get<std::string>() + std::to_string(i % 97);
      cases << c.dump() << "\n";
    }
    store = std::make_unique<casebase::Store>(casebase::Store::open(dir / "cases.db"));
    store->import_jsonl(cases);
  }
  ~Fixture() {
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

void BM_Replay(benchmark::State& state) {
  static Fixture fixture;
  std::size_t cases = 0;
  for (auto _ : state) {
    casebase::ReplayReport r = casebase::replay(*fixture.store, *fixture.model, false);
    cases += r.cases;
    state.counters["top1"] = static_cast<double>(r.top1) / static_cast<double>(std::max<std::size_t>(1, r.labelled));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(cases));
}
BENCHMARK(BM_Replay)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
