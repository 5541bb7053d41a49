// `kb impact` and `cases replay`: the stored cases run through the engine.
#pragma once

#include "commands.hpp"

namespace mpadvisor::cli {

void register_kb_impact(CLI::App& kb, CommandContext& context);
void register_cases_replay(CLI::App& cases, CommandContext& context);

}  // namespace mpadvisor::cli
