// mpadvisor interview: asks only what can still change the answer, one question at a time,
// in the terminal, or over JSON Lines when standard input is not a terminal (docs/json.md).
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "case_store.hpp"
#include "commands.hpp"
#include "file_output.hpp"
#include "interview_answers.hpp"
#include "interview_session.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/interview.hpp"
#include "option_values.hpp"

namespace mpadvisor::cli {
namespace {

using render::Json;
using render::Msg;

// How often each cause occurred among the stored cases, when there is a case database
// already (the interview never creates one): 1 for a cause never seen, up to 2 for the most
// common, so that questions about frequent causes come a little earlier.
std::vector<double> cause_weights(const GlobalOptions& g, const engine::Model& model) {
  std::vector<double> weights;
  std::error_code ec;
  const auto location = g.db_location();
  if (!casebase::is_database_url(location) && !std::filesystem::exists(location, ec)) return weights;
  try {
    casebase::Stats const stats = open_case_store(g).stats();
    std::int64_t most = 0;
    for (const casebase::Count& c : stats.by_cause) most = std::max(most, c.count);
    if (most == 0) return weights;
    weights.assign(model.causes().size(), 1.0);
    for (const casebase::Count& c : stats.by_cause) {
      if (auto id = model.find_cause(c.key))
        weights[*id] = 1.0 + static_cast<double>(c.count) / static_cast<double>(most);
    }
  } catch (const std::exception&) {
    weights.clear();  // an unreadable case base only loses the weighting, not the interview
  }
  return weights;
}

struct InterviewArgs {
  std::string profile, target, save;
};

engine::Diagnosis final_diagnosis(const engine::Model& model, const InterviewSession& s,
                                  std::optional<engine::StepId> target) {
  engine::DiagnoseOptions options;
  options.target = target;
  return engine::diagnose(model, s.profile(), options);
}

// One question at a time on a terminal: numbered choices, y/n, free text, and the commands
// ?, skip, back, review and quit at every prompt.
int run_terminal(const engine::Model& model, InterviewSession& s, std::optional<engine::StepId> target,
                 const render::Options& r) {
  bool announced = false;
  std::string line;
  for (;;) {
    engine::InterviewState st = s.state();
    if (st.settled && !announced) {
      announced = true;
      engine::Diagnosis const d = final_diagnosis(model, s, target);
      std::cout << "\n" << render::say(r.lang, Msg::settled_now, render::verdict_word(d.verdict, r.lang)) << "\n";
      if (!st.next) break;
      std::cout << render::say(r.lang, Msg::continue_with_risks, st.remaining_max) << std::flush;
      if (!std::getline(std::cin, line) || !yes(line)) break;
      continue;
    }
    if (!st.next) break;
    std::cout << render::question_text(model, st, r) << "> " << std::flush;
    if (!std::getline(std::cin, line)) break;  // end of input: the answers so far are kept
    std::string const word = trim(line);
    engine::FactId const fact = st.next->fact;
    if (word == "?") {
      std::cout << render::why_text(model, *st.next, r);
    } else if (word == "skip") {
      s.skip(fact);
    } else if (word == "back") {
      if (!s.back()) std::cout << render::text(r.lang, Msg::nothing_to_go_back) << "\n";
    } else if (word == "quit") {
      break;
    } else if (word == "review") {
      review(model, s, r);
    } else {
      AnswerText const a = parse_answer(model, fact, word, r.lang);
      std::optional<base::Wording> const refused = a.error.empty() ? s.answer(fact, a.value) : std::nullopt;
      std::string const error = refused ? refused->in(r.lang) : a.error;
      if (!error.empty()) std::cout << render::say(r.lang, Msg::bad_answer, error) << "\n";
    }
  }
  engine::Diagnosis const d = final_diagnosis(model, s, target);
  std::cout << "\n" << render::diagnosis_text(model, d, r);
  engine::InterviewState const end = s.state();
  if (!end.assumed.empty())
    std::cout << "\n"
              << render::say(r.lang, Msg::assumed_unknown, render::fact_titles(model, end.assumed, r.lang)) << "\n";
  if (!s.save_path().empty()) std::cout << render::say(r.lang, Msg::saved_to, s.save_path().string()) << "\n";
  return d.verdict == engine::Verdict::clear ? kExitOk : kExitFindings;
}

// The same conversation for programs: one JSON object per line each way.
int run_json_lines(const engine::Model& model, InterviewSession& s, std::optional<engine::StepId> target,
                   const render::Options& r) {
  std::string line;
  for (;;) {
    engine::InterviewState const st = s.state();
    if (!st.next) break;
    std::cout << Json{{"question", render::question_json(model, st, r)}}.dump() << "\n" << std::flush;
    bool stop = false;
    for (;;) {  // until a line the question accepts
      if (!std::getline(std::cin, line)) {
        stop = true;
        break;
      }
      std::optional<base::Wording> const error = apply_json_line(s, st.next->fact, line, stop);
      if (!error) break;
      std::cout << Json{{"error", error->in(r.lang)}}.dump() << "\n"
                << Json{{"question", render::question_json(model, st, r)}}.dump() << "\n"
                << std::flush;
    }
    if (stop) break;
  }
  engine::InterviewState const end = s.state();
  Json assumed = Json::array();
  for (engine::FactId f : end.assumed) assumed.push_back(model.facts()[f].name);
  Json done{{"profile", s.saved()},
            {"diagnosis", render::diagnosis_json(model, final_diagnosis(model, s, target), r)},
            {"asked", s.asked()},
            {"skipped", s.skipped()},
            {"assumed", std::move(assumed)},
            {"settled", end.settled},
            {"kb_version", model.version()}};
  std::cout << Json{{"done", std::move(done)}}.dump() << "\n";
  return kExitOk;
}

int run_interview(const GlobalOptions& g, const InterviewArgs& a) {
  auto model = load_model(g, g.kb_path());
  std::optional<engine::StepId> target;
  if (!a.target.empty()) {
    target = model->find_step(a.target);
    if (!target)
      throw UsageError(base::word("--target '{0}' is not a step of the knowledge base",
                                  "--target “{0}”不是知识库中的步骤", a.target));
  }
  Json answers = Json::object();
  if (!a.profile.empty() && std::filesystem::exists(a.profile)) {
    load_profile(*model, a.profile);  // refuses a profile that does not fit, with its reason
    std::ifstream in(a.profile, std::ios::binary);
    answers = Json::parse(in);
  }
  std::filesystem::path const save = !a.save.empty() ? std::filesystem::path(a.save) : std::filesystem::path(a.profile);
  if (!save.empty()) check_can_replace(save);  // before the first answer, not after it
  InterviewSession session(*model, std::move(answers), target, save);
  session.set_cause_weights(cause_weights(g, *model));
  render::Options const r = g.render_options();
  if (::isatty(STDIN_FILENO)) return run_terminal(*model, session, target, r);
  return run_json_lines(*model, session, target, r);
}

}  // namespace

void register_interview_command(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto args = std::make_shared<InterviewArgs>();
  CLI::App* interview = app.add_subcommand(
      "interview", "Ask only what can still change the answer, one question at a time, then diagnose");
  interview->add_option("profile", args->profile, "Profile to start from and to save to (may not exist yet)")
      ->type_name("");
  interview->add_option("--target", args->target, "Step to diagnose toward (default: the KB's goals)")
      ->type_name("STEP");
  interview->add_option("--save", args->save, "Save the answers here (default: the profile given)")->type_name("FILE");
  interview->callback([&context, args, &g] { context.action = [&g, args] { return run_interview(g, *args); }; });
}

}  // namespace mpadvisor::cli
