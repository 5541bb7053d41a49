// diagnose, why, why-not and whatif: a profile against the KB. Each command checks its
// options, calls the engine, and hands the result to a renderer.
#include <iostream>
#include <memory>
#include <stdexcept>

#include "batch_diagnose.hpp"
#include "case_store.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/engine/closest_name.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/explain.hpp"
#include "mpadvisor/render/rejection.hpp"
#include "option_values.hpp"

namespace mpadvisor::cli {
namespace {

engine::StepId step_named(const engine::Model& m, const std::string& name, const char* what) {
  if (auto s = m.find_step(name)) return *s;
  throw UsageError(
      base::word("{0} '{1}' is not a step of the knowledge base", "{0} “{1}”不是知识库中的步骤", what, name));
}

struct DiagnoseArgs {
  std::string profile, target, rejection, stage;
  bool explain = false;
  int limit = 5;
  std::string batch;  // --batch FILE.jsonl|-
  unsigned threads = 0;
  bool no_evidence = false;
  std::string fields;  // --fields NAME,…
  bool names_only = false;
};

// The rejection analysis `--rejection` asks for: ranked causes, with the similar past cases
// from the case base voting.
render::RejectionReport analyse_rejection(const GlobalOptions& g, const engine::Model& model,
                                          const engine::Diagnosis& d, const DiagnoseArgs& a) {
  render::RejectionReport report;
  if (a.rejection.size() > base::kMaxMessageBytes)
    throw UsageError(base::word("--rejection: the message is larger than {0}, the limit for a rejection message",
                                "--rejection：消息超过了驳回消息的大小上限 {0}",
                                base::describe_size(base::kMaxMessageBytes)));
  report.message = a.rejection;
  report.stage = a.stage;
  std::optional<engine::StepId> stage;
  if (!a.stage.empty()) stage = step_named(model, a.stage, "--stage");
  try {
    report.similar = open_case_store(g).similar(a.rejection, static_cast<std::size_t>(a.limit));
  } catch (const casebase::Error& e) {
    rethrow_case_error(e);
  }
  render::rank_report(model, d, stage, report);
  return report;
}

int run_diagnose(const GlobalOptions& g, const DiagnoseArgs& a) {
  if (!a.batch.empty()) {
    if (!a.profile.empty())
      throw UsageError({"--batch reads the profiles from its file; give no PROFILE",
                        "--batch 从它的文件中读取资料；不要再给 PROFILE"});
    if (!a.rejection.empty())
      throw UsageError({"--rejection explains one profile's rejection; it does not go with --batch",
                        "--rejection 解释一份资料的驳回，不能与 --batch 同用"});
    BatchArgs batch{a.batch, a.target, a.threads, !a.no_evidence, a.explain, ~std::uint32_t{0}, a.names_only};
    if (!a.fields.empty()) {
      try {
        batch.members = render::diagnosis_members_mask(a.fields);
      } catch (const base::UserError& e) {
        throw UsageError(e.wording().prefixed("--fields: ", "--fields："));
      }
    }
    return run_batch(g, batch);
  }
  if (a.threads > 0 || a.no_evidence || !a.fields.empty() || a.names_only)
    throw UsageError({"--threads, --no-evidence, --fields and --names-only go with --batch",
                      "--threads、--no-evidence、--fields 和 --names-only 只能与 --batch 同用"});
  if (a.profile.empty())
    throw UsageError(
        {"diagnose needs a PROFILE (or --batch FILE.jsonl)", "diagnose 需要一份资料 PROFILE（或 --batch FILE.jsonl）"});
  auto model = load_model(g, g.kb_path());
  engine::Profile profile = load_profile(*model, a.profile);
  engine::DiagnoseOptions options;
  if (!a.target.empty()) options.target = step_named(*model, a.target, "--target");
  if (!a.stage.empty() && a.rejection.empty())
    throw UsageError({"--stage needs --rejection \"MESSAGE\"", "--stage 需要同时给出 --rejection \"MESSAGE\""});
  engine::Diagnosis const d = engine::diagnose(*model, profile, options);
  render::Options const r = g.render_options(a.explain);
  bool const json = g.output_format() == Format::json;

  if (!a.rejection.empty()) {
    render::RejectionReport const report = analyse_rejection(g, *model, d, a);
    if (json) {
      print_json({{"rejection", render::rejection_json(*model, report, r)},
                  {"diagnosis", render::diagnosis_json(*model, d, r)}},
                 *model);
    } else {
      std::cout << render::rejection_text(*model, report, r);
    }
    return report.ranking.causes.empty() ? kExitFindings : kExitOk;
  }

  if (json) {
    render::JsonWriter out(2);
    out.begin_object();
    render::write_diagnosis_answer(out, *model, profile, d, r);
    out.end_object();
    std::cout << out.str() << "\n";
  } else {
    std::cout << render::diagnosis_text(*model, d, r);
    if (!profile.rejections.empty()) {
      const engine::Rejection& latest = profile.rejections.back();
      std::cout << render::latest_rejection_text(*model, latest, engine::rank_latest_rejection(*model, d, latest), r);
    }
  }
  return d.verdict == engine::Verdict::clear ? kExitOk : kExitFindings;
}

int run_why(const GlobalOptions& g, const std::string& profile_path, const std::string& name, bool why_not) {
  auto model = load_model(g, g.kb_path());
  engine::Profile profile = load_profile(*model, profile_path);
  render::Options const r = g.render_options(true);
  bool const json = g.output_format() == Format::json;
  if (auto rule = model->find_rule(name)) {
    render::RuleExplanation const e{*rule, engine::prove_rule(*model, profile, *rule), why_not};
    if (json)
      print_json(render::rule_explanation_json(*model, e, r), *model);
    else
      std::cout << render::rule_explanation_text(*model, e, r);
    return kExitOk;
  }
  if (why_not)
    throw UsageError(
        base::with_closest(base::word("'{0}' is not a rule of the knowledge base", "“{0}”不是知识库中的规则", name),
                           engine::closest_name(*model, name, engine::kRuleNames)));
  render::StepExplanation e;
  std::optional<engine::StepId> const step = model->find_step(name);
  if (!step)
    throw UsageError(base::with_closest(base::word("'{0}' is neither a rule nor a step of the knowledge base",
                                                   "“{0}”既不是知识库中的规则，也不是步骤", name),
                                        engine::closest_name(*model, name, engine::kRuleNames | engine::kStepNames)));
  e.step = *step;
  engine::DiagnoseOptions options;
  options.target = e.step;
  e.diagnosis = engine::diagnose(*model, profile, options);
  if (e.diagnosis.status[e.step] == engine::StepStatus::done)
    e.done_proof = engine::prove_done(*model, profile, e.step);
  for (const engine::BlockedStep& b : e.diagnosis.blockers) {
    for (const engine::Finding& f : b.causes)
      e.proofs.emplace_back(f.rule, engine::prove_rule(*model, profile, f.rule));
  }
  for (const engine::Finding& f : e.diagnosis.undetermined)
    e.proofs.emplace_back(f.rule, engine::prove_rule(*model, profile, f.rule));
  if (json)
    print_json(render::step_explanation_json(*model, e, r), *model);
  else
    std::cout << render::step_explanation_text(*model, e, r);
  return kExitOk;
}

struct WhatIfArgs {
  std::string profile, target;
  std::vector<std::string> set, unset;
};

int run_whatif(const GlobalOptions& g, const WhatIfArgs& a) {
  auto model = load_model(g, g.kb_path());
  engine::Profile profile = load_profile(*model, a.profile);
  std::vector<engine::FactEdit> edits;
  auto fact = [&](const std::string& name) {
    if (auto f = model->find_fact(name)) return *f;
    if (name == engine::profile_field::kDone)
      throw UsageError({R"(--set and --unset change facts; steps already done go in the profile's "done" list)",
                        "--set 和 --unset 只改字段；已完成的步骤请写进资料的“done”列表"});
    throw UsageError(
        base::with_closest(base::word("unknown fact '{0}' in --set/--unset", "--set/--unset 中有未知字段“{0}”", name),
                           engine::closest_name(*model, name, engine::kFactNames)));
  };
  for (const std::string& s : a.set) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError(base::word("--set takes fact=value, got '{0}'", "--set 须写成 字段=值，而不是“{0}”", s));
    edits.push_back({fact(s.substr(0, eq)), false, s.substr(eq + 1)});
  }
  for (const std::string& u : a.unset) edits.push_back({fact(u), true, ""});
  if (edits.empty())
    throw UsageError({"whatif needs at least one --set fact=value or --unset fact",
                      "whatif 至少需要一个 --set 字段=值 或 --unset 字段"});
  engine::DiagnoseOptions options;
  if (!a.target.empty()) options.target = step_named(*model, a.target, "--target");
  engine::WhatIf w;
  try {
    w = engine::what_if(*model, profile, edits, options);
  } catch (const engine::ProfileError& e) {
    throw UsageError(e.wording());
  }
  render::Options const r = g.render_options();
  if (g.output_format() == Format::json)
    print_json(render::whatif_json(*model, w, r), *model);
  else
    std::cout << render::whatif_text(*model, w, r);
  return w.after.verdict == engine::Verdict::clear ? kExitOk : kExitFindings;
}

}  // namespace

