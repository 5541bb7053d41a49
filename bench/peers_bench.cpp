// The peers' workload (../shared/peers: generated with gen.py, translated with
// to_mpadvisor.py), split into the parts of `diagnose --batch`: loading the KB, reading a
// line's profile, diagnosing it, writing the answer, and all of it for one line. The figures
// are per profile, profiles taken in turn, so that caches see what the batch sees; BM_Batch
// runs the command itself, end to end, and reports its peak memory. The workload
// medium_in_large_kb diagnoses the medium profiles against a KB padded to the large one's size
// (padded_kb.hpp): what the KB's size costs by itself.
//   MPADVISOR_PEERS_OUT=../shared/peers/out build/bin/peers_bench
// (a size whose folder is missing is skipped: run ../shared/peers/run.sh SIZE once first).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <malloc.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/base/json_members.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/model_file.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/engine/scratch.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "padded_kb.hpp"

namespace {

using namespace mpadvisor;
namespace fs = std::filesystem;

fs::path peers_out() {
  const char* dir = std::getenv("MPADVISOR_PEERS_OUT");
  return dir != nullptr ? fs::path(dir) : fs::path(MPADVISOR_SOURCE_DIR) / "../shared/peers/out";
}

// Where a workload's files are. A size of the peers' workload, translated for mpadvisor; or
// kMediumInLargeKb: the medium profiles against the medium KB padded (padded_kb.hpp) with
// renamed copies of its steps and rules to the large KB's size. Its scopes are medium's, so its
// time against medium's is what the KB's size alone costs.
struct WorkloadFiles {
  fs::path kb, batch, empty;
};

const std::string kMediumInLargeKb = "medium_in_large_kb";
constexpr int kPadding = 10;  // the large workload has ten times the medium's steps and rules

// The padded KB, written into the temporary folder once a run and removed at its end.
const fs::path& padded_medium_kb(const fs::path& medium_kb) {
  struct Written {
    fs::path dir;
    ~Written() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  };
  static Written const written{[&] {
    fs::path dir = fs::temp_directory_path() / ("peers_bench_" + kMediumInLargeKb + "_" + std::to_string(getpid()));
    bench::write_padded_kb(medium_kb, kPadding, dir);
    return dir;
  }()};
  return written.dir;
}

std::optional<WorkloadFiles> workload_files(const std::string& name) {
  bool const padded = name == kMediumInLargeKb;
  fs::path const dir = peers_out() / (padded ? "medium" : name) / "mpadvisor";
  if (!fs::exists(dir / "batch.jsonl")) return std::nullopt;
  WorkloadFiles files{dir / "kb", dir / "batch.jsonl", dir / "empty.jsonl"};
  if (padded) files.kb = padded_medium_kb(files.kb);
  return files;
}

struct Workload {
  std::shared_ptr<const engine::Model> model;
  std::vector<std::string> lines;                      // the batch's request lines
  std::vector<std::string_view> profiles;              // each line's profile text
  std::vector<std::optional<engine::StepId>> targets;  // each line's target
  // What a diagnosis has to work through, averaged over the profiles: the steps and rules in
  // its target's scope, the facts and texts its profile gives. Compared between the sizes,
  // these say how much of the difference in time is the work itself.
  std::map<std::string, double> work;
};

// The counters a diagnosis benchmark reports: its workload's work, and the size of its KB.
void report_work(benchmark::State& state, const Workload& w) {
  for (auto [name, value] : w.work) state.counters[name] = value;
  state.counters["kb_rules"] = static_cast<double>(w.model->rules().size());
}

void count_work(Workload& w) {
  engine::Profile p;
  double steps = 0, rules = 0, facts = 0, texts = 0;
  for (std::size_t k = 0; k < w.profiles.size(); ++k) {
    engine::parse_profile(*w.model, w.profiles[k], 0, p);
    const engine::StepScope& scope = w.model->scope(w.targets[k].value_or(engine::kNone));
    steps += static_cast<double>(scope.steps.size());
    for (std::size_t at = 0; at < scope.steps.size(); ++at) rules += scope.rule_end[at] - scope.rule_begin[at];
    for (engine::FactId f = 0; f < p.facts.size(); ++f) {
      facts += p.facts[f].known ? 1 : 0;
      texts += p.facts[f].known && w.model->facts()[f].type == engine::FactType::text ? 1 : 0;
    }
  }
  auto const n = static_cast<double>(std::max<std::size_t>(w.profiles.size(), 1));
  w.work = {
      {"scope_steps", steps / n}, {"scope_rules", rules / n}, {"facts_given", facts / n}, {"texts_given", texts / n}};
}

const Workload* workload(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Workload>> cache;
  auto& w = cache[name];
  if (w) return w.get();
  std::optional<WorkloadFiles> const files = workload_files(name);
  if (!files) return nullptr;
  w = std::make_unique<Workload>();
  auto checked = dsl::load_and_check(files->kb);
  if (!checked.kb) throw std::runtime_error(dsl::render_text(checked.diagnostics));
  w->model = engine::compile(*checked.kb);
  std::ifstream in(files->batch);
  for (std::string line; std::getline(in, line) && w->lines.size() < 20000;) w->lines.push_back(line);
  for (const std::string& line : w->lines) {
    auto members = base::json_object_members(line);
    std::string_view profile = line;
    std::optional<engine::StepId> target;
    for (const base::JsonMember& m : *members) {
      if (m.key == "profile") profile = m.value;
      if (m.key == "target") target = w->model->find_step(std::string(m.value.substr(1, m.value.size() - 2)));
    }
    w->profiles.push_back(profile);
    w->targets.push_back(target);
  }
  count_work(*w);
  // The padding must leave every diagnosis the work it had, or the comparison means nothing.
  if (name == kMediumInLargeKb && w->work != workload("medium")->work)
    throw std::runtime_error("the padded KB changed what the medium profiles' diagnoses work through");
  return w.get();
}

#define SKIP_WITHOUT(w)                                                            \
  if ((w) == nullptr) {                                                            \
    state.SkipWithError("no workload: run ../shared/peers/run.sh with this size"); \
    return;                                                                        \
  }

// The KB at `kb` compiled into a model file as `kb compile` writes it, in the temporary folder.
fs::path write_model_file(const fs::path& kb, const std::string& name) {
  dsl::KbCheck checked = dsl::load_and_check(kb);
  if (!checked.kb) throw std::runtime_error(dsl::render_text(checked.diagnostics));
  fs::path file = fs::temp_directory_path() / (name + ".mpm");
  std::ofstream(file, std::ios::binary) << engine::encode_model(*engine::compile(*checked.kb),
                                                                engine::kb_sources(*checked.kb, kb));
  return file;
}

void BM_LoadKb(benchmark::State& state, const std::string& size) {
  fs::path const dir = peers_out() / size / "mpadvisor/kb";
  if (!fs::exists(dir)) return state.SkipWithError("no workload");
  for (auto _ : state) benchmark::DoNotOptimize(engine::compile(*dsl::load_and_check(dir).kb));
}

// The same KB from a model file made by `kb compile`: mapped and decoded, no parsing.
void BM_LoadModelFile(benchmark::State& state, const std::string& size) {
  fs::path const dir = peers_out() / size / "mpadvisor/kb";
  if (!fs::exists(dir)) return state.SkipWithError("no workload");
  fs::path const file = write_model_file(dir, "peers_bench_" + size);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::size_t const before = mallinfo2().uordblks;
    auto model = engine::load_model_file(file);
    bytes = mallinfo2().uordblks - before;  // what the decoded model holds
    benchmark::DoNotOptimize(model);
  }
  state.counters["file_MiB"] = static_cast<double>(fs::file_size(file)) / (1024.0 * 1024.0);
  state.counters["model_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  fs::remove(file);
}

// What the batch asks of a diagnosis for these profiles: no evidence (--no-evidence), and no
// rule values, which only the ranking of a recorded rejection reads.
engine::DiagnoseOptions batch_options() {
  engine::DiagnoseOptions o;
  o.evidence = false;
  o.rule_values = false;
  return o;
}

void BM_ReadProfile(benchmark::State& state, const std::string& size) {
  const Workload* w = workload(size);
  SKIP_WITHOUT(w);
  engine::Scratch scratch;  // as the batch lends one per thread
  std::size_t k = 0;
  for (auto _ : state) {
    engine::parse_profile(*w->model, w->profiles[k], 0, scratch.profile, &scratch);
    k = (k + 1) % w->profiles.size();
  }
}

// One diagnosis as the batch makes it: just after its profile was read, so the profile is in
// the cache and the model's tables for the line's target are whatever the previous lines left.
// The reading is not timed (manual time). With `again`, the same profile is diagnosed a second
// time and only that is timed: the rules of its scope are then in the cache too, which shows
// how much of a diagnosis is waiting on memory. As in the batch: a lent Scratch, no evidence,
// no rule values (the profiles record no rejection to rank).
void diagnose_after_reading(benchmark::State& state, const std::string& size, bool again) {
  const Workload* w = workload(size);
  SKIP_WITHOUT(w);
  engine::Scratch scratch;
  engine::Profile& p = scratch.profile;
  engine::Diagnosis& d = scratch.diagnosis;
  engine::DiagnoseOptions const o = batch_options();
  engine::DiagnoseOptions each = o;
  std::size_t k = 0;
  for (auto _ : state) {
    engine::parse_profile(*w->model, w->profiles[k], 0, p, &scratch);
    each.target = w->targets[k];
    if (again) engine::diagnose(*w->model, p, each, d, &scratch);
    auto const start = std::chrono::steady_clock::now();
    engine::diagnose(*w->model, p, each, d, &scratch);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    benchmark::DoNotOptimize(d.verdict);
    k = (k + 1) % w->profiles.size();
  }
  report_work(state, *w);
}

void BM_Diagnose(benchmark::State& state, const std::string& size) { diagnose_after_reading(state, size, false); }
void BM_DiagnoseAgain(benchmark::State& state, const std::string& size) { diagnose_after_reading(state, size, true); }

// The answer's options: without evidence (as run.sh asks), and when `lean` also by names only
// and with only the target and the blockers (run.sh's --names-only --fields target,blockers).
render::Options answer_options(bool lean) {
  render::Options r;
  r.evidence = false;
  if (lean) {
    r.names_only = true;
    r.members = render::diagnosis_members_mask("target,blockers");
  }
  return r;
}

void BM_WriteAnswer(benchmark::State& state, const std::string& size, bool lean) {
  const Workload* w = workload(size);
  SKIP_WITHOUT(w);
  std::vector<std::pair<engine::Profile, engine::Diagnosis>> done;
  engine::DiagnoseOptions o;
  o.evidence = false;
  for (std::size_t k = 0; k < w->profiles.size() && k < 2000; ++k) {
    o.target = w->targets[k];
    engine::Profile p = engine::parse_profile(*w->model, w->profiles[k], 0);
    engine::Diagnosis d = engine::diagnose(*w->model, p, o);
    done.emplace_back(std::move(p), std::move(d));
  }
  render::Options const r = answer_options(lean);
  std::size_t k = 0;
  for (auto _ : state) {
    render::JsonWriter out(-1, true);
    out.begin_object();
    render::write_diagnosis_answer(out, *w->model, done[k].first, done[k].second, r);
    out.end_object();
    benchmark::DoNotOptimize(out.str());
    k = (k + 1) % done.size();
  }
}

// One line as the batch takes it (batch_diagnose.cpp's read_line_in_place): the profile read
// in place where it starts in the line, diagnosed, the answer written. The envelope's keys
// ("id", "target") are short plain strings, found once when the workload is loaded.
void BM_Line(benchmark::State& state, const std::string& size, bool lean) {
  const Workload* w = workload(size);
  SKIP_WITHOUT(w);
  engine::Scratch scratch;
  engine::Profile& p = scratch.profile;
  engine::Diagnosis& d = scratch.diagnosis;
  engine::DiagnoseOptions o = batch_options();
  render::Options const r = answer_options(lean);
  std::size_t k = 0;
  for (auto _ : state) {
    if (!engine::read_profile_at(*w->model, w->profiles[k], 0, p, &scratch)) {
      state.SkipWithError("a profile of the workload needs more than the fast reader");
      return;
    }
    o.target = w->targets[k];
    engine::diagnose(*w->model, p, o, d, &scratch);
    render::JsonWriter out(-1, true);
    out.begin_object();
    render::write_diagnosis_answer(out, *w->model, p, d, r);
    out.end_object();
    benchmark::DoNotOptimize(out.str());
    k = (k + 1) % w->lines.size();
  }
}

// One run of the command-line program, as run.sh makes it: its wall time and peak memory.
struct ProgramRun {
  double seconds = 0;
  double peak_mib = 0;
  bool ok = false;
};

constexpr const char* kMeasureFlag = "--run-measured";

// Runs `args` through this program started afresh with kMeasureFlag (main, below), which runs
// the command and prints its peak resident memory. A child's peak counts the memory of the
// process it was forked from, so the command must not be forked from this one, which holds
// the workloads.
ProgramRun run_program(const std::vector<std::string>& args) {
  std::vector<std::string> all{"/proc/self/exe", kMeasureFlag};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(all.size() + 1);
  for (const std::string& a : all) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int out[2];
  ProgramRun run;
  if (pipe(out) != 0) return run;
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_adddup2(&files, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&files, out[0]);
  auto const start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int const spawned = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  close(out[1]);
  std::string report;
  char buffer[64];
  for (ssize_t n; spawned == 0 && (n = read(out[0], buffer, sizeof buffer)) > 0;) report.append(buffer, n);
  close(out[0]);
  int status = 0;
  if (spawned != 0 || waitpid(pid, &status, 0) != pid) return run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_mib = std::strtod(report.c_str(), nullptr) / 1024.0;  // reported in KiB
  // 1: some answer is not clear, or some line was bad (there are none in the workload).
  run.ok = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1) && !report.empty();
  return run;
}

