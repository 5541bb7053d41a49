// The compiled knowledge base: an immutable model built once from a checked KB and used to
// evaluate any number of profiles, from any number of threads (it holds no mutable state).
//
// Everything here is the engine's own: the compiler lowers the KB's syntax tree into these
// types, and nothing of the syntax tree outlives compiling.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/base/lang.hpp"
#include "mpadvisor/engine/name_index.hpp"
#include "mpadvisor/engine/name_table.hpp"
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

using base::Lang;

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

enum class Certainty { unspecified, official, many, single, applicant };

// Where a piece of knowledge comes from and when it was last checked against it.
struct Source {
  std::string ref;      // an address, or a reference declared in the KB
  Text title;           // the reference's title, when the KB declares one
  std::string section;  // the part of the reference meant (may be empty)
  std::string checked;  // YYYY-MM-DD or empty
  Certainty certainty = Certainty::unspecified;
};

enum class FactType : std::uint8_t { boolean, number, text, text_list, enumeration, enum_set, date, datetime };

// A value written in the KB (a fix's change, a scenario's fact), in the form the engine
// sets facts from, with the KB's own spelling of it for display.
struct Literal {
  enum class Kind { boolean, number, text, symbol, date, list } kind = Kind::boolean;
  bool boolean = false;
  double number = 0;
  std::string text;       // text content, or the symbol's name
  std::int64_t time = 0;  // date: seconds on the Beijing wall clock
  std::vector<Literal> items;
  std::string spelling;  // as the KB writes it: social_security_proof, "个人学习笔记", [a, b]
};

struct FactInfo {
  std::string name;
  FactType type = FactType::text;
  std::vector<std::string> values;  // enumeration and set values, in declared order
  std::vector<Text> choices;        // by value: what each value means to the person answering
  Text title;                       // what the fact is, in a few words; empty when the KB gives none
  Text question, help, example;
  bool derived = false;     // filled by the tool or from other facts: never asked
  bool background = false;  // the applicant cannot change it: never part of a fix or plan
  bool whole = false;       // a count: only whole numbers
  std::optional<double> min, max, max_length;
};

// Calendar time (minutes, hours, days) or working days, which skip weekends and the public
// holidays of the KB's calendar.
enum class TimeUnit { minute, hour, day, working_day };

struct TimeAmount {
  double amount = 0;
  TimeUnit unit = TimeUnit::hour;
};

struct Duration {
  TimeAmount low, high;
};

struct Cost {
  double amount = 0;
  std::string currency;
  bool per_attempt = false;  // paid again on every attempt
  bool per_year = false;     // paid again every year
  bool refundable = true;
};

struct StepInfo {
  std::string name;
  Text title, description;
  std::string actor;
  std::vector<StepId> requires_;
  std::optional<Duration> duration;
  std::optional<Cost> cost;
  bool irreversible = false;    // cannot be withdrawn or undone once taken
  std::vector<RuleId> rules;    // rules attached to this step, in declaration order
  std::int32_t done_when = -1;  // condition index, or -1
  SourceLocation location;
};

// `suggest`: a value the applicant chooses; the planner proposes some (see plan.hpp).
enum class ChangeOp { assign, add, remove, unset, suggest };
enum class SuggestMode { adding, from };

struct FactChange {
  FactId fact = kNone;
  ChangeOp op = ChangeOp::assign;
  Literal value;
  SuggestMode suggest = SuggestMode::adding;  // op == suggest: derive from the current text, or pick
  std::uint32_t list = kNone;                 // op == suggest: the term list it draws on
};

struct Fix {
  Text text;
  std::vector<FactChange> changes;
  std::optional<Duration> duration;
  std::optional<Cost> cost;
  std::int32_t guard = -1;  // condition index: the fix may be taken only while it holds; -1 always
  bool irreversible = false;
};

struct CauseInfo {
  std::string name;
  Text title, explanation;
  StepId stage = kNone;
  std::vector<Fix> fixes;
  std::vector<std::string> patterns;  // as written (regular expressions), for display
  std::vector<Source> sources;
  SourceLocation location;
};

enum class Effect { block, warn, wait };
enum class Likelihood { low, medium, high };

