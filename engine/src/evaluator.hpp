// Three-valued evaluation of compiled conditions against one profile. An Evaluator lives
// for one diagnosis; it memoises which steps are done (conditions may ask `done(S)`), which
// term lists each text hits, and how each fact is described.
#pragma once

#include <optional>
#include <vector>

#include "compiled.hpp"
#include "mpadvisor/engine/explain.hpp"
#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine {

class Evaluator;

// What an Evaluator remembers during one diagnosis, sized by the KB. A batch diagnoses line
// after line on one thread: it keeps one Memo and lends it to each line's Evaluator, which
// then neither allocates nor clears arrays by the KB's size. Each entry carries the number of
// the Evaluator that wrote it; an entry of an earlier one reads as not yet computed. A memo
// serves one Evaluator at a time: lend it to the next only once the last is done with.
class EvaluatorMemo {
  friend class Evaluator;
  std::uint64_t model = 0;  // the model's instance number the arrays are sized for
  std::uint32_t stamp = 0;  // the current Evaluator's number
  // By FactId: the profile gives the fact; and one more bit, always set (always_known).
  // Written afresh by each Evaluator.
  std::vector<std::uint64_t> known_bits;
  std::vector<std::uint32_t> done_stamp;  // by StepId
  std::vector<std::int8_t> done;          // 0 no, 1 yes, 2 computing
  // Which term lists each text fact hits, found once per diagnosis (many rules ask the same
  // question): by fact, ListsMatcher::words() words of list bits.
  std::vector<std::uint32_t> hits_stamp;  // by FactId
  std::vector<std::uint64_t> hits;
  std::string text;  // a text normalised for a search (FactValue::searchable_text)
  // Facts described for evidence (many findings cite the same fact).
  std::vector<std::uint32_t> described_stamp;  // by FactId
  std::vector<std::string> described;
};

class Evaluator {
 public:
  // At namespace scope (EvaluatorMemo), so that it is a complete type where Evaluator holds
  // an optional one.
  using Memo = EvaluatorMemo;

  Evaluator(const Model& model, const Profile& profile) : Evaluator(model, profile, nullptr) {}
  Evaluator(const Model& model, const Profile& profile, Memo& memo) : Evaluator(model, profile, &memo) {}
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Truth condition(std::uint32_t index) const { return eval(cc_.roots[index]); }
  // Whether every guard of the rule (HotRule) is known, without a branch.
  bool guards_hold(const HotRule& r) const {
    if (cc_.guard_masks) {
      std::uint64_t const low = r.guards[0] | std::uint64_t{r.guards[1]} << 32;
      std::uint64_t const high = r.guards[2] | std::uint64_t{r.guards[3]} << 32;
      return ((known_low_ & low) == low) & ((known_high_ & high) == high);
    }
    bool hold = true;
    for (FactId g : r.guards) hold &= ((known_bits_[g / 64] >> (g % 64)) & 1u) != 0;
    return hold;
  }
  // A rule's value: false at once when a guard is unknown, which in a profile that leaves facts
  // out is most rules, and their nodes are then never read.
  Truth rule(const HotRule& r) const { return guards_hold(r) ? given_guards(r) : Truth::no; }
  // A rule's value when its guards hold: its remaining conjuncts.
  Truth given_guards(const HotRule& r) const {
    if (r.conjunct_count == HotRule::kWholeCondition) return eval(r.root);
    Truth t = Truth::yes;
    for (std::uint8_t k = 0; k < r.conjunct_count && t != Truth::no; ++k) t = t && eval(r.conjuncts[k]);
    return t;
  }
  Truth eval(std::uint32_t node) const;
  bool step_done(StepId step) const;

  // The proof tree of a node: each sub-condition's value, and for tests the facts read.
  ProofNode prove(std::uint32_t node) const;
  // Facts whose being unknown leaves the node unknown (nothing for a decided node).
  void unknown_facts(std::uint32_t node, std::vector<FactId>& out) const;
  // The facts that support the node's value (the leaves a reader needs to see).
  void evidence(std::uint32_t node, std::vector<Evidence>& out) const;

 private:
  Evaluator(const Model& model, const Profile& profile, Memo* lent);
  Truth leaf(const HotNode& n, std::uint32_t index) const;
  Truth compare(const HotNode& n, std::uint32_t index) const;
  std::vector<Evidence> leaf_evidence(std::uint32_t index, Truth value) const;
  Evidence fact_evidence(FactId fact, std::uint32_t index, Truth value) const;

  const Model& model_;
  const Profile& profile_;
  const CompiledConditions& cc_;
  const MatchTables& tables_;
  // Made only when none is lent: a batch's diagnoses, each with an Evaluator, would otherwise
  // make and destroy an unused memo apiece.
  std::optional<Memo> own_memo_;
  Memo& memo_;
  const std::uint64_t* known_bits_;               // memo_.known_bits
  std::uint64_t known_low_ = 0, known_high_ = 0;  // its first two words (guard masks)
  bool contains_any(FactId fact, std::uint32_t list) const;
};

}  // namespace mpadvisor::engine
