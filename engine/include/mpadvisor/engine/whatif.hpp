// What if: diagnose a profile before and after some facts change, and compare.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

struct FactEdit {
  FactId fact = kNone;
  bool unset = false;
  std::string value;  // command-line text, as for set_fact_from_text
};

// A blocker, warning or undecided rule as the comparison sees it: a cause at a step.
struct FindingKey {
  StepId step = kNone;
  CauseId cause = kNone;
  RuleId rule = kNone;
  friend bool operator==(const FindingKey&, const FindingKey&) = default;
};

struct WhatIf {
  Diagnosis before, after;
  std::vector<FindingKey> resolved, introduced, unchanged;  // blocking findings
  std::vector<FindingKey> warnings_resolved, warnings_introduced;
};

// Throws ProfileError when an edit does not fit its fact's type.
WhatIf what_if(const Model& model, const Profile& profile, const std::vector<FactEdit>& edits,
               const DiagnoseOptions& options = {});

}  // namespace mpadvisor::engine
