// The two languages mpadvisor speaks: every user-facing text exists in both.
#pragma once

namespace mpadvisor::base {

enum class Lang { zh, en };

}  // namespace mpadvisor::base
