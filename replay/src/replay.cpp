#include "mpadvisor/replay/replay.hpp"

#include <algorithm>
#include <chrono>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/engine/rejection.hpp"

namespace mpadvisor::replay {

std::optional<std::string> CaseVerdict::top_cause() const {
  if (ranked.empty()) return std::nullopt;
  return std::string(ranked.front());
}

CaseVerdict diagnose_case(const engine::Model& model, const Case& c, engine::Scratch& scratch) {
  CaseVerdict v;
  // A profile without `as_of` is read as of the day the case happened.
  // The import checked the date; a stored case whose date is somehow invalid reads as an error.
  base::ParsedTime const when = base::parse_time(c.date);
  try {
    if (!when.ok()) throw engine::ProfileError(when.error.prefixed("date: ", "日期："));
    // The scratch profile is refilled for each case: building a fresh one costs more than
    // reading the case's JSON.
    engine::Profile& profile = scratch.profile;
    engine::parse_profile(model, c.profile, when.seconds, profile, &scratch);
    engine::DiagnoseOptions options;
    options.evidence = false;
    options.needs_info = false;
    engine::Diagnosis& d = scratch.diagnosis;
    engine::diagnose(model, profile, options, d, &scratch);
    v.verdict = engine::to_string(d.verdict);
    std::optional<engine::StepId> stage;
    if (!c.stage.empty()) stage = model.find_step(c.stage);
    engine::RankingWeights weights;
    weights.keep_evidence = false;
    engine::RejectionRanking ranking = engine::rank_rejection(model, d, c.message, stage, {}, weights, &scratch);
    v.ranked.reserve(ranking.causes.size());
    for (const engine::RankedCause& r : ranking.causes) v.ranked.emplace_back(model.causes()[r.cause].name);
  } catch (const engine::ProfileError& e) {
    v.verdict = "error";
    v.error = e.what();
  }
  return v;
}

constexpr std::size_t kProgressEvery = 1000;

ReplayReport replay(Store& store, const engine::Model& model, bool record, const Progress& progress) {
  ReplayReport report;
  std::size_t const all = progress ? static_cast<std::size_t>(store.count()) : 0;
  auto const start = std::chrono::steady_clock::now();
  std::vector<casebase::DiagnosisRecord> records;
  engine::Scratch scratch;
  store.for_each_case([&](const Case& c) {
    CaseVerdict v = diagnose_case(model, c, scratch);
    ++report.cases;
    if (v.verdict == "error") ++report.errors;
    if (!c.causes.empty()) {
      ++report.labelled;
      auto labelled = [&](std::string_view cause) {
        return std::find(c.causes.begin(), c.causes.end(), cause) != c.causes.end();
      };
      bool const first = !v.ranked.empty() && labelled(v.ranked.front());
      bool const in_three = std::any_of(
          v.ranked.begin(),
          v.ranked.begin() + std::min<std::ptrdiff_t>(3, static_cast<std::ptrdiff_t>(v.ranked.size())), labelled);
      report.top1 += first;
      report.top3 += in_three;
      if (!first) report.misses.push_back({c.id, c.causes, {v.ranked.begin(), v.ranked.end()}});
    }
    if (record) records.push_back({c.id, {model.version(), std::string(v.verdict), v.top_cause()}});
    if (progress && report.cases % kProgressEvery == 0) progress(report.cases, all);
    return true;
  });
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  store.record_diagnoses(records);
  return report;
}

std::vector<ImpactRow> impact(const Store& store, const engine::Model& base, const engine::Model& next,
                              std::size_t* total, const Progress& progress) {
  std::vector<ImpactRow> rows;
  std::size_t count = 0;
  std::size_t const all = progress ? static_cast<std::size_t>(store.count()) : 0;
  engine::Scratch base_scratch, next_scratch;
  store.for_each_case([&](const Case& c) {
    ++count;
    CaseVerdict before = diagnose_case(base, c, base_scratch), after = diagnose_case(next, c, next_scratch);
    if (before.verdict != after.verdict || before.top_cause() != after.top_cause()) {
      rows.push_back({c.id, std::move(before), std::move(after)});
    }
    if (progress && count % kProgressEvery == 0) progress(count, all);
    return true;
  });
  if (total) *total = count;
  return rows;
}

}  // namespace mpadvisor::replay
