// The model's internal tables: conditions compiled into flat nodes, and the matchers that
// term lists and regions compile into.
#pragma once

#include <unicode/regex.h>

#include <array>
#include <bit>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "flat_array.hpp"
#include "lazy.hpp"
#include "message_pattern.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/name_index.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "term_matcher.hpp"

namespace mpadvisor::engine {

enum class Function : std::uint8_t { none, province, hours_since, days_since, days_until, width, count };

// What a condition node tests (the KB language's tests, as the evaluator needs them).
enum class CondKind : std::uint8_t {
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

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

// The evaluator's view of a node: small and fixed-size, in an array beside `cold` (same
// indices), so that evaluating a condition touches a few cache lines instead of one per node.
// The cold nodes keep what explanations and the rarer tests need (texts, literal lists).
//
// The nodes are laid out in the order a diagnosis reads them (ModelBuilder::lay_out_nodes):
// step by step in topological order, each step's `done when` condition and then its rules'
// conditions; each condition breadth first from its root, so a node's children are
// consecutive and come after it. The other conditions (fix guards, scenarios) follow.
struct HotNode {
  CondKind kind = CondKind::constant;
  CompareOp op = CompareOp::eq;
  FactType type = FactType::boolean;  // the subject fact's type
  // compare: the functions applied to the left and right operands, a nibble each (left low),
  // so that the header is four bytes and a node 24 (three to a 64-byte line, where 32 made two).
  std::uint8_t functions = 0;
  FactId fact = kNone;  // subject or left operand's fact
  // all / any / negation: the first child (the children are nodes a, a + 1, …, a + b - 1);
  // done: the step; contains_any / is_any: the term list; compare: the right operand's fact
  // (kNone: a literal).
  std::uint32_t a = kNone;
  std::uint32_t b = 0;  // all / any / negation: the number of children; constant: its truth
  // has / in over enum values, satisfied: the bit mask; compare with a literal: the literal
  // as the evaluator compares it (a number, a date in seconds, an enum or province index, 0/1).
  union {
    std::uint64_t mask;
    double number;
  } literal{0};

  Function left_fn() const { return static_cast<Function>(functions & 0x0F); }
  Function right_fn() const { return static_cast<Function>(functions >> 4); }
  void set_functions(Function left, Function right) {
    functions = static_cast<std::uint8_t>(static_cast<unsigned>(left) | (static_cast<unsigned>(right) << 4));
  }
};
static_assert(sizeof(HotNode) == 24, "three nodes to a cache line");

inline bool is_composite(CondKind k) { return k == CondKind::all || k == CondKind::any || k == CondKind::negation; }

// What explanations and the rarer tests need of a node, beside its HotNode (same index). Kept
// small: in a 10,000-rule KB there are about 85,000 nodes, and a node that carried its own
// strings and vectors (about 200 bytes and a few allocations each) was half the model.
struct ColdNode {
  std::uint32_t text_begin = 0, text_size = 0;  // the sub-condition as the KB writes it (CompiledConditions::text)
  std::uint32_t target = kNone;                 // term list, step or alternatives
  std::uint32_t literals = kNone;               // has / in over texts or numbers, a text compared with: its values
};

// The values a node tests against that do not fit a HotNode's literal.
struct NodeLiterals {
  std::vector<std::string> texts;  // has / in over texts, or the text a comparison uses (compact-normalised)
  std::vector<double> numbers;     // in over numbers
};

// The version of a KB whose module texts, in load order, are these (Model::version()).
std::string kb_version_of(const std::vector<std::string_view>& texts);
// The same, a text at a time: each text's hash chained into the next, so that order and
// boundaries count; `texts` is how many there will be.
class KbVersionHash {
 public:
  explicit KbVersionHash(std::size_t texts) : hash_(texts) {}
  void add(std::string_view text);
  std::string version() const;  // 16 hex digits

