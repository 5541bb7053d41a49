// Replay speed: every stored case diagnosed (profile parsed, rules evaluated, causes ranked
// against the rejection message) on the shipped KB, one core. 100,000 cases are made by
// repeating the shipped seed cases with varied names; the name is also quoted in the message,
// as review messages often do, so no two neighbouring cases share a message.
// BM_Replay reports cases per second; the BM_Phase_* benchmarks split one case's cost.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mpadvisor/casebase/jsonl.hpp"
#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "mpadvisor/replay/replay.hpp"

namespace {

using namespace mpadvisor;
namespace fs = std::filesystem;

constexpr int kCases = 100000;

const engine::Model& shipped() {
  static std::shared_ptr<const engine::Model> model = [] {
    dsl::KbCheck checked = dsl::load_and_check(fs::path(MPADVISOR_SOURCE_DIR) / "kb");
    if (!checked.kb) throw std::runtime_error(dsl::render_text(checked.diagnostics));
    return engine::compile(*checked.kb);
  }();
  return *model;
}

// The i-th benchmark case as a JSON line: a seed case with a varied name, quoted in its message.
std::vector<std::string> case_lines(int count) {
  std::vector<nlohmann::json> seeds;
  std::ifstream in(fs::path(MPADVISOR_SOURCE_DIR) / "kb/cases/seed_cases.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) seeds.push_back(nlohmann::json::parse(line));
  }
  std::vector<std::string> lines;
  for (int i = 0; i < count; ++i) {
    nlohmann::json c = seeds[static_cast<std::size_t>(i) % seeds.size()];
    std::string name = c["profile"].value("name", std::string("小程序")) + std::to_string(i % 97);
    if (c["profile"].contains("name")) c["profile"]["name"] = name;
    c["message"] = "「" + name + "」" + c["message"].get<std::string>();
    lines.push_back(c.dump());
  }
  return lines;
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<casebase::Store> store;

  Fixture() {
    dir = fs::temp_directory_path() / ("mpadvisor-replay-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::stringstream cases;
    for (const std::string& line : case_lines(kCases)) cases << line << "\n";
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
    replay::ReplayReport r = replay::replay(*fixture.store, shipped(), false);
    cases += r.cases;
    state.counters["top1"] = static_cast<double>(r.top1) / static_cast<double>(std::max<std::size_t>(1, r.labelled));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(cases));
}
BENCHMARK(BM_Replay)->Unit(benchmark::kMillisecond)->Iterations(2);

// One case's phases, over 1,000 in-memory cases. Cycling through 1,000 profiles, the diagnose
// phase pays cache misses that replay (which diagnoses the profile it has just read) does not.
struct Phases {
  std::vector<casebase::Case> cases;
  std::vector<engine::Profile> profiles;
  std::vector<engine::Diagnosis> diagnoses;

  Phases() {
    for (const std::string& line : case_lines(1000)) cases.push_back(*casebase::parse_case_line(line).value);
    engine::DiagnoseOptions o;
    o.evidence = false;
    for (const casebase::Case& c : cases) {
      profiles.push_back(engine::parse_profile(shipped(), c.profile, 0));
      diagnoses.push_back(engine::diagnose(shipped(), profiles.back(), o));
    }
  }
  static const Phases& get() {
    static Phases p;
    return p;
  }
};

void BM_Phase_ParseProfile(benchmark::State& state) {
  const Phases& p = Phases::get();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine::parse_profile(shipped(), p.cases[i++ % 1000].profile, 0));
}
BENCHMARK(BM_Phase_ParseProfile);

void BM_Phase_Diagnose(benchmark::State& state) {
  const Phases& p = Phases::get();
  engine::DiagnoseOptions o;
  o.evidence = false;
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine::diagnose(shipped(), p.profiles[i++ % 1000], o));
}
BENCHMARK(BM_Phase_Diagnose);

void BM_Phase_MatchPatterns(benchmark::State& state) {
  const Phases& p = Phases::get();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine::matching_patterns(shipped(), p.cases[i++ % 1000].message));
}
BENCHMARK(BM_Phase_MatchPatterns);

void BM_Phase_Rank(benchmark::State& state) {
  const Phases& p = Phases::get();
  std::size_t i = 0;
  for (auto _ : state) {
    std::size_t const k = i++ % 1000;
    benchmark::DoNotOptimize(engine::rank_rejection(shipped(), p.diagnoses[k], p.cases[k].message, std::nullopt, {}));
  }
}
BENCHMARK(BM_Phase_Rank);

void BM_Phase_DiagnoseCase(benchmark::State& state) {
  const Phases& p = Phases::get();
  std::size_t i = 0;
  engine::Scratch scratch;
  for (auto _ : state) benchmark::DoNotOptimize(replay::diagnose_case(shipped(), p.cases[i++ % 1000], scratch));
}
BENCHMARK(BM_Phase_DiagnoseCase);

}  // namespace

BENCHMARK_MAIN();
