// The planner's internal pieces: candidate actions with the edits they make, applying edits
// to a profile and taking them back, suggested values, and the schedule of a plan.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/engine/plan.hpp"

namespace mpadvisor::engine::plan_detail {

// One structural change of a fact: a whole value, or one item added to or taken from a set
// or list (so that two options of one alternatives set combine).
struct Edit {
  FactId fact = kNone;
  ChangeOp op = ChangeOp::assign;  // assign | unset | add | remove
  FactValue value;                 // assign
  std::string item;                // add | remove
};

struct Candidate {
  Action action;
  std::vector<Edit> edits;
  std::vector<FactId> touches;  // the facts the edits change, sorted
};

// Applies edits to a profile and restores the facts it touched when done (or on undo()).
class EditScope {
 public:
  EditScope(const Model& model, Profile& profile) : model_(model), profile_(profile) {}
  ~EditScope() { undo(); }
  EditScope(const EditScope&) = delete;
  EditScope& operator=(const EditScope&) = delete;

  void apply(const Edit& edit);
  void apply(const std::vector<Edit>& edits) {
    for (const Edit& e : edits) apply(e);
  }
  void undo();

 private:
  const Model& model_;
  Profile& profile_;
  std::vector<std::pair<FactId, FactValue>> saved_;
};

// Which facts decide each rule: the ones its condition reads and the ones its step's
// `done when` reads (a step done no longer counts its rules). By RuleId, sorted.
std::vector<std::vector<FactId>> rule_reads(const Model& model);

// Values for `change F suggest …`, best first, at most `limit`: each passes every rule that
// reads F (see suggest.cpp for how they are made).
std::vector<std::string> suggest_values(const Model& model, const Profile& profile, const FactChange& change,
                                        std::size_t limit);

// The repair actions the KB offers against some standing findings (rules) of a profile:
// fixes of their causes and options of the alternatives sets their rules read. Skips fixes
// that touch a frozen fact (background or kept) and fixes whose guard does not hold; the
// causes of the latter are added to `guarded`.
std::vector<Candidate> repair_candidates(const Model& model, const Profile& profile, const std::vector<bool>& frozen,
                                         const std::vector<RuleId>& findings, std::vector<CauseId>& guarded);

// The cost of a KB duration from a moment, in days (working days as the calendar days they
// span from `from`).
double days_of(const Model& model, std::int64_t from, const std::optional<Duration>& d, bool high);

// Schedules the remaining steps of `after` (the diagnosis with the plan applied) and the
// plan's repair actions from `as_of`: earliest and latest start and end of each step, the
// release window of the target and the critical path. Fills the plan's timeline, release
// window, critical path and days.
void schedule(const Model& model, const Diagnosis& after, std::int64_t as_of, Plan& plan);

}  // namespace mpadvisor::engine::plan_detail