void register_diagnose_commands(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;

  auto diagnose_args = std::make_shared<DiagnoseArgs>();
  CLI::App* diagnose =
      app.add_subcommand("diagnose", "What blocks a profile on the way to the goal, why, and how to fix it");
  diagnose->add_option("profile", diagnose_args->profile, "Profile (JSON)")->type_name("");
  diagnose->add_option("--target", diagnose_args->target, "Step to diagnose toward (default: the KB's goal)")
      ->type_name("STEP");
  diagnose->add_flag("--explain", diagnose_args->explain,
                     "Add the author's trace: rules, KB file and line, conditions");
  diagnose->add_option("--rejection", diagnose_args->rejection, "A rejection message to explain (ranks the causes)")
      ->type_name("MESSAGE")
      ->check(not_blank());
  diagnose->add_option("--stage", diagnose_args->stage, "The step the rejection came from")->type_name("STEP");
  diagnose->add_option("--limit", diagnose_args->limit, "Similar past cases to show with --rejection (1–100)")
      ->type_name("N")
      ->check(within(1, 100));
  diagnose
      ->add_option("--batch", diagnose_args->batch,
                   "Diagnose every line of a JSON Lines file (- for standard input), one JSON answer per line")
      ->type_name("FILE");
  diagnose
      ->add_option("--threads", diagnose_args->threads,
                   "Threads for --batch, 1–256 (default: one per processor the process may use)")
      ->type_name("N")
      ->check(within(1, 256));
  diagnose->add_flag("--no-evidence", diagnose_args->no_evidence,
                     "With --batch: verdicts, blockers and causes without their evidence");
  diagnose
      ->add_option("--fields", diagnose_args->fields,
                   "With --batch: only these members of each answer, e.g. verdict,blockers (id is always there)")
      ->type_name("LIST");
  diagnose->add_flag("--names-only", diagnose_args->names_only,
                     "With --batch: steps, causes and facts by name, without titles, explanations, fixes, sources "
                     "and questions");
  diagnose->callback([&context, diagnose_args, &g] {
    context.action = [&g, diagnose_args] { return run_diagnose(g, *diagnose_args); };
  });

  auto why_args = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* why = app.add_subcommand("why", "The proof of a rule's condition, or why a step has its status");
  why->add_option("profile", why_args->first, "Profile (JSON)")->type_name("")->required();
  why->add_option("name", why_args->second, "Rule or step")->type_name("")->required();
  why->callback([&context, why_args, &g] {
    context.action = [&g, why_args] { return run_why(g, why_args->first, why_args->second, false); };
  });

  auto why_not_args = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* why_not = app.add_subcommand("why-not", "Which part of a rule that did not fire was false or unknown");
  why_not->add_option("profile", why_not_args->first, "Profile (JSON)")->type_name("")->required();
  why_not->add_option("rule", why_not_args->second, "Rule")->type_name("")->required();
  why_not->callback([&context, why_not_args, &g] {
    context.action = [&g, why_not_args] { return run_why(g, why_not_args->first, why_not_args->second, true); };
  });

  auto whatif_args = std::make_shared<WhatIfArgs>();
  CLI::App* whatif = app.add_subcommand("whatif", "Diagnose before and after changing facts, and show the difference");
  whatif->add_option("profile", whatif_args->profile, "Profile (JSON)")->type_name("")->required();
  whatif->add_option("--set", whatif_args->set, "fact=value (lists and sets: a,b,c); repeatable")
      ->type_name("FACT=VALUE");
  whatif->add_option("--unset", whatif_args->unset, "Make a fact unknown; repeatable")->type_name("FACT");
  whatif->add_option("--target", whatif_args->target, "Step to diagnose toward (default: the KB's goal)")
      ->type_name("STEP");
  whatif->callback(
      [&context, whatif_args, &g] { context.action = [&g, whatif_args] { return run_whatif(g, *whatif_args); }; });
}

}  // namespace mpadvisor::cli
