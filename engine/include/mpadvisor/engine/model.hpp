// The compiled knowledge base: an immutable model built once from a checked KB and used to
// evaluate any number of profiles, from any number of threads (it holds no mutable state).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mpadvisor/dsl/ast.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/truth.hpp"

namespace mpadvisor::dsl {
class CheckedKb;
}

namespace mpadvisor::engine {

using FactId = std::uint32_t;
using StepId = std::uint32_t;
using RuleId = std::uint32_t;
using CauseId = std::uint32_t;
inline constexpr std::uint32_t kNone = UINT32_MAX;

enum class Lang { zh, en };

// A user-facing text in both languages (falls back to the other when one is missing).
struct Text {
  std::string zh, en;
  const std::string& get(Lang lang) const { return lang == Lang::zh ? (zh.empty() ? en : zh) : (en.empty() ? zh : en); }
  bool empty() const { return zh.empty() && en.empty(); }
};

// Where a declaration is written, kept as plain data so no parser state outlives compiling.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0, column = 0;
};

struct Source {
  std::string ref;
  std::string checked;    // YYYY-MM-DD or empty
  std::string certainty;  // official | many | single | seed | empty
};

struct FactInfo {
  std::string name;
  dsl::ast::FactType type = dsl::ast::FactType::text;
  std::vector<std::string> values;  // enumeration and set values, in declared order
  Text question, help;
  std::optional<double> min, max, max_length;
};

struct Duration {
  double low = 0, high = 0;  // in the unit below
  std::string unit;          // min | h | d | wd
};

struct Cost {
  double amount = 0;
  std::string currency;
  bool per_attempt = false, refundable = true;
};

struct StepInfo {
  std::string name;
  Text title, description;
  std::string actor;
  std::vector<StepId> requires_;
  std::optional<Duration> duration;
  std::optional<Cost> cost;
  std::vector<RuleId> rules;    // rules attached to this step, in declaration order
  std::int32_t done_when = -1;  // condition index, or -1
  SourceLocation location;
};

struct FactChange {
  FactId fact = kNone;
  dsl::ast::ChangeOp op = dsl::ast::ChangeOp::assign;
  dsl::ast::Value value;
};

struct Fix {
  Text text;
  std::vector<FactChange> changes;
};

struct CauseInfo {
  std::string name;
  Text title, explanation;
  StepId stage = kNone;
  std::vector<Fix> fixes;
  std::vector<std::string> patterns;  // ICU regular expressions (compiled per use)
  std::vector<Source> sources;
  SourceLocation location;
};

struct RuleInfo {
  std::string name;
  StepId step = kNone;
  std::uint32_t condition = 0;  // condition index
  dsl::ast::EffectKind effect = dsl::ast::EffectKind::block;
  CauseId cause = kNone;
  dsl::ast::Likelihood likelihood = dsl::ast::Likelihood::medium;
  std::string actor;  // wait
  std::string condition_text;
  std::vector<Source> sources;
  SourceLocation location;
};

struct TermListInfo {
  std::string name;
  Text title;
  std::vector<std::string> terms;  // as written (includes flattened)
};

struct OptionInfo {
  std::string name;
  Text title, how;
  std::optional<Duration> duration;
  std::optional<Cost> cost;
};

struct AlternativesInfo {
  std::string name;
  Text title;
  FactId fact = kNone;
  std::vector<OptionInfo> options;
  std::uint64_t option_mask = 0;  // bits of the set fact's values that satisfy it
};

struct ScenarioInfo {
  std::string name;
  Text description;
  std::vector<dsl::ast::Assignment> given;
  StepId target = kNone;
  std::vector<dsl::ast::Expectation> expectations;
  SourceLocation location;
};

class Evaluator;  // defined in the engine's sources
struct CompiledConditions;
struct MatchTables;

class Model {
 public:
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const std::vector<FactInfo>& facts() const { return facts_; }
  const std::vector<StepInfo>& steps() const { return steps_; }
  const std::vector<RuleInfo>& rules() const { return rules_; }
  const std::vector<CauseInfo>& causes() const { return causes_; }
  const std::vector<TermListInfo>& term_lists() const { return term_lists_; }
  const std::vector<AlternativesInfo>& alternatives() const { return alternatives_; }
  const std::vector<ScenarioInfo>& scenarios() const { return scenarios_; }
  // The default target: the first goal declared. Further goals (e.g. certification, which
  // publishing does not require) are diagnosed alongside it when no target is given.
  StepId goal() const { return goals_.empty() ? kNone : goals_.front(); }
  const std::vector<StepId>& goals() const { return goals_; }
  // Requirements before the steps that require them.
  const std::vector<StepId>& topological_order() const { return topo_; }
  // A digest of the KB's text, recorded with stored diagnoses.
  const std::string& version() const { return version_; }

  std::optional<FactId> find_fact(std::string_view name) const;
  std::optional<StepId> find_step(std::string_view name) const;
  std::optional<RuleId> find_rule(std::string_view name) const;
  std::optional<CauseId> find_cause(std::string_view name) const;

  // Internals shared with the evaluator; not part of the stable interface.
  const CompiledConditions& conditions() const { return *conditions_; }
  const MatchTables& match_tables() const { return *tables_; }

 private:
  Model();
  friend class ModelBuilder;

  std::vector<FactInfo> facts_;
  std::vector<StepInfo> steps_;
  std::vector<RuleInfo> rules_;
  std::vector<CauseInfo> causes_;
  std::vector<TermListInfo> term_lists_;
  std::vector<AlternativesInfo> alternatives_;
  std::vector<ScenarioInfo> scenarios_;
  std::vector<StepId> topo_;
  std::vector<StepId> goals_;
  std::string version_;
  std::unique_ptr<CompiledConditions> conditions_;
  std::unique_ptr<MatchTables> tables_;
};

// Compiles a checked KB (see dsl/checked_kb.hpp: only a KB without errors is one).
std::shared_ptr<const Model> compile(const dsl::CheckedKb& kb);

}  // namespace mpadvisor::engine
