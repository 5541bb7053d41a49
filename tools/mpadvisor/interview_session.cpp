#include "interview_session.hpp"

#include <algorithm>

#include "cli_context.hpp"
#include "file_output.hpp"
#include "mpadvisor/base/clock.hpp"

namespace mpadvisor::cli {

namespace {
constexpr const char* kRecord = "_interview";  // keys starting with '_' are comments to the profile reader
}

InterviewSession::InterviewSession(const engine::Model& model, render::Json answers,
                                   std::optional<engine::StepId> target, std::filesystem::path save_to)
    : model_(model), answers_(std::move(answers)), target_(target), save_to_(std::move(save_to)) {
  if (!answers_.is_object()) answers_ = render::Json::object();
  if (auto it = answers_.find(kRecord); it != answers_.end() && it->is_object()) {
    for (const auto& f : it->value("asked", render::Json::array()))
      if (f.is_string()) asked_.push_back(f.get<std::string>());
    for (const auto& f : it->value("skipped", render::Json::array()))
      if (f.is_string()) skipped_.push_back(f.get<std::string>());
    answers_.erase(kRecord);
  }
}

engine::Profile InterviewSession::profile() const {
  return engine::parse_profile(model_, answers_.dump(), base::beijing_now());
}

std::vector<engine::FactId> InterviewSession::skipped_ids() const {
  std::vector<engine::FactId> ids;
  for (const std::string& name : skipped_) {
    if (auto f = model_.find_fact(name)) ids.push_back(*f);
  }
  return ids;
}

engine::InterviewState InterviewSession::state() const {
  engine::InterviewOptions options;
  options.target = target_;
  options.skipped = skipped_ids();
  options.prefer = prefer_;
  options.warnings = warnings_;
  options.cause_weights = cause_weights_;
  return engine::next_question(model_, profile(), options);
}

std::optional<base::Wording> InterviewSession::answer(engine::FactId fact, const render::Json& value) {
  const std::string& name = model_.facts()[fact].name;
  render::Json trial = answers_;
  trial[name] = value;
  try {
    engine::parse_profile(model_, trial.dump(), base::beijing_now());
  } catch (const engine::ProfileError& e) {
    return e.wording();
  }
  answers_ = std::move(trial);
  std::erase(skipped_, name);
  std::erase(asked_, name);
  asked_.push_back(name);
  if (prefer_ == fact) prefer_.reset();
  save();
  return {};
}

void InterviewSession::skip(engine::FactId fact) {
  const std::string& name = model_.facts()[fact].name;
  std::erase(asked_, name);
  asked_.push_back(name);
  if (std::find(skipped_.begin(), skipped_.end(), name) == skipped_.end()) skipped_.push_back(name);
  if (prefer_ == fact) prefer_.reset();
  save();
}

bool InterviewSession::back() {
  if (asked_.empty()) return false;
  std::string const last = asked_.back();
  asked_.pop_back();
  answers_.erase(last);
  std::erase(skipped_, last);
  if (auto f = model_.find_fact(last)) prefer_ = *f;
  save();
  return true;
}

void InterviewSession::edit(engine::FactId fact) {
  const std::string& name = model_.facts()[fact].name;
  answers_.erase(name);
  std::erase(skipped_, name);
  std::erase(asked_, name);
  prefer_ = fact;
  save();
}

render::Json InterviewSession::saved() const {
  render::Json out = answers_;
  out[kRecord] = {{"asked", asked_}, {"skipped", skipped_}};
  return out;
}

void InterviewSession::save() const {
  if (save_to_.empty()) return;
  replace_file(save_to_, saved().dump(2) + "\n");
}

}  // namespace mpadvisor::cli
