// diagnose, why, why-not and whatif: a profile against the KB.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "rejection_command.hpp"
#include "render.hpp"
#include "ui_text.hpp"

namespace mpadvisor::cli {
namespace {

RenderOptions render_options(const GlobalOptions& g, bool explain) {
  return {to_engine(g.language()), g.colour && g.output_format() == Format::text, explain};
}

engine::StepId step_named(const engine::Model& m, const std::string& name, const char* what) {
  if (auto s = m.find_step(name)) return *s;
  throw UsageError(std::string(what) + " '" + name + "' is not a step of the knowledge base");
}

void print_json(const Json& j) { std::cout << j.dump(2) << "\n"; }

struct DiagnoseArgs {
  std::string profile, target, rejection, stage;
  bool explain = false;
  int limit = 5;
};

int run_diagnose(const GlobalOptions& g, const DiagnoseArgs& a) {
  auto model = load_model(g.kb_path(), g.colour);
  engine::Profile profile = load_profile(*model, a.profile);
  engine::DiagnoseOptions options;
  if (!a.target.empty()) options.target = step_named(*model, a.target, "--target");
  engine::Diagnosis d = engine::diagnose(*model, profile, options);
  RenderOptions const r = render_options(g, a.explain);
  if (!a.rejection.empty()) return run_rejection(g, *model, profile, d, a.rejection, a.stage, a.limit, r);
  const engine::Rejection* latest = profile.rejections.empty() ? nullptr : &profile.rejections.back();
  engine::RejectionRanking const ranking =
      latest ? rank_latest_rejection(*model, d, *latest) : engine::RejectionRanking{};
  if (g.output_format() == Format::json) {
    Json j = diagnosis_json(*model, d, r);
    if (latest) j["latest_rejection"] = latest_rejection_json(*model, *latest, ranking, r);
    print_json(j);
  } else {
    std::cout << diagnosis_text(*model, d, r);
    if (latest) std::cout << latest_rejection_text(*model, *latest, ranking, r);
  }
  return d.verdict == engine::Verdict::clear ? kExitOk : kExitFindings;
}

int run_why(const GlobalOptions& g, const std::string& profile_path, const std::string& name, bool why_not) {
  auto model = load_model(g.kb_path(), g.colour);
  engine::Profile profile = load_profile(*model, profile_path);
  RenderOptions const r = render_options(g, true);
  const engine::Lang lang = r.lang;
  if (auto rule = model->find_rule(name)) {
    engine::ProofNode proof = engine::prove_rule(*model, profile, *rule);
    const engine::RuleInfo& info = model->rules()[*rule];
    if (g.output_format() == Format::json) {
      Json j{{"rule", info.name},
             {"step", model->steps()[info.step].name},
             {"cause", model->causes()[info.cause].name},
             {"fired", proof.value == engine::Truth::yes},
             {"value", std::string(engine::to_string(proof.value))},
             {"proof", proof_json(proof)}};
      if (why_not) {
        Json parts = Json::array();
        for (const engine::ProofNode* p : engine::failing_parts(proof)) parts.push_back(proof_json(*p));
        j["failing"] = std::move(parts);
      }
      print_json(j);
      return kExitOk;
    }
    std::cout << say(lang, "Rule ", "规则 ") << info.name << " @ " << info.location.file << ":" << info.location.line
              << " → " << model->causes()[info.cause].title.get(lang) << "\n";
    if (why_not) {
      if (proof.value == engine::Truth::yes) {
        std::cout << say(lang, "It fired: its condition is true.\n", "该规则已触发：条件成立。\n");
      } else {
        std::cout << (proof.value == engine::Truth::no
                          ? say(lang, "It did not fire; these parts are false:\n", "未触发；以下部分不成立：\n")
                          : say(lang, "It could not be decided; these parts are unknown or false:\n",
                                "无法判断；以下部分未知或不成立：\n"));
        for (const engine::ProofNode* p : engine::failing_parts(proof)) std::cout << proof_text(*p, r);
      }
    }
    std::cout << proof_text(proof, r);
    return kExitOk;
  }
  if (why_not) throw UsageError("'" + name + "' is not a rule of the knowledge base");
  engine::StepId step = step_named(*model, name, "rule or step");
  engine::DiagnoseOptions options;
  options.target = step;
  engine::Diagnosis d = engine::diagnose(*model, profile, options);
  if (g.output_format() == Format::json) {
    Json j{{"step", name}, {"status", std::string(engine::to_string(d.status[step]))}};
    if (d.status[step] == engine::StepStatus::done) j["proof"] = proof_json(engine::prove_done(*model, profile, step));
    j["diagnosis"] = diagnosis_json(*model, d, r);
    print_json(j);
    return kExitOk;
  }
  std::cout << model->steps()[step].title.get(lang) << " (" << name << "): " << engine::to_string(d.status[step])
            << "\n";
  if (d.status[step] == engine::StepStatus::done) std::cout << proof_text(engine::prove_done(*model, profile, step), r);
  for (const engine::BlockedStep& b : d.blockers) {
    for (const engine::Finding& f : b.causes) {
      std::cout << "\n"
                << model->steps()[f.step].name << ": " << model->rules()[f.rule].name << "\n"
                << proof_text(engine::prove_rule(*model, profile, f.rule), r);
    }
  }
  for (const engine::Finding& f : d.undetermined) {
    std::cout << "\n"
              << model->steps()[f.step].name << ": " << model->rules()[f.rule].name << "\n"
              << proof_text(engine::prove_rule(*model, profile, f.rule), r);
  }
  return kExitOk;
}

struct WhatIfArgs {
  std::string profile, target;
  std::vector<std::string> set, unset;
};

int run_whatif(const GlobalOptions& g, const WhatIfArgs& a) {
  auto model = load_model(g.kb_path(), g.colour);
  engine::Profile profile = load_profile(*model, a.profile);
  std::vector<engine::FactEdit> edits;
  auto fact = [&](const std::string& name) {
    if (auto f = model->find_fact(name)) return *f;
    throw UsageError("unknown fact '" + name + "' in --set/--unset");
  };
  for (const std::string& s : a.set) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--set takes fact=value, got '" + s + "'");
    edits.push_back({fact(s.substr(0, eq)), false, s.substr(eq + 1)});
  }
  for (const std::string& u : a.unset) edits.push_back({fact(u), true, ""});
  if (edits.empty()) throw UsageError("whatif needs at least one --set fact=value or --unset fact");
  engine::DiagnoseOptions options;
  if (!a.target.empty()) options.target = step_named(*model, a.target, "--target");
  engine::WhatIf w;
  try {
    w = engine::what_if(*model, profile, edits, options);
  } catch (const engine::ProfileError& e) {
    throw UsageError(e.what());
  }
  RenderOptions const r = render_options(g, false);
  if (g.output_format() == Format::json)
    print_json(whatif_json(*model, w, r));
  else
    std::cout << whatif_text(*model, w, r);
  return w.after.verdict == engine::Verdict::clear ? kExitOk : kExitFindings;
}

}  // namespace

