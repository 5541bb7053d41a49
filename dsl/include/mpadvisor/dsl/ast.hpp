// The knowledge-base language's syntax tree.
//
// Plain data, free of Spirit types, so that the checker, the formatter and the engine's
// compiler can use it without paying for X3's headers. Every node records the byte range
// it came from (Span); a Module owns the file's text so spans can be turned into
// line:column pairs for diagnostics and into comments' neighbours for the formatter.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mpadvisor::dsl::ast {

struct Span {
  std::uint32_t begin = 0;  // byte offset of the first character
  std::uint32_t end = 0;    // byte offset one past the last character
};

struct Node {
  Span span;
};

// A property written as a single word (`irreversible`): whether it is there, and where, so
// the formatter keeps the comments around it in place.
struct Flag {
  bool on = false;
  Span span;
  explicit operator bool() const { return on; }
};

// An identifier, possibly dotted: `filing.submit`.
struct Name : Node {
  std::string text;
  bool empty() const { return text.empty(); }
};

// One language's wording of a user-facing text: `zh "提交备案"`.
struct Translation : Node {
  std::string lang;
  std::string text;
};
using Text = std::vector<Translation>;

// A calendar date with an optional time of day: `2026-11-27` or `2026-11-27T10:30`.
struct Date {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0;  // hour < 0: a date without a time
  bool has_time() const { return hour >= 0; }
  friend bool operator==(const Date&, const Date&) = default;
};

enum class ValueKind { boolean, number, string, symbol, date, list };

// A literal: true, 3, "text", an enum value or step name, a date, or [a, b, …].
struct Value : Node {
  ValueKind kind = ValueKind::boolean;
  bool boolean = false;
  double number = 0;
  std::string text;  // string content or symbol name
  Date date;
  std::vector<Value> items;
};

enum class Certainty { unspecified, official, many, single, applicant };

// Where a piece of knowledge comes from, and when it was last checked against it. `ref` is
// an address (https://…) or the name of a declared reference, optionally followed by the
// section meant: `applicant_account §小程序备案`.
struct Source : Node {
  std::string ref;
  std::optional<Date> checked;
  Certainty certainty = Certainty::unspecified;
};

struct Quantity {
  double amount = 0;
  std::string unit;  // min | h | d | wd (working days)
};

struct DurationRange : Node {
  Quantity low, high;
};

struct Cost : Node {
  double amount = 0;
  Name currency;             // cny, the only currency the KB counts in (kb check)
  bool per_attempt = false;  // paid again on every attempt (a failed one included)
  bool per_year = false;     // paid again every year (an annual review)
  bool refundable = true;
};

// Two dates, the second on or after the first: `2026-10-01..2026-10-07`. One date alone is a
// range of one day.
struct DateRange : Node {
  Date first, last;
};

// ---------------------------------------------------------------- conditions

enum class CompareOp { eq, ne, lt, le, gt, ge };

// One side of a comparison: a fact, a literal, or a built-in function of a fact.
struct Operand : Node {
  enum class Kind { fact, value, call } kind = Kind::value;
  Name fact;             // fact, or the call's argument
  std::string function;  // province | hours_since | days_since | days_until | width | count
  Value value;
};

enum class ExprKind {
  constant,         // true / false
  fact,             // a bool fact used as a condition
  all,              // a and b and …
  any,              // a or b or …
  negation,         // not a
  compare,          // left op right
  contains_any,     // text (or list of text) contains a term of a list
  is_any,           // text equals a term of a list (after normalisation)
  has,              // set or list holds one of values
  in,               // enum value is one of values
  known,            // the fact has a value
  done,             // the step is done
  satisfied,        // an alternatives set is satisfied
  mentions_region,  // text names a province or city
};

// An owning pointer that copies what it points to: the storage of Boxed and Optional below,
// parts of the tree kept on the heap yet copied with their node like any other member.
template <typename T>
class HeapValue {
 public:
  HeapValue() = default;
  HeapValue(const HeapValue& other) : p_(other.p_ ? std::make_unique<T>(*other.p_) : nullptr) {}
  HeapValue(HeapValue&&) noexcept = default;
  HeapValue& operator=(const HeapValue& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<T>(*other.p_) : nullptr;
    return *this;
  }
  HeapValue& operator=(HeapValue&&) noexcept = default;
  ~HeapValue() = default;

  const T* get() const { return p_.get(); }
  T* get() { return p_.get(); }
  T& emplace(T value) {
    p_ = std::make_unique<T>(std::move(value));
    return *p_;
  }

 private:
  std::unique_ptr<T> p_;
};

