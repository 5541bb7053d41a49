// The message catalogue: every word the renderers put around the knowledge (headings,
// labels, status words, verdicts, summaries), in Chinese and English, keyed by message id.
// The knowledge itself (titles, explanations, fixes, questions) comes from the KB.
//
// Messages with values use fmt's positional fields ({0}, {1}); both languages of a message
// use the same fields, which a test checks.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::render {

using engine::Lang;

enum class Msg : std::uint16_t {
#define MPADVISOR_MESSAGE(id, en, zh) id,
#include "mpadvisor/render/messages.inc"
#undef MPADVISOR_MESSAGE
  count_
};

// The message in one language.
std::string_view text(Lang lang, Msg id);

// The message with its fields filled in.
template <typename... Args>
std::string say(Lang lang, Msg id, Args&&... args) {
  return fmt::format(fmt::runtime(text(lang, id)), std::forward<Args>(args)...);
}

// The catalogue's words for the engine's enumerations.
Msg message_of(engine::Verdict v);
Msg message_of(engine::StepStatus s);
Msg message_of(engine::Likelihood l);
Msg message_of(engine::Certainty c);
Msg message_of(engine::Truth t);
// Who acts at a step (the KB's actor names) in words; an actor the catalogue does not know as
// it is.
std::string actor_word(std::string_view actor, Lang lang);

// The id as written in messages.inc, for tests and diagnostics.
std::string_view name_of(Msg id);

}  // namespace mpadvisor::render
