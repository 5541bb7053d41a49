#include "mpadvisor/engine/explain.hpp"

#include "evaluator.hpp"

namespace mpadvisor::engine {

ProofNode prove_rule(const Model& model, const Profile& profile, RuleId rule) {
  Evaluator eval(model, profile);
  return eval.prove(model.conditions().roots[model.rules()[rule].condition]);
}

ProofNode prove_done(const Model& model, const Profile& profile, StepId step) {
  Evaluator eval(model, profile);
  std::int32_t const when = model.steps()[step].done_when;
  if (when < 0 || profile.done[step]) {
    ProofNode p;
    p.text = kListedDone;
    p.value = truth(profile.done[step]);
    return p;
  }
  return eval.prove(model.conditions().roots[static_cast<std::uint32_t>(when)]);
}

namespace {

void collect_failing(const ProofNode& node, std::vector<const ProofNode*>& out) {
  if (node.value == Truth::yes) return;
  bool child_failed = false;
  for (const ProofNode& c : node.children) {
    // Under `not`, the child failing is what made the negation true; only descend into
    // children whose own value keeps the parent from being true.
    if (c.value != Truth::yes || node.text.rfind("not ", 0) == 0) {
      std::size_t const before = out.size();
      collect_failing(c, out);
      child_failed |= out.size() > before;
    }
  }
  if (!child_failed) out.push_back(&node);
}

}  // namespace

std::vector<const ProofNode*> failing_parts(const ProofNode& root) {
  std::vector<const ProofNode*> out;
  collect_failing(root, out);
  return out;
}

}  // namespace mpadvisor::engine
