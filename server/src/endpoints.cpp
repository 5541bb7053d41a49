// The API's endpoints: each reads its request through call.hpp's helpers, calls the engine as
// the command line does, and answers with the command line's JSON (docs/api.md).
#include <algorithm>

#include "call.hpp"
#include "mpadvisor/casebase/store.hpp"
#include "mpadvisor/engine/closest_name.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/engine/plan.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/explain.hpp"
#include "mpadvisor/render/graph_svg.hpp"
#include "mpadvisor/render/interview.hpp"
#include "mpadvisor/render/plan.hpp"
#include "mpadvisor/render/rejection.hpp"

namespace mpadvisor::server::detail {
namespace {

constexpr std::size_t kMaxRejectionBytes = std::size_t{64} * 1024;

engine::DiagnoseOptions diagnose_options(const Call& call) {
  engine::DiagnoseOptions o;
  o.target = step_of(call);
  return o;
}

// A JSON value as the command line's `--set FACT=VALUE` takes it.
std::string command_line_text(const Input& v, const std::string& fact) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  if (v.is_array()) {
    std::string out;
    for (const Input& item : v) {
      if (!item.is_string())
        throw ApiError(
            400, "bad-request",
            base::word(R"("set": the items of '{0}' must be strings)", R"("set"：“{0}”的各项须为字符串)", fact));
      out += (out.empty() ? "" : ",") + item.get<std::string>();
    }
    return out;
  }
  throw ApiError(400, "bad-request",
                 base::word(R"("set": '{0}' takes a string, number, boolean or array)",
                            R"("set"：“{0}”须为字符串、数字、布尔值或数组)", fact));
}

}  // namespace

void diagnose(const Call& call, render::JsonWriter& out) {
  engine::Profile const profile = profile_of(call);
  engine::Diagnosis const d = engine::diagnose(call.model, profile, diagnose_options(call));
  out.begin_object();
  render::write_diagnosis_answer(out, call.model, profile, d, call.render);
  out.end_object();
}

Json whatif(const Call& call) {
  engine::Profile const profile = profile_of(call);
  std::vector<engine::FactEdit> edits;
  if (auto it = call.body.find("set"); it != call.body.end() && !it->is_null()) {
    if (!it->is_object())
      throw ApiError(400, "bad-request",
                     {R"("set" must be an object of fact: value)", R"("set" 须为由 字段: 值 组成的对象)"});
    for (const auto& [name, value] : it->items()) {
      edits.push_back({fact_named(call, name, "\"set\""), false, command_line_text(value, name)});
    }
  }
  for (const std::string& name : strings_of(call, "unset"))
    edits.push_back({fact_named(call, name, "\"unset\""), true, ""});
  if (edits.empty())
    throw ApiError(400, "bad-request",
                   {R"(whatif needs "set" or "unset" with at least one fact)",
                    R"(whatif 须有 "set" 或 "unset"，且至少含一个字段)"});
  try {
    return render::whatif_json(call.model, engine::what_if(call.model, profile, edits, diagnose_options(call)),
                               call.render);
  } catch (const engine::ProfileError& e) {
    throw ApiError(422, "invalid-profile", e.wording());
  }
}

