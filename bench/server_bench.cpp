// The API without sockets: one POST /v1/diagnose on the shipped examples through Api::handle,
// and its parts (finding the body's members, reading the profile, diagnosing, writing the JSON),
// to see where a request's time goes (docs/api.md, "Load").
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/json_members.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/server/api.hpp"

namespace {

namespace fs = std::filesystem;

std::shared_ptr<const mpadvisor::engine::Model> shipped_model() {
  static auto model = [] {
    auto checked = mpadvisor::dsl::load_and_check(fs::path(MPADVISOR_SOURCE_DIR) / "kb");
    return mpadvisor::engine::compile(*checked.kb);
  }();
  return model;
}

std::string example_text() {
  std::ifstream in(fs::path(MPADVISOR_SOURCE_DIR) / "kb/examples/yoga_name_rejected.json");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void ApiDiagnose(benchmark::State& state) {
  mpadvisor::server::Api api(shipped_model(), {});
  std::string const body = "{\"profile\": " + example_text() + "}";
  for (auto _ : state) benchmark::DoNotOptimize(api.handle({"POST", "/v1/diagnose", "application/json", "", body}));
}
BENCHMARK(ApiDiagnose)->Unit(benchmark::kMicrosecond);

void SplitBody(benchmark::State& state) {
  std::string const body = "{\"profile\": " + example_text() + "}";
  for (auto _ : state) benchmark::DoNotOptimize(mpadvisor::base::json_object_members(body));
}
BENCHMARK(SplitBody)->Unit(benchmark::kMicrosecond);

void ReadProfile(benchmark::State& state) {
  auto model = shipped_model();
  std::string const text = example_text();
  for (auto _ : state) benchmark::DoNotOptimize(mpadvisor::engine::parse_profile(*model, text, 0));
}
BENCHMARK(ReadProfile)->Unit(benchmark::kMicrosecond);

void Diagnose(benchmark::State& state) {
  auto model = shipped_model();
  auto const profile = mpadvisor::engine::parse_profile(*model, example_text(), 0);
  for (auto _ : state) benchmark::DoNotOptimize(mpadvisor::engine::diagnose(*model, profile));
}
BENCHMARK(Diagnose)->Unit(benchmark::kMicrosecond);

void WriteJson(benchmark::State& state) {
  auto model = shipped_model();
  auto const profile = mpadvisor::engine::parse_profile(*model, example_text(), 0);
  auto const d = mpadvisor::engine::diagnose(*model, profile);
  for (auto _ : state) {
    mpadvisor::render::JsonWriter out(2, true);
    out.begin_object();
    mpadvisor::render::write_diagnosis_answer(out, *model, profile, d, {});
    out.end_object();
    benchmark::DoNotOptimize(out.take());
  }
}
BENCHMARK(WriteJson)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
