// The timeline of a plan: every remaining step gets an earliest and a latest start and end,
// from the profile's `as_of`, through the step graph. A step starts when the steps it
// requires have ended and the repairs that belong before it are done; repairs start at
// `as_of`, side by side. Earliest times use each duration's low end, latest times its high
// end. The latest release and the chain of steps and repairs that decides it (the critical
// path) come out of the same pass.
#include <algorithm>
#include <cmath>

#include "mpadvisor/engine/calendar.hpp"
#include "plan/planner_detail.hpp"

namespace mpadvisor::engine::plan_detail {
namespace {

struct Times {
  std::int64_t earliest_end = 0, latest_end = 0;
  // What the latest start waited for: a step, a repair action (index), or nothing (as_of).
  StepId after_step = kNone;
  std::size_t after_action = SIZE_MAX;
};

std::int64_t end_of(const Model& model, std::int64_t start, const std::optional<Duration>& d, bool high) {
  if (!d) return start;
  return add_time(model.calendar(), start, high ? d->high : d->low);
}

}  // namespace

void schedule(const Model& model, const Diagnosis& after, std::int64_t as_of, Plan& plan) {
  const std::size_t n = model.steps().size();
  std::vector<Times> times(n);
  std::vector<bool> remaining(n, false);
  std::vector<Times> action_times(plan.actions.size());
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    const Action& a = plan.actions[i];
    if (a.kind == ActionKind::step) continue;
    // Repairs start at as_of; their days were counted from it (an action made of several
    // fixes with the same change takes the longest of them).
    action_times[i].earliest_end = as_of + std::llround(a.cost.days_min * 86400);
    action_times[i].latest_end = as_of + std::llround(a.cost.days_max * 86400);
  }

  plan.timeline.clear();
  std::int64_t last_end = as_of;
  std::size_t last_action = SIZE_MAX;
  StepId last_step = kNone;
  for (StepId s : model.topological_order()) {
    if (!after.in_scope[s] || after.status[s] == StepStatus::done) continue;
    remaining[s] = true;
    const StepInfo& step = model.steps()[s];
    std::int64_t earliest = as_of, latest = as_of;
    Times& t = times[s];
    for (StepId r : step.requires_) {
      if (!remaining[r]) continue;
      earliest = std::max(earliest, times[r].earliest_end);
      if (times[r].latest_end > latest) {
        latest = times[r].latest_end;
        t.after_step = r;
        t.after_action = SIZE_MAX;
      }
    }
    for (std::size_t i = 0; i < plan.actions.size(); ++i) {
      const Action& a = plan.actions[i];
      if (a.kind == ActionKind::step || std::find(a.before.begin(), a.before.end(), s) == a.before.end()) continue;
      earliest = std::max(earliest, action_times[i].earliest_end);
      if (action_times[i].latest_end > latest) {
        latest = action_times[i].latest_end;
        t.after_step = kNone;
        t.after_action = i;
      }
    }
    t.earliest_end = end_of(model, earliest, step.duration, false);
    t.latest_end = end_of(model, latest, step.duration, true);
    plan.timeline.push_back({s, earliest, t.earliest_end, latest, t.latest_end, false});
  }

  // The release window is the target's; the plan is over when every goal in scope and every
  // repair is.
  StepId const target = after.target;
  plan.release_earliest = remaining[target] ? times[target].earliest_end : as_of;
  plan.release_latest = remaining[target] ? times[target].latest_end : as_of;
  std::int64_t earliest_all = plan.release_earliest;
  for (StepId s = 0; s < n; ++s) {
    if (!remaining[s]) continue;
    earliest_all = std::max(earliest_all, times[s].earliest_end);
    if (times[s].latest_end > last_end) {
      last_end = times[s].latest_end;
      last_step = s;
    }
  }
  for (std::size_t i = 0; i < plan.actions.size(); ++i) {
    if (plan.actions[i].kind == ActionKind::step) continue;
    earliest_all = std::max(earliest_all, action_times[i].earliest_end);
    if (action_times[i].latest_end > last_end) {
      last_end = action_times[i].latest_end;
      last_step = kNone;
      last_action = i;
    }
  }
  plan.total.days_min = static_cast<double>(earliest_all - as_of) / 86400.0;
  plan.total.days_max = static_cast<double>(last_end - as_of) / 86400.0;

  // The critical path: back from whatever ends last, through what each waited for.
  plan.critical_path.clear();
  StepId s = last_step;
  std::size_t a = last_action;
  while (s != kNone || a != SIZE_MAX) {
    if (s != kNone) {
      plan.critical_path.push_back(model.steps()[s].name);
      for (ScheduledStep& entry : plan.timeline) entry.critical |= entry.step == s;
      std::size_t const next_action = times[s].after_action;
      s = times[s].after_step;
      a = next_action;
    } else {
      plan.critical_path.push_back(plan.actions[a].id);
      a = SIZE_MAX;  // repairs start at as_of
    }
  }
  std::reverse(plan.critical_path.begin(), plan.critical_path.end());
}

}  // namespace mpadvisor::engine::plan_detail
