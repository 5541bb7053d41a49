#include "mpadvisor/engine/whatif.hpp"

#include <algorithm>

namespace mpadvisor::engine {
namespace {

std::vector<FindingKey> blocking_keys(const Diagnosis& d) {
  std::vector<FindingKey> keys;
  for (const BlockedStep& b : d.blockers) {
    for (const Finding& f : b.causes) keys.push_back({f.step, f.cause, f.rule});
  }
  return keys;
}

std::vector<FindingKey> warning_keys(const Diagnosis& d) {
  std::vector<FindingKey> keys;
  for (const Finding& f : d.warnings) keys.push_back({f.step, f.cause, f.rule});
  return keys;
}

bool contains(const std::vector<FindingKey>& keys, const FindingKey& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

}  // namespace

WhatIf what_if(const Model& model, const Profile& profile, const std::vector<FactEdit>& edits,
               const DiagnoseOptions& options) {
  WhatIf w;
  w.before = diagnose(model, profile, options);
  Profile changed = profile;
  for (const FactEdit& e : edits) {
    if (e.unset)
      unset_fact(changed, e.fact);
    else
      set_fact_from_text(model, changed, e.fact, e.value);
  }
  w.after = diagnose(model, changed, options);
  auto const before = blocking_keys(w.before), after = blocking_keys(w.after);
  for (const FindingKey& k : before) (contains(after, k) ? w.unchanged : w.resolved).push_back(k);
  for (const FindingKey& k : after) {
    if (!contains(before, k)) w.introduced.push_back(k);
  }
  auto const warned_before = warning_keys(w.before), warned_after = warning_keys(w.after);
  for (const FindingKey& k : warned_before) {
    if (!contains(warned_after, k)) w.warnings_resolved.push_back(k);
  }
  for (const FindingKey& k : warned_after) {
    if (!contains(warned_before, k)) w.warnings_introduced.push_back(k);
  }
  return w;
}

}  // namespace mpadvisor::engine