// A part of a node that most nodes of its kind leave out, kept on the heap so that those stay
// small: a value (copied with its node), empty until first written. Read while empty, it is
// the default value.
template <typename T>
class Boxed {
 public:
  const T& get() const {
    static const T kEmpty{};
    return p_.get() != nullptr ? *p_.get() : kEmpty;
  }
  T& get() { return p_.get() != nullptr ? *p_.get() : p_.emplace(T{}); }

 private:
  HeapValue<T> p_;
};

// An optional part that most declarations leave out, kept on the heap: inline, it would widen
// every declaration, since a Declaration is as large as its largest kind (a step's duration,
// cost and `done when` made each of a 10,000-rule KB's rules 480 bytes instead of 336). Read
// as std::optional is.
template <typename T>
class Optional {
 public:
  Optional& operator=(T value) {
    p_.emplace(std::move(value));
    return *this;
  }

  bool has_value() const { return p_.get() != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *p_.get(); }
  T& operator*() { return *p_.get(); }
  const T* operator->() const { return p_.get(); }
  T* operator->() { return p_.get(); }

 private:
  HeapValue<T> p_;
};

// A comparison's two sides.
struct Comparison {
  Operand left, right;
};

// What a membership or term-list test names.
struct Listed {
  Name list;                  // contains_any, is_any: the term list
  std::vector<Value> values;  // has, in
};

struct Expr : Node {
  ExprKind kind = ExprKind::constant;
  CompareOp op = CompareOp::eq;
  bool truth = false;          // constant
  std::vector<Expr> operands;  // all, any, negation
  Name subject;                // fact / step / alternatives the test is about

  // compare: its two sides. Boxed: two operands are about 400 bytes, and most nodes are not
  // comparisons (a 10,000-rule KB's syntax tree was a third smaller for it).
  const Operand& left() const { return sides_.get().left; }
  const Operand& right() const { return sides_.get().right; }
  Operand& left() { return sides_.get().left; }
  Operand& right() { return sides_.get().right; }
  // contains_any, is_any: the term list; has, in: the values. Boxed for the same reason: a
  // node is 104 bytes instead of 160, and a 10,000-rule KB has about 100,000 of them.
  const Name& list() const { return listed_.get().list; }
  const std::vector<Value>& values() const { return listed_.get().values; }
  Name& list() { return listed_.get().list; }
  std::vector<Value>& values() { return listed_.get().values; }

 private:
  Boxed<Comparison> sides_;
  Boxed<Listed> listed_;
};

// ---------------------------------------------------------------- declarations

struct Import : Node {
  std::string path;
};

struct Goal : Node {
  Name step;
};

enum class FactType { boolean, number, text, text_list, enumeration, enum_set, date, datetime };

// What an enum or set value means to the person answering: `choice personal zh "个人" en "…"`.
struct Choice : Node {
  Name value;
  Text title;
};

struct Fact : Node {
  Name name;
  FactType type = FactType::text;
  std::vector<Name> values;  // enumeration and enum_set
  Text title;                // what the fact is, in a few words (evidence: "主体类型：个人")
  Text question, help;
  std::vector<Choice> choices;  // titles of the values, for the interview
  Text example;                 // an example answer
  bool derived = false;         // filled by the tool or from other facts: never asked
  Flag background;              // the applicant cannot change it (the ID's region): never a fix
  Flag whole;                   // a number that counts something: 1.5 is refused
  std::optional<double> min, max;
  std::optional<double> max_length;
  std::vector<Source> sources;
};

struct Term : Node {
  std::string text;
  std::string note;
};

struct TermList : Node {
  Name name;
  Text title;
  std::vector<Name> includes;
  std::vector<Term> terms;
  std::vector<Source> sources;
};

// A provincial-level division and the names it goes by, for comparing regions.
struct Province : Node {
  Name name;
  std::vector<std::string> names;
  std::vector<std::string> cities;
  // Every prefecture- and county-level division (GB/T 2260), for placing where someone lives;
  // unlike names and cities, never read as a place name inside a Mini Program's name.
  std::vector<std::string> places;
};

struct Step : Node {
  Name name;
  Text title, description;
  Name actor;  // applicant | platform | miit | bureau | certifier | reviewer
  std::vector<Name> requires_;
  Optional<DurationRange> duration;
  Optional<Cost> cost;
  Flag irreversible;  // cannot be withdrawn or undone once taken
  Optional<Expr> done_when;
  std::vector<Source> sources;
};

struct Option : Node {
  Name name;
  Text title, how;
  Optional<DurationRange> duration;
  Optional<Cost> cost;
};

struct Alternatives : Node {
  Name name;
  Text title;
  Name fact;  // the set fact whose values name the options held
  std::vector<Option> options;
  std::vector<Source> sources;
};

enum class ChangeOp { assign, add, remove, unset, suggest };