 private:
  std::uint64_t hash_;
};

// What a diagnosis reads of each rule, packed so that the rules in a scope stay in a few cache
// lines (RuleInfo, with names, texts and sources, is for explanations).
struct HotRule {
  RuleId id = 0;
  std::uint32_t root = 0;         // its condition's root node
  CauseId cause = 0;              // as the rule's RuleInfo: a finding names them, and the
  StepId step = 0;                // RuleInfo (long, with texts) is a cache miss away
  std::uint32_t known_begin = 0;  // its known() facts: known_fact_ids[known_begin, +known_count)
  std::uint16_t known_count = 0;
  // How many of `conjuncts` there are, or kWholeCondition.
  std::uint8_t conjunct_count = 0;
  Effect effect = Effect::block;
  Likelihood likelihood = Likelihood::medium;
  // Up to kGuards facts that known() tests as conjuncts of the whole condition (under nothing
  // but `and`): one of them unknown makes the rule false before a node is read. A fixed
  // number, the rest CompiledConditions::always_known, so that checking them takes no branch
  // (whether a profile gives a fact is as good as random). A rule with more guards keeps four;
  // its nodes test the others.
  //
  // In a model of fewer than 128 facts (CompiledConditions::guard_masks) the same guards are
  // kept as a 128-bit mask of fact ids instead, facts 0–63 in guards[0] (low half) and
  // guards[1], 64–127 in guards[2] and guards[3]: two masked compares with the profile's known
  // bits, which a diagnosis holds in registers, rather than four bit tests read from memory.
  static constexpr std::size_t kGuards = 4;
  std::array<FactId, kGuards> guards{};
  // What is left to test once the guards hold: the condition's conjuncts (the nodes under
  // nothing but `and`, in order) without the known() tests of the guards. Evaluating them
  // gives the condition's value without visiting the `and` nodes or the guards' tests again.
  // A condition with more than kConjuncts of them is evaluated from its root.
  static constexpr std::size_t kConjuncts = 4;
  static constexpr std::uint8_t kWholeCondition = 0xFF;
  std::array<std::uint32_t, kConjuncts> conjuncts{};
};
static_assert(sizeof(HotRule) == 64, "a rule's hot part is one cache line");

struct CompiledConditions {
  // Derived when the model is finished (Model::finish), not stored in a model file:
  // Every rule, grouped by step in topological order and each step's rules in the step's own
  // order, so that a step's rules share cache lines; step_rules[s] is step s's run.
  std::vector<HotRule> rules_by_step;
  struct Run {
    std::uint32_t begin = 0, end = 0;
  };
  std::vector<Run> step_rules;
  // By StepId: the step's `done when` condition, or -1. A copy of StepInfo::done_when kept
  // here, dense, because every diagnosis asks it of every step in scope.
  std::vector<std::int32_t> done_when;
  std::vector<FactId> known_fact_ids;  // see HotRule
  // By FactId: an enum or set fact's values to their index (every profile looks its values up).
  std::vector<NameIndex> fact_values;
  FactId always_known = 0;   // a guard that always holds: one past the last fact
  bool guard_masks = false;  // HotRule::guards are a mask of facts (fewer than 128 of them)
  // By FactId: some node compares the text (or list) fact's compact form (==, !=, in, has,
  // is_any); reading a profile derives that form only for these facts.
  std::vector<bool> compared_exactly;

  // Owned when compiled, borrowed from the file when a model file is loaded (FlatArray).
  FlatArray<HotNode> hot;                     // by node
  FlatArray<ColdNode> cold;                   // by node, as `hot`
  FlatArray<char> text;                       // every node's text, one after another (ColdNode)
  std::vector<NodeLiterals> literals;         // ColdNode::literals
  std::vector<std::uint32_t> roots;           // condition index → root node
  std::vector<std::vector<FactId>> facts_of;  // condition index → facts it reads
  // condition index → facts it tests with known(): the one test whose value changes when an
  // unknown fact is answered even though it is decided (false) now
  std::vector<std::vector<FactId>> known_facts_of;

