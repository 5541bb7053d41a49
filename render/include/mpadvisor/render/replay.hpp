// Replaying the case base against the KB (how often the right cause comes first) and the
// impact of a KB change on the stored cases.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/render/options.hpp"
#include "mpadvisor/replay/replay.hpp"

namespace mpadvisor::render {

std::string replay_text(const replay::ReplayReport& r, const std::string& kb_version, const Options& options);
Json replay_json(const replay::ReplayReport& r, const std::string& kb_version);

std::string impact_text(const std::vector<replay::ImpactRow>& rows, std::size_t total, const std::string& base_version,
                        const std::string& kb_version, const Options& options);
Json impact_json(const std::vector<replay::ImpactRow>& rows, std::size_t total, const std::string& base_version,
                 const std::string& kb_version);

}  // namespace mpadvisor::render
