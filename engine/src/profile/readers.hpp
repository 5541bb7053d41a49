// The two readers behind parse_profile. The fast one takes the usual profile straight from
// the text into the profile's slots; the full one (nlohmann's SAX parser) takes everything
// else and words every mistake. parse_profile tries the fast one first and, when it declines,
// resets the profile and runs the full one: so what is accepted, and how a mistake is worded,
// never depends on which reader ran. Tests compare the two on the same texts.
#pragma once

#include <string_view>

#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine::detail {
struct ReadingMemory;  // working_memory.hpp
}

namespace mpadvisor::engine::profile_detail {

// Reads `text` into `into` (reset: every fact unknown, nothing done, no rejections). Returns
// false, leaving `into` unspecified, on every mistake and on the rare legal forms it leaves to
// the full reader: a string with an escape, a number beyond 64-bit integers or doubles, a
// comment's value nested more than 64 deep. With `taken`, the profile is the object at the
// start of `text`, which may go on after it; *taken is then the object's length. `memory`: the
// lent working memory, or null for the reader's own.
bool read_profile_fast(const Model& model, std::string_view text, Profile& into, std::size_t* taken,
                       detail::ReadingMemory* memory = nullptr);

// Reads `text` into `into` (reset as above); throws ProfileError for the first mistake.
void read_profile_full(const Model& model, std::string_view text, Profile& into);

}  // namespace mpadvisor::engine::profile_detail