// The measuring side: runs argv as a child with no input and no output, prints the child's
// peak resident memory in KiB, and exits with the child's status.
int run_measured(char** argv) {
  pid_t const pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    int const null = open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execv(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return 127;
  std::printf("%ld\n", usage.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 127;
}

// `mpadvisor diagnose --batch` end to end, as run.sh runs it (two threads, the lean answer),
// on the KB's text or on a model file made by `kb compile`. Timed: the whole process on the
// workload's lines, less the same process on no lines (its start and the KB's load), per
// line; peak_MiB is the whole run's peak resident memory.
void BM_Batch(benchmark::State& state, const std::string& name, bool from_model_file) {
  std::optional<WorkloadFiles> const files = workload_files(name);
  if (!files) return state.SkipWithError("no workload");
  fs::path const kb = from_model_file ? write_model_file(files->kb, "peers_bench_batch_" + name) : files->kb;
  std::size_t lines = 0;
  {
    std::ifstream in(files->batch);
    for (std::string line; std::getline(in, line);) ++lines;
  }
  auto command = [&](const fs::path& input) {
    return std::vector<std::string>{MPADVISOR_BINARY, "--kb",         kb.string(), "--format",
                                    "json",           "diagnose",     "--batch",   input.string(),
                                    "--no-evidence",  "--names-only", "--fields",  "target,blockers"};
  };
  double peak = 0;
  for (auto _ : state) {
    ProgramRun const empty = run_program(command(files->empty));
    ProgramRun const full = run_program(command(files->batch));
    if (!empty.ok || !full.ok) {
      state.SkipWithError("the batch failed: run it by hand to see why");
      break;
    }
    state.SetIterationTime(std::max(0.0, full.seconds - empty.seconds) / static_cast<double>(lines));
    peak = full.peak_mib;
  }
  state.counters["peak_MiB"] = peak;
  state.counters["lines"] = static_cast<double>(lines);
  if (from_model_file) fs::remove(kb);
}

}  // namespace

BENCHMARK_CAPTURE(BM_Batch, medium_text, std::string("medium"), false)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(5);
BENCHMARK_CAPTURE(BM_Batch, large_text, std::string("large"), false)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_Batch, medium_model, std::string("medium"), true)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(5);
BENCHMARK_CAPTURE(BM_Batch, large_model, std::string("large"), true)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_Batch, medium_in_large_kb_model, kMediumInLargeKb, true)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->Iterations(5);
BENCHMARK_CAPTURE(BM_LoadKb, medium, std::string("medium"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadKb, large, std::string("large"))->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_LoadModelFile, medium, std::string("medium"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadModelFile, large, std::string("large"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadProfile, medium, std::string("medium"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReadProfile, large, std::string("large"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Diagnose, medium, std::string("medium"))->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK_CAPTURE(BM_Diagnose, large, std::string("large"))->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK_CAPTURE(BM_Diagnose, medium_in_large_kb, kMediumInLargeKb)->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK_CAPTURE(BM_DiagnoseAgain, medium, std::string("medium"))->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK_CAPTURE(BM_DiagnoseAgain, large, std::string("large"))->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK_CAPTURE(BM_DiagnoseAgain, medium_in_large_kb, kMediumInLargeKb)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_WriteAnswer, medium, std::string("medium"), false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_WriteAnswer, large, std::string("large"), false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_WriteAnswer, medium_lean, std::string("medium"), true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_WriteAnswer, large_lean, std::string("large"), true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Line, medium, std::string("medium"), false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Line, large, std::string("large"), false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Line, medium_lean, std::string("medium"), true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Line, large_lean, std::string("large"), true)->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
  if (argc > 2 && std::string_view(argv[1]) == kMeasureFlag) return run_measured(argv + 2);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