// How the planner finds a value the applicant chooses (`change F suggest …`):
//   adding LIST — from the fact's current text: drop the words that rules object to, add a
//                 word of LIST (`change name suggest adding personal_use_words`);
//   from LIST   — one of LIST's terms (`change category suggest from safe_categories`).
enum class SuggestMode { adding, from };

// A machine-readable change of facts that a fix suggests: `change residence_proofs += social_security_proof`.
struct Change : Node {
  Name fact;
  ChangeOp op = ChangeOp::assign;
  Value value;
  SuggestMode suggest = SuggestMode::adding;  // op == suggest
  Name list;                                  // op == suggest: the term list it draws on
};

// A fix: advice, and what the planner needs to take it as an action — the changes it makes,
// what it costs and takes, when it may be taken, and whether it can be undone.
struct Fix : Node {
  Text text;
  std::vector<Change> changes;
  Optional<DurationRange> duration;
  Optional<Cost> cost;
  Optional<Expr> guard;  // `when COND`: the fix may be taken only while COND holds
  Flag irreversible;
};

// One piece of a pattern written as words: one of some texts, found after a gap of at most
// `gap` characters from the previous piece (-1: any gap).
struct PatternPiece {
  std::vector<std::string> texts;
  int gap = -1;
};

// What recognises the cause in a rejection message: a regular expression, or words with gaps
// between them (`words "名称" ... ("商业" | "经营")`), from which `regex` is made.
struct Pattern : Node {
  std::string lang;
  std::string regex;
  std::vector<PatternPiece> words;  // empty for a pattern written as a regular expression
};

struct Cause : Node {
  Name name;
  Text title, explanation;
  Name stage;  // the step at which the platform reports it (may be empty)
  std::vector<Fix> fixes;
  std::vector<Pattern> patterns;
  std::vector<Source> sources;
};

enum class EffectKind { block, warn, wait };
enum class Likelihood { low, medium, high };

struct Effect : Node {
  EffectKind kind = EffectKind::block;
  Name cause;
  Likelihood likelihood = Likelihood::medium;  // warn
  Name actor;                                  // wait
};

struct Rule : Node {
  Name name;
  Name step;
  // The tree of `when …`, or, when `condition_in_text`, only its span: a load keeps the text
  // alone, and dsl::rule_condition parses it again for whoever needs the tree.
  Expr condition;
  bool condition_in_text = false;
  std::uint32_t condition_nodes = 0;  // when in text: the tree's size, to make room for it ahead
  Effect effect;
  std::vector<Source> sources;
};

// `given FACT = VALUE`, or `given FACT unknown`: the fact is not given (in a scenario built
// from a baseline that gives it, the scenario takes it away).
struct Assignment : Node {
  Name fact;
  Value value;
  bool unknown = false;
};

struct Expectation : Node {
  enum class Kind { verdict, blocked, warned, waiting, needs_info } kind = Kind::verdict;
  bool negated = false;  // `expect not blocked …`
  std::string verdict;   // clear | blocked | needs_info (kind == verdict)
  Name step;             // blocked / warned / waiting
  Name cause;            // optional: `by CAUSE`
  Name fact;             // needs_info
};

// The facts that several scenarios share, so each scenario states only what differs.
struct Baseline : Node {
  Name name;
  Name from;  // the baseline it starts from (may be empty)
  Text description;
  std::vector<Assignment> given;
  Name target;
};

struct Scenario : Node {
  Name name;
  Name from;  // the baseline it starts from (may be empty)
  Text description;
  std::vector<Assignment> given;
  Name target;
  std::vector<Expectation> expectations;
};

// One entry of a calendar: days off (`holiday`) or a weekend day worked instead (`workday`).
struct CalendarDay : Node {
  bool workday = false;
  DateRange days;
  Text title;
};

// The public holidays that working-day durations skip, for the dates the table covers.
struct Calendar : Node {
  Name name;
  Text title;
  std::optional<DateRange> covers;
  std::vector<CalendarDay> days;
  std::vector<Source> sources;
};

// A document that sources cite by name: its title (for applicants to find it) and address.
struct Reference : Node {
  Name name;
  Text title;
  std::string address;  // may be empty when the document has no known address
};

using Declaration = std::variant<Import, Goal, Fact, TermList, Province, Step, Alternatives, Cause, Rule, Scenario,
                                 Baseline, Reference, Calendar>;

struct Comment {
  Span span;  // covers `# …` up to the end of the line
};

// One parsed file.
struct Module {
  std::string path;  // as given to the parser (used in diagnostics)
  std::string text;  // the file's contents; spans index into it
  std::vector<Declaration> declarations;
  std::vector<Comment> comments;
};

}  // namespace mpadvisor::dsl::ast
