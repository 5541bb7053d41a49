// Suggested values for a fix's `change F suggest …`: a new name made from the applicant's own
// (the words rules objected to dropped, a word showing personal use added), or a term of a
// list (a category). Only values that pass every rule reading F are offered.
#include <algorithm>
#include <string_view>

#include "compiled.hpp"
#include "evaluator.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "plan/planner_detail.hpp"
#include "profile/value_builder.hpp"

namespace mpadvisor::engine::plan_detail {
namespace {

bool has_wide(std::string_view text) {
  bool wide = false;
  base::utf8::for_each(text, [&](char32_t c, std::size_t, std::size_t) { wide |= base::utf8::column_width(c) == 2; });
  return wide;
}

// Separators left at the ends of a name once words are cut out of it.
std::string trim(std::string s) {
  static constexpr std::string_view kSeparators[] = {" ", "-", "_", "|", "·", "、", "，", ",", "（", "）", "(", ")"};
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view sep : kSeparators) {
      if (s.size() >= sep.size() && std::string_view(s).substr(0, sep.size()) == sep) {
        s.erase(0, sep.size());
        changed = true;
      }
      if (s.size() >= sep.size() && std::string_view(s).substr(s.size() - sep.size()) == sep) {
        s.erase(s.size() - sep.size());
        changed = true;
      }
    }
  }
  return s;
}

// Where the terms of positive `contains_any` / `is_any` tests on `fact` occur in its text:
// the words the rule objects to (a test under `not` wants the words, so it is skipped).
void objected_ranges(const Model& model, const FactValue& value, FactId fact, std::uint32_t node, bool positive,
                     std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  const CompiledConditions& cc = model.conditions();
  const HotNode& n = cc.hot[node];
  bool const inner = n.kind == CondKind::negation ? !positive : positive;
  for (auto [child, last] = cc.children_of(node); child < last; ++child)
    objected_ranges(model, value, fact, child, inner, out);
  if (!positive || n.fact != fact) return;
  std::uint32_t const list = cc.cold[node].target;
  if (n.kind == CondKind::contains_any) {
    std::string buffer;
    for (const TermHit& hit : model.match_tables().term_lists[list].find_all(value.searchable_text(buffer)))
      out.push_back(original_range(value.text, hit.begin, hit.end));
  } else if (n.kind == CondKind::is_any &&
             model.match_tables().term_lists_compact[list].find_exact(value.compact) >= 0) {
    out.emplace_back(0, static_cast<std::uint32_t>(value.text.size()));
  }
}

// The applicant's text without the words any rule reading it objects to (a value is offered
// only if it passes them all, so every such word has to go).
std::string core_of(const Model& model, FactId fact, const FactValue& value) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cut;
  for (RuleId r : model.match_tables().interview.get().rules_of_fact[fact]) {
    std::uint32_t const root = model.conditions().roots[model.rules()[r].condition];
    objected_ranges(model, value, fact, root, true, cut);
  }
  std::sort(cut.begin(), cut.end());
  const std::string& text = value.text;
  std::string out;
  std::uint32_t at = 0;
  for (auto [begin, end] : cut) {
    if (end > text.size()) continue;
    if (begin > at) out += text.substr(at, begin - at);
    at = std::max(at, end);
  }
  if (at < text.size()) out += text.substr(at);
  return trim(out);
}

// Names to try, most natural first: the core with one word, then with two.
std::vector<std::string> name_candidates(const std::string& core, const std::vector<std::string>& words, bool chinese) {
  std::vector<std::string> usable;
  for (const std::string& w : words) {
    if (has_wide(w) == chinese && core.find(w) == std::string::npos) usable.push_back(w);
  }
  std::string const join = chinese ? "" : " ";
  auto glue = [&](const std::string& a, const std::string& b) { return a.empty() ? b : a + join + b; };
  std::vector<std::string> out;
  out.reserve(usable.size() * usable.size());
  for (const std::string& w : usable) out.push_back(glue(core, w));
  for (const std::string& a : usable) {
    for (const std::string& b : usable) {
      if (a != b && a.find(b) == std::string::npos && b.find(a) == std::string::npos)
        out.push_back(glue(glue(core, a), b));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> suggest_values(const Model& model, const Profile& profile, const FactChange& change,
                                        std::size_t limit) {
  const FactValue& current = profile.facts[change.fact];
  const std::vector<std::string>& terms = model.term_lists()[change.list].terms;
  std::vector<std::string> tries;
  if (change.suggest == SuggestMode::from) {
    tries = terms;
  } else {
    if (!current.known) return {};
    tries = name_candidates(core_of(model, change.fact, current), terms, has_wide(current.text));
  }

  const std::vector<RuleId>& readers = model.match_tables().interview.get().rules_of_fact[change.fact];
  Profile trial = profile;
  std::vector<std::string> out;
  constexpr std::size_t kMaxTries = 64;  // enough for every single word and the first pairs
  for (std::size_t i = 0; i < tries.size() && i < kMaxTries && out.size() < limit; ++i) {
    const std::string& value = tries[i];
    if (current.known && value == current.text) continue;
    try {
      trial.facts[change.fact] = profile_detail::ValueBuilder(model, change.fact).string(value);
    } catch (const ProfileError&) {
      continue;  // too long for the fact, for one
    }
    Evaluator eval(model, trial);
    bool const passes = std::none_of(readers.begin(), readers.end(), [&](RuleId r) {
      const RuleInfo& rule = model.rules()[r];
      return rule.effect != Effect::wait && eval.condition(rule.condition) == Truth::yes;
    });
    if (passes) out.push_back(value);
  }
  return out;
}

}  // namespace mpadvisor::engine::plan_detail
