// A diagnosis for people and for programs: the verdict, the root blockers with their causes,
// evidence, fixes and sources, warnings, what is waited for, what is still unknown, and the
// steps the applicant can take now.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "mpadvisor/render/json_writer.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

std::string diagnosis_text(const engine::Model& model, const engine::Diagnosis& d, const Options& options);

// The diagnosis's members (docs/json.md), written into the object `out` has open; the
// answers that embed a diagnosis in a larger tree take it as a Json.
void write_diagnosis_members(JsonWriter& out, const engine::Model& model, const engine::Diagnosis& d,
                             const Options& options);
Json diagnosis_json(const engine::Model& model, const engine::Diagnosis& d, const Options& options);

// Options::members for a comma-separated list of a diagnosis answer's top-level member names
// ("verdict,blockers"); base::UserError naming the first word that is not one of them (the
// message lists them all).
std::uint32_t diagnosis_members_mask(std::string_view list);

// What `diagnose` answers (the command line, POST /v1/diagnose, each line of the batch mode):
// the diagnosis's members and, when the profile lists rejections, the short ranking of the
// latest one under "latest_rejection".
void write_diagnosis_answer(JsonWriter& out, const engine::Model& model, const engine::Profile& profile,
                            const engine::Diagnosis& d, const Options& options);

// One finding (a rule that fired or could not be decided): its cause, evidence, fixes, sources.
std::string finding_text(const engine::Model& model, const engine::Finding& f, const Options& options, int indent);

// The short ranking of a profile's latest rejection that a plain `diagnose` adds.
std::string latest_rejection_text(const engine::Model& model, const engine::Rejection& rejection,
                                  const engine::RejectionRanking& ranking, const Options& options);

// "Submit the filing (filing.submit)": a step as people see it.
std::string step_label(const engine::Model& model, engine::StepId step, engine::Lang lang);
// "Submit the filing": the same without its id, where the id is in sight already or space is short.
std::string step_title(const engine::Model& model, engine::StepId step, engine::Lang lang);

// "主体类型 (entity)": a fact as people see it, with the key a profile gives it by; the key
// alone when the KB gives the fact no title.
std::string fact_label(const engine::Model& model, engine::FactId fact, engine::Lang lang);
// "主体类型": the same without its key.
std::string fact_title(const engine::Model& model, engine::FactId fact, engine::Lang lang);
// "身份证签发地、实际居住地": facts by their titles, in the language's list.
std::string fact_titles(const engine::Model& model, const std::vector<engine::FactId>& facts, engine::Lang lang);
// "2026-11-25 09:00": a moment as the output shows it (the plan's timeline, evidence).
std::string minute_text(std::int64_t wall_seconds);

// A value as the command line takes it (`--set residence_proofs=permit,social`, a plan's
// changes) in words: "居住证、社保证明", "“悦心学习”", "是".
std::string command_line_value_words(const engine::FactInfo& fact, std::string_view value, engine::Lang lang);

// "个人" for the fact `entity`'s value `personal`: a value as the fact's question offers it,
// or as the KB spells it where the question gives it no words.
std::string value_label(const engine::FactInfo& fact, std::string_view value, engine::Lang lang);

// Why taking a step commits the applicant: "¥30 not refunded on failure, cannot be undone".
std::string commitment(const engine::Model& model, engine::StepId step, engine::Lang lang);

// What to ask for a needed fact: its question, or for a region we could not place, which
// province it is in (with a close division name, if any).
std::string needed_question(const engine::Model& model, const engine::NeededFact& needed, engine::Lang lang);

// A step status or verdict as a word of the output's language.
std::string status_word(engine::StepStatus s, engine::Lang lang);
std::string verdict_word(engine::Verdict v, engine::Lang lang);

}  // namespace mpadvisor::render
