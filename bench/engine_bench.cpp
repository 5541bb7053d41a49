// Engine speed: one diagnosis on the shipped KB and on synthetic 200- and 2,000-step KBs
// (1,000 and 10,000 rules), parsing+checking+compiling the 10,000-rule KB, and the memory
// the compiled model takes. Run: build/bin/engine_bench --benchmark_repetitions=9
// --benchmark_report_aggregates_only=true (medians are what the README and notes quote).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <filesystem>
#include <map>

#include "kbgen.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/engine/model_file.hpp"
#include "mpadvisor/engine/plan.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace {

using namespace mpadvisor;

std::shared_ptr<const engine::Model> compile_checked(const dsl::KbCheck& checked) {
  if (!checked.kb) throw std::runtime_error(dsl::render_text(checked.diagnostics));
  return engine::compile(*checked.kb);
}

const engine::Model& shipped() {
  static auto model = compile_checked(dsl::load_and_check(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb"));
  return *model;
}

kbgen::Options synthetic_options(int steps, bool fixes = false) {
  kbgen::Options o;
  o.steps = steps;
  o.seed = 42;
  o.fixes = fixes;
  return o;
}

const engine::Model& synthetic(int steps, bool fixes = false) {
  static std::map<std::pair<int, bool>, std::shared_ptr<const engine::Model>> models;
  auto& m = models[{steps, fixes}];
  if (!m) m = compile_checked(dsl::check_text("synthetic.mpk", kbgen::generate_kb(synthetic_options(steps, fixes))));
  return *m;
}

void BM_DiagnoseShipped(benchmark::State& state) {
  const engine::Model& m = shipped();
  engine::Profile p = engine::parse_profile(
      m, dsl::read_file(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/examples/yoga_name_rejected.json"), 0);
  engine::DiagnoseOptions o;
  o.evidence = state.range(0) != 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine::diagnose(m, p, o));
  state.SetLabel(o.evidence ? "with evidence" : "verdict only");
}
BENCHMARK(BM_DiagnoseShipped)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Loading the shipped KB's model file, as `mpadvisor diagnose` does on every start: decoding,
// checking, deriving the rule tables, and dropping the model again.
void BM_LoadShippedModelFile(benchmark::State& state) {
  auto const root = std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb";
  dsl::KbCheck checked = dsl::load_and_check(root);
  std::string const bytes = engine::encode_model(*compile_checked(checked), engine::kb_sources(*checked.kb, root));
  for (auto _ : state) benchmark::DoNotOptimize(engine::decode_model(bytes, "kb.mpm"));
}
BENCHMARK(BM_LoadShippedModelFile)->Unit(benchmark::kMillisecond);

void BM_ParseProfileShipped(benchmark::State& state) {
  const engine::Model& m = shipped();
  std::string text =
      dsl::read_file(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/examples/yoga_name_rejected.json");
  for (auto _ : state) benchmark::DoNotOptimize(engine::parse_profile(m, text, 0));
}
BENCHMARK(BM_ParseProfileShipped)->Unit(benchmark::kMicrosecond);

// The interview's next question on the shipped KB: from an empty profile (every fact a
// candidate: the most work) and from the yoga example with half its facts given.
void BM_NextQuestionShipped(benchmark::State& state) {
  const engine::Model& m = shipped();
  engine::Profile p = engine::empty_profile(m, 0);
  if (state.range(0) == 1) {
    engine::Profile const full = engine::parse_profile(
        m, dsl::read_file(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/examples/yoga_name_rejected.json"), 0);
    for (std::size_t f = 0; f < full.facts.size(); f += 2) p.facts[f] = full.facts[f];
  }
  for (auto _ : state) benchmark::DoNotOptimize(engine::next_question(m, p));
}
BENCHMARK(BM_NextQuestionShipped)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// plan on every shipped example (the arg is the example's index in name order), top 3.
std::vector<std::filesystem::path> shipped_examples() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/examples"))
    out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void BM_PlanShipped(benchmark::State& state) {
  const engine::Model& m = shipped();
  std::filesystem::path const example = shipped_examples().at(static_cast<std::size_t>(state.range(0)));
  engine::Profile const p = engine::parse_profile(m, dsl::read_file(example), 0);
  for (auto _ : state) benchmark::DoNotOptimize(engine::plan(m, p));
  state.SetLabel(example.stem().string());
}
BENCHMARK(BM_PlanShipped)->DenseRange(0, 8)->Unit(benchmark::kMicrosecond);

// plan on the 1,000-rule synthetic KB whose rules have fixes, over 16 generated profiles
// (each with every step of its lane still to do: 5–20 blockers). The argument is the search's
// budget of evaluations; 0 is the default one.
void BM_PlanSynthetic(benchmark::State& state) {
  int const steps = 200;
  const engine::Model& m = synthetic(steps, true);
  std::vector<engine::Profile> profiles;
  for (int i = 0; i < 16; ++i)
    profiles.push_back(engine::parse_profile(m, kbgen::generate_profile(synthetic_options(steps, true), i), 0));
  engine::PlanOptions o;
  o.target = m.goal();
  if (state.range(0) > 0) o.max_evaluations = static_cast<std::size_t>(state.range(0));
  std::size_t limited = 0;
  std::size_t i = 0, plans = 0, runs = 0;
  for (auto _ : state) {
    engine::PlanResult r = engine::plan(m, profiles[i++ % profiles.size()], o);
    plans += r.plans.size();
    limited += r.search_limited;
    ++runs;
    benchmark::DoNotOptimize(r);
  }
  state.counters["rules"] = static_cast<double>(m.rules().size());
  state.counters["plans_per_run"] = static_cast<double>(plans) / static_cast<double>(runs);
  state.counters["limited_share"] = static_cast<double>(limited) / static_cast<double>(runs);
}
BENCHMARK(BM_PlanSynthetic)->Arg(200)->Arg(0)->Unit(benchmark::kMillisecond)->Iterations(32);

void BM_DiagnoseSynthetic(benchmark::State& state) {
  int const steps = static_cast<int>(state.range(0));
  const engine::Model& m = synthetic(steps);
  std::vector<engine::Profile> profiles;
  for (int i = 0; i < 16; ++i)
    profiles.push_back(engine::parse_profile(m, kbgen::generate_profile(synthetic_options(steps), i), 0));
  engine::DiagnoseOptions o;
  o.evidence = true;
  o.target = m.goal();  // lane 0's end: the scope is two lanes whatever the KB's size
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine::diagnose(m, profiles[i++ % profiles.size()], o));
  state.counters["rules"] = static_cast<double>(m.rules().size());
}
BENCHMARK(BM_DiagnoseSynthetic)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);

void BM_CompileSynthetic(benchmark::State& state) {
  std::string const text = kbgen::generate_kb(synthetic_options(static_cast<int>(state.range(0))));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::size_t const before = mallinfo2().uordblks;
    auto model = compile_checked(dsl::check_text("synthetic.mpk", text));
    // Everything else has gone out of scope; what remains allocated is the model.
    bytes = mallinfo2().uordblks - before;
    benchmark::DoNotOptimize(model);
  }
  state.counters["model_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
}
BENCHMARK(BM_CompileSynthetic)->Arg(2000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
