// A KB made larger without changing what any of its targets' diagnoses read: its steps and
// rules copied beside it under new names, so that each copy is a separate graph no original
// step requires. Diagnosing the original profiles against it shows what the KB's size alone
// costs, apart from the work each profile brings.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mpadvisor::bench {

// `text` with every step and rule name as the peers' translator writes them (`s` or `r`
// followed by digits, a whole word) followed by `suffix`.
std::string with_renamed_steps_and_rules(std::string_view text, std::string_view suffix);

// Writes into `out` (made afresh) the KB of folder `kb` with `copies` - 1 renamed copies of
// the steps and rules of its files `steps_file` and `rules_file` appended to them; every other
// file (facts, term lists, causes) is shared by the copies and written once.
void write_padded_kb(const std::filesystem::path& kb, int copies, const std::filesystem::path& out,
                     std::string_view steps_file = "steps.mpk", std::string_view rules_file = "rules.mpk");

}  // namespace mpadvisor::bench