Json why(const Call& call) {
  engine::Profile const profile = profile_of(call);
  std::optional<std::string> const name = string_of(call, "name");
  if (!name)
    throw ApiError(400, "bad-request",
                   {R"(why needs "name": a rule or a step)", R"(why 须有 "name"：一条规则或一个步骤)"});
  bool const why_not = flag_of(call, "why_not");
  render::Options r = call.render;
  r.explain = true;
  if (auto rule = call.model.find_rule(*name)) {
    return render::rule_explanation_json(call.model, {*rule, engine::prove_rule(call.model, profile, *rule), why_not},
                                         r);
  }
  if (why_not)
    throw ApiError(422, "unknown-name",
                   base::with_closest(base::word(R"("name": '{0}' is not a rule of the knowledge base)",
                                                 R"("name"：“{0}”不是知识库中的规则)", *name),
                                      engine::closest_name(call.model, *name, engine::kRuleNames)));
  auto step = call.model.find_step(*name);
  if (!step)
    throw ApiError(
        422, "unknown-name",
        base::with_closest(
            base::word(R"("name": '{0}' is neither a rule nor a step)", R"("name"：“{0}”既不是规则也不是步骤)", *name),
            engine::closest_name(call.model, *name, engine::kRuleNames | engine::kStepNames)));
  render::StepExplanation e;
  e.step = *step;
  engine::DiagnoseOptions o;
  o.target = e.step;
  e.diagnosis = engine::diagnose(call.model, profile, o);
  if (e.diagnosis.status[e.step] == engine::StepStatus::done)
    e.done_proof = engine::prove_done(call.model, profile, e.step);
  for (const engine::BlockedStep& b : e.diagnosis.blockers) {
    for (const engine::Finding& f : b.causes)
      e.proofs.emplace_back(f.rule, engine::prove_rule(call.model, profile, f.rule));
  }
  for (const engine::Finding& f : e.diagnosis.undetermined)
    e.proofs.emplace_back(f.rule, engine::prove_rule(call.model, profile, f.rule));
  return render::step_explanation_json(call.model, e, r);
}

Json rejection(const Call& call) {
  engine::Profile const profile = profile_of(call);
  render::RejectionReport report;
  report.message = string_of(call, "message").value_or("");
  if (report.message.empty())
    throw ApiError(400, "bad-request",
                   {R"(rejection needs "message": the rejection's text)", R"(rejection 须有 "message"：驳回的原文)"});
  if (report.message.size() > kMaxRejectionBytes)
    throw ApiError(413, "too-large", {R"("message" is longer than 64 KiB)", R"("message" 超过了 64 KiB)"});
  std::optional<engine::StepId> const stage = step_of(call, "stage");
  if (stage) report.stage = call.model.steps()[*stage].name;
  std::size_t limit = 5;
  if (auto it = call.body.find("limit"); it != call.body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long>() < 1 || it->get<long>() > 100)
      throw ApiError(400, "bad-request",
                     {R"("limit" must be an integer from 1 to 100)", R"("limit" 须为 1 到 100 的整数)"});
    limit = it->get<std::size_t>();
  }
  engine::Diagnosis const d = engine::diagnose(call.model, profile, diagnose_options(call));
  if (call.cases) {
    try {
      call.cases->with([&](casebase::Store& store) { report.similar = store.similar(report.message, limit); });
    } catch (const casebase::Error& e) {
      throw ApiError(503, "case-base-unavailable",
                     e.wording().prefixed("the case base cannot be read: ", "无法读取案例库："));
    }
  }
  render::rank_report(call.model, d, stage, report);
  return {{"rejection", render::rejection_json(call.model, report, call.render)},
          {"diagnosis", render::diagnosis_json(call.model, d, call.render)}};
}

Json plan(const Call& call) {
  engine::Profile const profile = profile_of(call);
  engine::PlanOptions o;
  o.target = step_of(call);
  if (auto it = call.body.find("top"); it != call.body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long>() < 1 || it->get<long>() > 20)
      throw ApiError(400, "bad-request", {R"("top" must be an integer from 1 to 20)", R"("top" 须为 1 到 20 的整数)"});
    o.top = it->get<std::size_t>();
  }
  if (auto it = call.body.find("weights"); it != call.body.end() && !it->is_null()) {
    if (!it->is_object())
      throw ApiError(400, "bad-request",
                     {R"("weights" must be an object {cny, days, risk})", R"("weights" 须为对象 {cny, days, risk})"});
    for (const auto& [key, value] : it->items()) {
      if ((key != "cny" && key != "days" && key != "risk") || !value.is_number() || value.get<double>() < 0)
        throw ApiError(400, "bad-request",
                       {R"("weights" takes cny, days and risk, each a non-negative number)",
                        R"("weights" 只接受 cny、days 和 risk，各为非负数)"});
      (key == "cny" ? o.weights.cny : key == "days" ? o.weights.days : o.weights.risk) = value.get<double>();
    }
  }
  for (const std::string& name : strings_of(call, "keep")) o.keep.push_back(fact_named(call, name, "\"keep\""));
  return render::plan_json(call.model, engine::plan(call.model, profile, o), profile.as_of, o.weights, call.render);
}

