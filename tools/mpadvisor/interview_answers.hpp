// Answers as people type them (y/n, numbered choices, lists) and as programs send them (JSON
// Lines), turned into the profile's JSON values; and the `review` command of the terminal.
#pragma once

#include <optional>
#include <string>

#include "interview_session.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::cli {

std::string trim(std::string_view text);
bool yes(std::string_view text);  // y, yes, 是, … (anything else is no)

struct AnswerText {
  render::Json value;  // the answer as the profile holds it
  std::string error;   // why the text is not an answer (in the output's language)
};

// y/n for a bool, the number (or name) of a choice, numbers for a set (0 for none), items
// separated by commas for a list, a number, a date, a text.
AnswerText parse_answer(const engine::Model& model, engine::FactId fact, std::string_view text, engine::Lang lang);

// Lists the answers; a number chosen there is forgotten and asked again next.
void review(const engine::Model& model, InterviewSession& session, const render::Options& options);

// One line of the JSON Lines protocol: {"value": …}, {"skip": true}, {"back": true} or
// {"stop": true}. Returns why the line was not taken (nothing when it was); `stop` is set by
// {"stop": true}.
std::optional<base::Wording> apply_json_line(InterviewSession& session, engine::FactId fact, const std::string& line,
                                             bool& stop);

}  // namespace mpadvisor::cli
