// One interview's state, held by the command line: the answers as the profile file will hold
// them, the facts skipped, the order questions were answered in (for `back`), and where it is
// saved. The question engine itself is stateless (engine/interview.hpp); this is the caller
// that holds the answers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::cli {

class InterviewSession {
 public:
  // `answers` is a profile object (possibly with an "_interview" record of an earlier run).
  InterviewSession(const engine::Model& model, render::Json answers, std::optional<engine::StepId> target,
                   std::filesystem::path save_to);

  engine::InterviewState state() const;
  engine::Profile profile() const;

  // Records an answer; returns why it does not fit the fact (nothing when it was taken).
  std::optional<base::Wording> answer(engine::FactId fact, const render::Json& value);
  void skip(engine::FactId fact);
  bool back();                     // undoes the last answer or skip; false when there is none
  void edit(engine::FactId fact);  // forgets an answer, to be asked again next
  void stop_warnings() { warnings_ = false; }
  void set_cause_weights(std::vector<double> weights) { cause_weights_ = std::move(weights); }

  // The answered and skipped facts, in the order they were given.
  const std::vector<std::string>& asked() const { return asked_; }
  const std::vector<std::string>& skipped() const { return skipped_; }
  // The profile as saved: the answers plus the record of this interview.
  render::Json saved() const;
  // Writes the profile atomically (a temporary file renamed into place), when there is a path.
  void save() const;
  const std::filesystem::path& save_path() const { return save_to_; }

 private:
  std::vector<engine::FactId> skipped_ids() const;

  const engine::Model& model_;
  render::Json answers_;
  std::optional<engine::StepId> target_;
  std::filesystem::path save_to_;
  std::vector<std::string> asked_, skipped_;
  std::optional<engine::FactId> prefer_;
  bool warnings_ = true;
  std::vector<double> cause_weights_;
};

}  // namespace mpadvisor::cli