Json interview_next(const Call& call) {
  engine::Profile const profile = profile_of(call);
  engine::InterviewOptions o;
  o.target = step_of(call);
  for (const std::string& name : strings_of(call, "skipped"))
    o.skipped.push_back(fact_named(call, name, "\"skipped\""));
  engine::InterviewState const state = engine::next_question(call.model, profile, o);
  if (state.next) return {{"question", render::question_json(call.model, state, call.render)}};
  engine::DiagnoseOptions d;
  d.target = o.target;
  Json assumed = Json::array();
  for (engine::FactId f : state.assumed) assumed.push_back(call.model.facts()[f].name);
  return {{"done",
           {{"diagnosis", render::diagnosis_json(call.model, engine::diagnose(call.model, profile, d), call.render)},
            {"assumed", std::move(assumed)},
            {"settled", state.settled}}}};
}

Json kb(const Call& call) {
  const engine::Model& m = call.model;
  auto both = [](const engine::Text& t) {
    return Json{{"zh", t.get(engine::Lang::zh)}, {"en", t.get(engine::Lang::en)}};
  };
  Json goals = Json::array();
  for (engine::StepId g : m.goals()) goals.push_back(m.steps()[g].name);
  Json steps = Json::array();
  for (engine::StepId s : m.topological_order()) {
    const engine::StepInfo& step = m.steps()[s];
    Json requires_ = Json::array();
    for (engine::StepId r : step.requires_) requires_.push_back(m.steps()[r].name);
    steps.push_back(
        {{"step", step.name}, {"title", both(step.title)}, {"actor", step.actor}, {"requires", std::move(requires_)}});
  }
  Json facts = Json::array();
  for (const engine::FactInfo& f : m.facts()) {
    Json choices = Json::array();
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      engine::Text const title = f.choices[i].empty() ? engine::Text{f.values[i], f.values[i]} : f.choices[i];
      choices.push_back({{"value", f.values[i]}, {"title", both(title)}});
    }
    facts.push_back({{"fact", f.name},
                     {"type", render::fact_type_name(f.type)},
                     {"title", both(f.title)},
                     {"question", both(f.question)},
                     {"help", both(f.help)},
                     {"example", both(f.example)},
                     {"choices", std::move(choices)},
                     {"derived", f.derived},
                     {"background", f.background}});
  }
  // Their titles name the list a matched word came from in the evidence ("商业性词汇").
  Json term_lists = Json::array();
  for (const engine::TermListInfo& t : m.term_lists()) {
    engine::Text const title = t.title.empty() ? engine::Text{t.name, t.name} : t.title;
    term_lists.push_back({{"list", t.name}, {"title", both(title)}});
  }
  return {{"kb_version", m.version()},
          {"goals", std::move(goals)},
          {"steps", std::move(steps)},
          {"facts", std::move(facts)},
          {"term_lists", std::move(term_lists)}};
}

std::string graph_svg(const Call& call) {
  if (!call.profile) {
    step_of(call, "target");  // a target is checked even when there is no profile to colour
    return render::step_graph_svg(call.model, nullptr, call.render);
  }
  engine::Profile const profile = profile_of(call);
  engine::Diagnosis const d = engine::diagnose(call.model, profile, diagnose_options(call));
  return render::step_graph_svg(call.model, &d, call.render);
}

}  // namespace mpadvisor::server::detail
