// A case's content hash: what makes two imports of the same case the same case (docs/cases.md,
// "Importing twice"). Computed from what is stored (after redaction), never from the id.
#pragma once

#include <string>

#include "mpadvisor/casebase/case.hpp"

namespace mpadvisor::casebase {

// 32 hex digits over date, stage, entity, profile, message, causes, fix, outcome and source.
std::string content_hash(const Case& c);

}  // namespace mpadvisor::casebase
