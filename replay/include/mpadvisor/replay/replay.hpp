// Running stored cases through the engine: how well the KB's cause ranking agrees with the
// experts' labels (replay), and what a KB change would change (impact). The meeting point of
// the case base (which knows no engine) and the engine (which knows no database).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mpadvisor/casebase/store.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/scratch.hpp"

namespace mpadvisor::replay {

using casebase::Case;
using casebase::CaseId;
using casebase::Store;

// The engine's view of one case: its verdict on the profile and the causes it ranks for the
// rejection message. Similar-case votes are left out, so a case never votes for itself.
// `ranked` views cause names in the Model, which must outlive the verdict.
struct CaseVerdict {
  std::string_view verdict;              // clear | blocked | needs_info | error
  std::vector<std::string_view> ranked;  // cause ids, most likely first
  std::string error;                     // the profile does not fit the KB
  std::optional<std::string> top_cause() const;
};

// `scratch` holds the profile and diagnosis refilled for each case (one per thread).
CaseVerdict diagnose_case(const engine::Model& model, const Case& c, engine::Scratch& scratch);

struct ReplayMiss {
  CaseId id = 0;
  std::vector<std::string> labelled, ranked;
};

struct ReplayReport {
  std::size_t cases = 0, labelled = 0, top1 = 0, top3 = 0, errors = 0;
  std::vector<ReplayMiss> misses;  // labelled cases whose label is not ranked first
  double seconds = 0;
};

// Told how far a long run has come: cases done, and how many there are in all.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Diagnoses every case; with `record`, stores each case's verdict and top cause with the
// model's version. `progress`, when given, is called every 1,000 cases.
ReplayReport replay(Store& store, const engine::Model& model, bool record, const Progress& progress = {});

struct ImpactRow {
  CaseId id = 0;
  CaseVerdict before, after;  // view the two models given to impact()
};

// The cases whose verdict or top cause differs between two KBs.
std::vector<ImpactRow> impact(const Store& store, const engine::Model& base, const engine::Model& next,
                              std::size_t* total = nullptr, const Progress& progress = {});

}  // namespace mpadvisor::replay