void register_diagnose_commands(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;

  auto diagnose_args = std::make_shared<DiagnoseArgs>();
  CLI::App* diagnose =
      app.add_subcommand("diagnose", "What blocks a profile on the way to the goal, why, and how to fix it");
  diagnose->add_option("profile", diagnose_args->profile, "Profile (JSON)")->required()->check(CLI::ExistingFile);
  diagnose->add_option("--target", diagnose_args->target, "Step to diagnose toward (default: the KB's goal)");
  diagnose->add_flag("--explain", diagnose_args->explain,
                     "Add the author's trace: rules, KB file and line, conditions");
  diagnose->add_option("--rejection", diagnose_args->rejection, "A rejection message to explain (ranks the causes)");
  diagnose->add_option("--stage", diagnose_args->stage, "The step the rejection came from");
  diagnose->add_option("--limit", diagnose_args->limit, "Similar past cases to show with --rejection")
      ->check(CLI::Range(1, 100));
  diagnose->callback([&context, diagnose_args, &g] {
    context.action = [&g, diagnose_args] { return run_diagnose(g, *diagnose_args); };
  });

  auto why_args = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* why = app.add_subcommand("why", "The proof of a rule's condition, or why a step has its status");
  why->add_option("profile", why_args->first, "Profile (JSON)")->required()->check(CLI::ExistingFile);
  why->add_option("name", why_args->second, "Rule or step")->required();
  why->callback([&context, why_args, &g] {
    context.action = [&g, why_args] { return run_why(g, why_args->first, why_args->second, false); };
  });

  auto why_not_args = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* why_not = app.add_subcommand("why-not", "Which part of a rule that did not fire was false or unknown");
  why_not->add_option("profile", why_not_args->first, "Profile (JSON)")->required()->check(CLI::ExistingFile);
  why_not->add_option("rule", why_not_args->second, "Rule")->required();
  why_not->callback([&context, why_not_args, &g] {
    context.action = [&g, why_not_args] { return run_why(g, why_not_args->first, why_not_args->second, true); };
  });

  auto whatif_args = std::make_shared<WhatIfArgs>();
  CLI::App* whatif = app.add_subcommand("whatif", "Diagnose before and after changing facts, and show the difference");
  whatif->add_option("profile", whatif_args->profile, "Profile (JSON)")->required()->check(CLI::ExistingFile);
  whatif->add_option("--set", whatif_args->set, "fact=value (lists and sets: a,b,c); repeatable");
  whatif->add_option("--unset", whatif_args->unset, "Make a fact unknown; repeatable");
  whatif->add_option("--target", whatif_args->target, "Step to diagnose toward (default: the KB's goal)");
  whatif->callback(
      [&context, whatif_args, &g] { context.action = [&g, whatif_args] { return run_whatif(g, *whatif_args); }; });
}

}  // namespace mpadvisor::cli
