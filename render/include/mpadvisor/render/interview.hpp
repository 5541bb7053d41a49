// The interview for people and programs: a question with its choices, why it is asked, how
// many may follow; and the JSON Lines messages of the interview protocol (docs/json.md).
#pragma once

#include <string>

#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

// {"fact", "type", "priority", "text", "help", "example", "choices": [{"value", "title"}],
//  "why": [{"rule", "step", "cause", "title"}], "remaining_max"}
Json question_json(const engine::Model& model, const engine::InterviewState& state, const Options& options);

// The question as a prompt: its text, the numbered choices or the kind of answer expected,
// and how many questions at most remain.
std::string question_text(const engine::Model& model, const engine::InterviewState& state, const Options& options);

// Why the question is asked: the undecided rules an answer could decide, and their steps.
std::string why_text(const engine::Model& model, const engine::Question& q, const Options& options);

// The type of a fact as the protocol names it: bool, enum, set, number, text, list, date, datetime.
std::string fact_type_name(engine::FactType type);

}  // namespace mpadvisor::render