  std::string_view text_of(std::uint32_t node) const {
    return std::string_view(text.data(), text.size()).substr(cold[node].text_begin, cold[node].text_size);
  }
  // Empty lists for a node that has none.
  const NodeLiterals& literals_of(std::uint32_t node) const {
    static const NodeLiterals kNoLiterals;
    return cold[node].literals == kNone ? kNoLiterals : literals[cold[node].literals];
  }
  // The children of an all / any / negation node: nodes first … last - 1. None for the others.
  struct Children {
    std::uint32_t first = 0, last = 0;
  };
  Children children_of(std::uint32_t node) const {
    const HotNode& h = hot[node];
    return is_composite(h.kind) ? Children{h.a, h.a + h.b} : Children{};
  }
  // A rule's guards as fact ids, whichever way the rule keeps them (always_known left out).
  std::vector<FactId> guard_facts(const HotRule& r) const {
    std::vector<FactId> facts;
    for (std::size_t k = 0; k < HotRule::kGuards; ++k) {
      if (!guard_masks) {
        if (r.guards[k] != always_known) facts.push_back(r.guards[k]);
        continue;
      }
      for (std::uint32_t bits = r.guards[k]; bits != 0; bits &= bits - 1)
        facts.push_back(static_cast<FactId>(k * 32 + static_cast<std::size_t>(std::countr_zero(bits))));
    }
    return facts;
  }
  // A comparison's right operand when it is a fact (through a function); kNone otherwise.
  FactId right_fact_of(std::uint32_t node) const { return hot[node].kind == CondKind::compare ? hot[node].a : kNone; }
};

struct CompiledPattern {
  CauseId cause = kNone;
  std::string source;  // as written in the KB
  LiteralPlan plan;    // when not exact, MatchTables::regexes decides what it lets through
};

// For the interview: which rules read each fact, and the answers worth trying for each
// (telling_answers). A date answer is stored as an offset from the profile's `as_of`.
struct InterviewTables {
  std::vector<std::vector<RuleId>> rules_of_fact;  // by FactId, in rule order
  std::vector<std::vector<FactValue>> answers;     // by FactId
  std::vector<std::vector<bool>> relative;         // by FactId: answer's time is as_of + time
};

// By pattern: null where the plan is exact; otherwise the case-insensitive expression that
// decides the messages the plan lets through. Compiled when a rejection is first matched.
using PatternRegexes = std::vector<std::unique_ptr<icu::RegexPattern>>;

struct MatchTables {
  std::vector<CompiledPattern> patterns;  // every cause's message patterns, by cause
  Lazy<PatternRegexes> regexes;
  TermMatcher pattern_literals;                 // the literals of every pattern's plan
  PlanIndex pattern_index;                      // which patterns a message's literals can start
  std::vector<std::uint32_t> cause_name_order;  // cause id → its place among causes sorted by name
  std::uint64_t instance = 0;                   // distinguishes models in per-thread caches
  std::vector<TermMatcher> term_lists;          // by term-list index, over normalised terms
  ListsMatcher all_term_lists;                  // which lists a text hits, in one pass
  std::vector<TermMatcher> term_lists_compact;  // for is_any: whole-text equality
  std::vector<std::vector<std::string>> normalized_terms;
  TermMatcher regions;                         // every province name and city (mentions_region)
  std::vector<std::int32_t> region_province;   // term index of `regions` → province index
  TermMatcher places;                          // names, cities and every division (province())
  std::vector<std::int32_t> place_province;    // term index of `places` → province index
  Lazy<std::vector<std::string>> place_names;  // as the KB writes them, for "did you mean"
  std::vector<std::string> province_names;     // by province index
  std::vector<bool> fact_needs_regions;        // facts read by province() or mentions_region()
  Lazy<InterviewTables> interview;
};

}  // namespace mpadvisor::engine
