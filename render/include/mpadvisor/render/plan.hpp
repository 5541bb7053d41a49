// Plans for people and programs: each plan's actions in order with their money, days, risk
// and what they resolve; the timeline, release window and critical path; the cheaper sets
// passed over and why; the blockers no action removes (docs/json.md, docs/plan.md).
#pragma once

#include <string>

#include "mpadvisor/engine/plan.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

std::string plan_text(const engine::Model& model, const engine::PlanResult& result, std::int64_t as_of,
                      const Options& options);
Json plan_json(const engine::Model& model, const engine::PlanResult& result, std::int64_t as_of,
               const engine::PlanWeights& weights, const Options& options);

}  // namespace mpadvisor::render
