#include "mpadvisor/engine/evaluation.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace mpadvisor::engine {
namespace {

using json = nlohmann::json;

[[noreturn]] void bad(const std::string& file, std::size_t line, const std::string& what) {
  throw EvalError(file + ":" + std::to_string(line) + ": " + what);
}

std::string string_field(const json& j, const char* key, const std::string& file, std::size_t line, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) bad(file, line, std::string("the entry needs \"") + key + "\"");
    return {};
  }
  if (!it->is_string()) bad(file, line, std::string("\"") + key + "\" must be a string");
  return it->get<std::string>();
}

EvalEntry read_entry(const Model& model, std::string_view text, const std::string& file, std::size_t line,
                     std::int64_t now) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) bad(file, line, "not a JSON object");
  EvalEntry e;
  e.file = file;
  e.line = line;
  e.id = string_field(j, "id", file, line, true);
  e.message = string_field(j, "message", file, line, true);
  e.source = string_field(j, "source", file, line, true);
  e.subject = string_field(j, "subject", file, line, false);
  if (e.subject.empty()) e.subject = "unknown";
  if (std::string const stage = string_field(j, "stage", file, line, false); !stage.empty()) {
    e.stage = model.find_step(stage);
    if (!e.stage) bad(file, line, "\"stage\": '" + stage + "' is not a step of the knowledge base");
  }
  auto profile = j.find("profile");
  if (profile != j.end() && !profile->is_object()) bad(file, line, "\"profile\" must be an object");
  try {
    e.profile = parse_profile(model, profile == j.end() ? "{}" : profile->dump(), now);
  } catch (const ProfileError& error) {
    bad(file, line, std::string("\"profile\": ") + error.what());
  }
  auto expect = j.find("expect");
  if (expect == j.end() || !expect->is_array() || expect->empty())
    bad(file, line, "\"expect\" must list the cause ids the message is about");
  for (const json& c : *expect) {
    if (!c.is_string()) bad(file, line, "\"expect\" holds cause ids (strings)");
    auto cause = model.find_cause(c.get<std::string>());
    if (!cause) bad(file, line, "\"expect\": '" + c.get<std::string>() + "' is not a cause of the knowledge base");
    e.expected.push_back(*cause);
  }
  return e;
}

void count(EvalTally& t, const EvalOutcome& o) {
  ++t.entries;
  t.top1 += o.top1();
  t.top3 += o.top3();
  t.clear += o.verdict == Verdict::clear;
}

std::vector<EvalTally> tallies(const std::map<std::string, EvalTally>& by_key) {
  std::vector<EvalTally> out;
  out.reserve(by_key.size());
  for (const auto& [key, tally] : by_key) out.push_back(tally);
  return out;
}

}  // namespace

std::vector<EvalEntry> read_eval_entries(const Model& model, std::string_view text, const std::string& file,
                                         std::int64_t now) {
  std::vector<EvalEntry> entries;
  std::size_t line = 0;
  while (!text.empty()) {
    std::size_t const end = text.find('\n');
    std::string_view row = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.find_first_not_of(" \t") == std::string_view::npos) continue;
    entries.push_back(read_entry(model, row, file, line, now));
  }
  return entries;
}

EvalReport evaluate(const Model& model, const std::vector<EvalEntry>& entries) {
  EvalReport report;
  report.reliability = {{Strength::strong}, {Strength::possible}, {Strength::weak}};
  std::map<std::string, EvalTally> by_stage, by_subject;
  for (const EvalEntry& e : entries) {
    EvalOutcome o;
    o.entry = &e;
    Diagnosis const d = diagnose(model, e.profile);
    o.verdict = d.verdict;
    RankingWeights weights;
    weights.keep_evidence = false;
    o.ranking = rank_rejection(model, d, e.message, e.stage, {}, weights);
    auto expected = [&](CauseId c) { return std::find(e.expected.begin(), e.expected.end(), c) != e.expected.end(); };
    for (const RankedCause& c : o.ranking.causes) {
      if (expected(c.cause) && o.rank == 0) o.rank = static_cast<int>(c.rank);
    }
    for (const RankedCause& c : o.ranking.causes) {
      if (o.rank == 1 && c.rank == 1 && !expected(c.cause)) o.tied_with_wrong = true;
    }
    if (!o.ranking.causes.empty()) {
      const RankedCause& first = o.ranking.causes.front();
      StrengthTally& t = report.reliability[static_cast<std::size_t>(first.strength)];
      ++t.shown;
      t.right += expected(first.cause);
    }
    count(report.overall, o);
    std::string const stage = e.stage ? model.steps()[*e.stage].name : std::string();
    by_stage[stage].key = stage;
    count(by_stage[stage], o);
    by_subject[e.subject].key = e.subject;
    count(by_subject[e.subject], o);
    report.outcomes.push_back(std::move(o));
  }
  report.by_stage = tallies(by_stage);
  report.by_subject = tallies(by_subject);
  return report;
}

}  // namespace mpadvisor::engine