struct RuleInfo {
  std::string name;
  StepId step = kNone;
  std::uint32_t condition = 0;  // condition index
  Effect effect = Effect::block;
  CauseId cause = kNone;
  Likelihood likelihood = Likelihood::medium;
  std::string actor;  // wait
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

// One entry of the holiday calendar, as days since 1970-01-01.
struct CalendarDay {
  std::int32_t first = 0, last = 0;
  bool workday = false;  // a weekend day worked instead of a holiday (调休)
  Text title;
};

// The public holidays that working days skip, complete for the days it covers.
struct HolidayCalendar {
  std::string name;
  Text title;
  std::int32_t covers_first = 0, covers_last = -1;  // days since 1970-01-01
  std::vector<CalendarDay> days;                    // in date order
  std::vector<Source> sources;
  bool covers(std::int32_t day) const { return day >= covers_first && day <= covers_last; }
  // The entry a day falls in, if any.
  const CalendarDay* entry(std::int32_t day) const;
  // Monday to Friday unless a holiday; Saturday and Sunday only as a make-up working day.
  // Outside the covered days only weekends are known.
  bool working_day(std::int32_t day) const;
};

enum class Verdict { clear, blocked, needs_info };

// One fact of a scenario (its baseline's facts merged in), or the steps it has done.
struct Given {
  FactId fact = kNone;  // kNone: `done`, the steps listed in done_steps
  Literal value;
  std::vector<StepId> done_steps;
  bool unknown = false;  // `given F unknown`: the fact stays unknown
};

struct Expectation {
  enum class Kind { verdict, blocked, warned, waiting, needs_info } kind = Kind::verdict;
  bool negated = false;  // `expect not blocked …`
  Verdict verdict = Verdict::clear;
  StepId step = kNone;
  CauseId cause = kNone;  // kNone: any cause
  FactId fact = kNone;
  std::string text;  // as the KB writes it
};

struct ScenarioInfo {
  std::string name;
  Text description;
  std::string baseline;  // the baseline it starts from, or empty
  std::vector<Given> given;
  StepId target = kNone;
  std::vector<Expectation> expectations;
  SourceLocation location;
};

class Evaluator;  // defined in the engine's sources
struct CompiledConditions;
struct MatchTables;
class ScopeCache;
template <typename T>
class Lazy;

// What a diagnosis toward one target looks at: the target and every step it requires, in
// topological order, with each step's requirements as positions in that order. Made once
// per target, so a diagnosis costs what its scope holds, not what the KB holds.
struct StepScope {
  std::vector<StepId> steps;                 // topological order
  std::vector<std::uint32_t> require_begin;  // position → its first entry in `requires_at`
  std::vector<std::uint32_t> requires_at;    // positions of the requirements
  // position → the run of the step's rules in the model's rules-by-step table (internal):
  // the rules of the steps in a scope lie side by side there, in the scope's order.
  std::vector<std::uint32_t> rule_begin, rule_end;
};

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
  // Only `kb test` and the KB's documentation read the scenarios, so a model loaded from a
  // file decodes them the first time they are asked for (thread-safe); a damaged scenario
  // section then throws ModelFileError (model_file.hpp).
  const std::vector<ScenarioInfo>& scenarios() const;
  // The public holidays working days skip; null when the KB declares no calendar.
  const HolidayCalendar* calendar() const { return calendar_ ? &*calendar_ : nullptr; }
  // The default target: the first goal declared. Further goals (e.g. certification, which
  // publishing does not require) are diagnosed alongside it when no target is given.
  StepId goal() const { return goals_.empty() ? kNone : goals_.front(); }
  const std::vector<StepId>& goals() const { return goals_; }
  // Requirements before the steps that require them.
  const std::vector<StepId>& topological_order() const { return topo_; }
  // The scope of a diagnosis toward `target` (kNone: every goal). Thread-safe.
  const StepScope& scope(StepId target) const;
  // A digest of the KB's text, recorded with stored diagnoses.
  const std::string& version() const { return version_; }
  // A rule's condition as the KB writes it (kept once, with the condition's nodes).
  std::string_view condition_text(RuleId rule) const;

  // The names of steps, rules and causes, by id, packed for the answers that list them.
  const NameTable& step_names() const { return step_names_; }
  const NameTable& rule_names() const { return rule_names_; }
  const NameTable& cause_names() const { return cause_names_; }

  std::optional<FactId> find_fact(std::string_view name) const { return fact_index_.find(name); }
  std::optional<StepId> find_step(std::string_view name) const { return step_index_.find(name); }
  std::optional<RuleId> find_rule(std::string_view name) const { return rule_index_.find(name); }
  std::optional<CauseId> find_cause(std::string_view name) const { return cause_index_.find(name); }

  // Internals shared with the evaluator; not part of the stable interface.
  const CompiledConditions& conditions() const { return *conditions_; }
  const MatchTables& match_tables() const { return *tables_; }

 private:
  Model();
  friend class ModelBuilder;
  friend struct ModelCodec;  // the model file (model_file.cpp)
  // Once the tables are filled: the name indices, the scope cache, a fresh instance number.
  void finish();

  // A model file's mapping, when the tables below borrow from it (FlatArray): kept as long as
  // the model.
  std::shared_ptr<const void> file_;
  std::vector<FactInfo> facts_;
  std::vector<StepInfo> steps_;
  std::vector<RuleInfo> rules_;
  std::vector<CauseInfo> causes_;
  std::vector<TermListInfo> term_lists_;
  std::vector<AlternativesInfo> alternatives_;
  std::unique_ptr<Lazy<std::vector<ScenarioInfo>>> scenarios_;  // a model file's decoded when first asked for
  std::optional<HolidayCalendar> calendar_;
  std::vector<StepId> topo_;
  std::vector<StepId> goals_;
  std::string version_;
  // Views into the info vectors above, which do not change once the model is built.
  NameIndex fact_index_, step_index_, rule_index_, cause_index_;
  NameTable step_names_, rule_names_, cause_names_;
  std::unique_ptr<CompiledConditions> conditions_;
  std::unique_ptr<MatchTables> tables_;
  std::unique_ptr<ScopeCache> scopes_;
};

// Compiles a checked KB (see dsl/checked_kb.hpp: only a KB without errors is one).
std::shared_ptr<const Model> compile(const dsl::CheckedKb& kb);
// The same, freeing the syntax tree as it is lowered when `kb` is its only holder (the same
// model, in less memory: the command line's load of a KB's text). `kb` is spent.
std::shared_ptr<const Model> compile(dsl::CheckedKb&& kb);

std::string_view to_string(Verdict v);
std::string_view to_string(Effect e);
std::string_view to_string(Likelihood l);
std::string_view to_string(Certainty c);

}  // namespace mpadvisor::engine
