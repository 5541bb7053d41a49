// Text for a terminal: what comes from files, databases and users is shown with its control
// characters and escape sequences neutralised (colours, cursor moves, OSC hyperlinks, bidi
// overrides and ill-formed bytes become visible escapes such as \x1b or \u202e); widths
// count East Asian wide characters as two columns.
#pragma once

#include <string>
#include <string_view>

namespace mpadvisor::base {

enum class Keep { nothing, tabs, lines };  // which layout characters pass through unchanged

// The text with every C0 and C1 control character, DEL, bidi override or isolate and
// ill-formed byte replaced by a visible escape. `keep` lets tabs (and line breaks) through.
std::string safe(std::string_view text, Keep keep = Keep::nothing);

// safe(), with line breaks and tabs turned into spaces: for one-line summaries.
std::string one_line(std::string_view text);

// At most `columns` terminal columns, cut on a character boundary and marked with "…".
std::string clip(std::string_view text, std::size_t columns);

// Padded with spaces to `columns` terminal columns.
std::string pad(std::string_view text, std::size_t columns);

}  // namespace mpadvisor::base
