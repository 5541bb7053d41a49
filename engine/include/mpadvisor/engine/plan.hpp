// Planning before submission: the cheapest sets of changes that leave the target without a
// blocker, each ordered along the step graph, priced in money, days and risk, and scheduled
// from the profile's `as_of` to a release window.
//
// Actions come from the KB: every fix with machine-readable changes, every option of an
// alternatives set, and the remaining steps themselves (their fees and durations). Plans are
// found by a best-first search over sets of repair actions (see docs/plan.md), and each plan
// is re-checked by diagnosing the profile with its changes applied.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::engine {

// How plans are ranked: score = cny × ¥ + days × (days to the latest release) + risk × (the
// chance that a review still fails, 0–1).
struct PlanWeights {
  double cny = 1, days = 20, risk = 200;
};

struct PlanOptions {
  std::optional<StepId> target;  // default: every goal of the KB, as diagnose
  std::size_t top = 3;           // plans returned at most
  PlanWeights weights;
  std::vector<FactId> keep;  // facts the applicant will not change (besides the KB's background facts)
  // A bound on the search (sets of actions diagnosed). Within it the best plans are proven
  // best; past it the plans found are still re-checked plans, but a cheaper one may exist,
  // and the result says so (search_limited).
  std::size_t max_evaluations = 5000;
};

enum class ActionKind {
  fix,     // a cause's fix: its changes
  option,  // an option of an alternatives set: adds it to the set fact
  step,    // a remaining step of the process (its fee and duration)
};

// One change of a fact. An action's changes say what it does (`features -= comments`); a
// plan's changes give each fact as the whole plan leaves it, the way `whatif --set FACT=VALUE`
// takes it (assign or unset only).
struct PlannedChange {
  FactId fact = kNone;
  ChangeOp op = ChangeOp::assign;        // assign, add, remove or unset
  std::string value;                     // assign: the value as command-line text; add, remove: the item
  std::vector<std::string> suggestions;  // a suggested value: the values that pass, best first (value first)
};

struct ActionCost {
  double cny = 0;
  double days_min = 0, days_max = 0;  // calendar days (working days counted as calendar days they span from as_of)
  bool per_attempt = false, per_year = false, refundable = true;
};

struct Action {
  ActionKind kind = ActionKind::fix;
  std::string id;                      // stable: CAUSE#N for a fix (N from 1), ALTERNATIVES.OPTION, or the step's name
  StepId step = kNone;                 // the step it belongs before (fix, option) or is (step)
  std::vector<StepId> before;          // fix, option: every remaining step it must be done before
  CauseId cause = kNone;               // fix: the cause it comes from
  std::uint32_t fix = 0;               // fix: its index in the cause's fixes
  std::uint32_t alternatives = kNone;  // option: the alternatives set
  std::uint32_t option = 0;            // option: its index in the set
  std::vector<PlannedChange> changes;  // fix, option
  ActionCost cost;
  bool irreversible = false;
  double risk = 0;                  // chance the step it belongs to still fails after the plan (standing warnings)
  std::vector<CauseId> resolves;    // causes standing before the plan that no longer stand with it
  std::vector<FactId> assumes;      // unknown facts that the rules it resolves still read
  std::vector<CauseId> also_fixes;  // fix: other causes whose fixes make the same change
};

struct ScheduledStep {
  StepId step = kNone;
  // Earliest and latest moments (Beijing wall seconds): start and end.
  std::int64_t earliest_start = 0, earliest_end = 0, latest_start = 0, latest_end = 0;
  bool critical = false;  // on the critical path to the latest release
};

struct PlanTotal {
  double cny = 0;                     // repairs and the fees of the remaining steps
  double days_min = 0, days_max = 0;  // from as_of until every goal in scope and every repair is done
  double risk = 0;                    // chance that some remaining review still fails
};

struct Plan {
  std::vector<Action> actions;  // repairs and the applicant's steps, in the order to take them
  // Every fact the plan changes, as the whole plan leaves it: `whatif --set` these to check it.
  std::vector<PlannedChange> changes;
  PlanTotal total;
  double score = 0;
  std::int64_t release_earliest = 0, release_latest = 0;  // the target's end (Beijing wall seconds)
  std::vector<std::string> critical_path;  // step names and action ids deciding the latest release, in order
  std::vector<ScheduledStep> timeline;     // every remaining step, in topological order
  std::vector<RuleId> risks;               // warnings still standing after the plan
  std::vector<FactId> assumes;             // unknown facts the plan assumes come out well (undecided blocking rules)
};

// A blocker no action can remove.
struct Unresolvable {
  enum class Reason {
    background,  // every fact it reads that could lift it is one the applicant cannot change
    kept,        // … or one the applicant chose to keep (--keep)
    no_fix,      // no fix or option of the KB changes what it reads
    guarded,     // its fixes exist but their guards forbid them now
  } reason = Reason::no_fix;
  StepId step = kNone;
  CauseId cause = kNone;
  RuleId rule = kNone;
  std::vector<FactId> facts;  // background or kept facts it reads (background, kept)
};

// A set of actions that looked cheaper than the best plan (in money and days, before risk)
// but is not a plan, and why.
struct PassedOver {
  enum class Reason {
    guard,        // it leaves a warning standing at a step that commits the applicant
    new_blocker,  // it brings a blocker of its own
  } reason = Reason::guard;
  std::vector<std::string> actions;  // action ids
  double score = 0;                  // its full score (risk included), had it been allowed
  StepId step = kNone;               // guard: the committing step; new_blocker: where it blocks
  CauseId cause = kNone;             // the standing warning or the new blocker
};

struct PlanResult {
  StepId target = kNone;
  std::vector<Plan> plans;  // best first
  std::vector<Unresolvable> unresolvable;
  std::vector<PassedOver> passed_over;  // at most one per reason, the cheapest
  std::size_t candidates = 0;           // repair actions considered
  std::size_t evaluations = 0;          // sets of actions diagnosed
  bool search_limited = false;          // max_evaluations was reached: better plans may exist
  // The holiday table's last day (days since 1970-01-01) when a plan's latest release lies
  // beyond it, so working days after it skip weekends only.
  std::optional<std::int32_t> calendar_ends;
};

PlanResult plan(const Model& model, const Profile& profile, const PlanOptions& options = {});

// The search's pieces, for checking it from outside: plan() is Planner(…).run(). The tests'
// brute-force oracle scores every subset of the candidates with evaluate() and compares the
// best with what run() found.
class Planner {
 public:
  Planner(const Model& model, const Profile& profile, const PlanOptions& options);
  ~Planner();
  Planner(const Planner&) = delete;
  Planner& operator=(const Planner&) = delete;

  // The repair actions the search combines, in the order it numbers them.
  const std::vector<Action>& candidates() const;
  // The plan a set of candidates (indices) makes, re-checked; empty when it is not one (a
  // blocker stands, or a warning at a step that commits the applicant).
  std::optional<Plan> evaluate(const std::vector<std::size_t>& chosen);
  PlanResult run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The likelihood a warning stands for, as a chance of failure (docs/plan.md).
double failure_chance(Likelihood likelihood);

std::string_view to_string(ActionKind kind);
std::string_view to_string(Unresolvable::Reason reason);
std::string_view to_string(PassedOver::Reason reason);

}  // namespace mpadvisor::engine
