#include "evaluator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::engine {

Evaluator::Evaluator(const Model& model, const Profile& profile, Memo* lent)
    : model_(model),
      profile_(profile),
      cc_(model.conditions()),
      tables_(model.match_tables()),
      memo_(lent != nullptr ? *lent : own_memo_.emplace()) {
  std::vector<std::uint64_t>& known = memo_.known_bits;
  known.assign(std::max<std::size_t>(model.facts().size() / 64 + 1, 2), 0);
  for (FactId f = 0; f < profile.facts.size(); ++f) known[f / 64] |= std::uint64_t{profile.facts[f].known} << (f % 64);
  known[cc_.always_known / 64] |= std::uint64_t{1} << (cc_.always_known % 64);
  known_bits_ = known.data();
  known_low_ = known[0];
  known_high_ = known[1];
  // Another model, or the stamps wrapped around: every entry back to "not computed". The term
  // hits and the descriptions are sized when first asked for, as many Evaluators (an
  // interview's or a plan's trials) never ask.
  if (memo_.model != tables_.instance || memo_.stamp == std::numeric_limits<std::uint32_t>::max()) {
    memo_.model = tables_.instance;
    memo_.stamp = 0;
    memo_.done_stamp.assign(model.steps().size(), 0);
    memo_.done.assign(model.steps().size(), 0);
    memo_.hits_stamp.clear();
    memo_.hits.clear();
    memo_.described_stamp.clear();
    memo_.described.clear();
  }
  ++memo_.stamp;
}

bool Evaluator::step_done(StepId step) const {
  std::int8_t& done = memo_.done[step];
  if (memo_.done_stamp[step] == memo_.stamp) {
    return done == 1;  // 2: `done when` conditions that ask about each other
  }
  memo_.done_stamp[step] = memo_.stamp;
  if (profile_.done[step]) {
    done = 1;
    return true;
  }
  std::int32_t const when = cc_.done_when[step];
  done = 2;
  bool const yes = when >= 0 && condition(static_cast<std::uint32_t>(when)) == Truth::yes;
  done = yes ? 1 : 0;
  return yes;
}

namespace {

Truth ordered(double a, double b, CompareOp op) {
  switch (op) {
    case CompareOp::eq:
      return truth(a == b);
    case CompareOp::ne:
      return truth(a != b);
    case CompareOp::lt:
      return truth(a < b);
    case CompareOp::le:
      return truth(a <= b);
    case CompareOp::gt:
      return truth(a > b);
    case CompareOp::ge:
      return truth(a >= b);
  }
  return Truth::unknown;
}

}  // namespace

Truth Evaluator::compare(const HotNode& n, std::uint32_t index) const {
  const FactValue& left = profile_.facts[n.fact];
  if (!left.known) return Truth::unknown;
  // The value a function yields; nullopt where it cannot be computed.
  auto apply = [&](Function fn, const FactValue& v, FactType type) -> std::optional<double> {
    switch (fn) {
      case Function::province:
        if (v.province < 0) return std::nullopt;  // a region we do not recognise
        return v.province;
      case Function::hours_since:
        return static_cast<double>(profile_.as_of - v.time) / 3600.0;
      case Function::days_since:
        return static_cast<double>(profile_.as_of - v.time) / 86400.0;
      case Function::days_until:
        return static_cast<double>(v.time - profile_.as_of) / 86400.0;
      case Function::width:
        return static_cast<double>(base::utf8::display_width(v.text));
      case Function::count:
        return static_cast<double>(type == FactType::enum_set ? std::popcount(v.set_bits) : v.list.size());
      case Function::none:
        return std::nullopt;
    }
    return std::nullopt;
  };
  if (n.left_fn() != Function::none) {
    auto a = apply(n.left_fn(), left, n.type);
    if (!a) return Truth::unknown;
    if (n.a != kNone) {  // a function of another fact on the right
      const FactValue& right = profile_.facts[n.a];
      if (!right.known) return Truth::unknown;
      auto b = apply(n.right_fn(), right, model_.facts()[n.a].type);
      return b ? ordered(*a, *b, n.op) : Truth::unknown;
    }
    return ordered(*a, n.literal.number, n.op);
  }
  switch (n.type) {
    case FactType::boolean:
      return ordered(left.boolean ? 1 : 0, n.literal.number, n.op);
    case FactType::number:
      return ordered(left.number, n.literal.number, n.op);
    case FactType::enumeration:
      return ordered(left.enum_index, n.literal.number, n.op);
    case FactType::date:
    case FactType::datetime:
      return ordered(static_cast<double>(left.time), n.literal.number, n.op);
    case FactType::text: {
      const std::vector<std::string>& texts = cc_.literals_of(index).texts;
      bool const equal = texts.empty() ? left.compact.empty() : left.compact == texts.front();
      return n.op == CompareOp::ne ? truth(!equal) : truth(equal);
    }
    default:
      return Truth::unknown;
  }
}

Truth Evaluator::leaf(const HotNode& n, std::uint32_t index) const {
  switch (n.kind) {
    case CondKind::constant:
      return truth(n.b != 0);
    case CondKind::done:
      return truth(step_done(n.a));
    case CondKind::known:
      return truth(profile_.facts[n.fact].known);
    case CondKind::compare:
      return compare(n, index);
    default:
      break;
  }
  const FactValue& v = profile_.facts[n.fact];
  if (!v.known) return Truth::unknown;
  switch (n.kind) {
    case CondKind::fact:
      return truth(v.boolean);
    case CondKind::satisfied:
      return truth((v.set_bits & n.literal.mask) != 0);
    case CondKind::mentions_region:
      return truth(v.names_region);
    case CondKind::contains_any:
      return truth(contains_any(n.fact, n.a));
    case CondKind::is_any: {
      const TermMatcher& m = tables_.term_lists_compact[n.a];
      if (n.type == FactType::text) return truth(m.find_exact(v.compact) >= 0);
      return truth(std::any_of(v.normalized_items.begin(), v.normalized_items.end(),
                               [&](const std::string& t) { return m.find_exact(t) >= 0; }));
    }
    case CondKind::has: {
      if (n.type == FactType::enum_set) return truth((v.set_bits & n.literal.mask) != 0);
      const std::vector<std::string>& texts = cc_.literals_of(index).texts;
      return truth(std::any_of(v.normalized_items.begin(), v.normalized_items.end(), [&](const std::string& item) {
        return std::find(texts.begin(), texts.end(), item) != texts.end();
      }));
    }
    case CondKind::in: {
      if (n.type == FactType::enumeration) return truth(((n.literal.mask >> v.enum_index) & 1u) != 0);
      const NodeLiterals& full = cc_.literals_of(index);
      if (n.type == FactType::number) {
        return truth(std::find(full.numbers.begin(), full.numbers.end(), v.number) != full.numbers.end());
      }
      return truth(std::find(full.texts.begin(), full.texts.end(), v.compact) != full.texts.end());
    }
    default:
      return Truth::unknown;
  }
}

// One pass per text over every list's terms, the first time a diagnosis asks about the fact;
// each later `fact contains_any list` is a bit test.
bool Evaluator::contains_any(FactId fact, std::uint32_t list) const {
  const ListsMatcher& lists = tables_.all_term_lists;
  std::size_t const words = lists.words();
  if (memo_.hits_stamp.empty()) {
    memo_.hits_stamp.assign(model_.facts().size(), 0);
    memo_.hits.assign(model_.facts().size() * words, 0);
  }
  std::uint64_t* mask = memo_.hits.data() + fact * words;
  if (memo_.hits_stamp[fact] != memo_.stamp) {
    std::fill(mask, mask + words, 0);
    const FactValue& v = profile_.facts[fact];
    if (model_.facts()[fact].type == FactType::text) {
      lists.hits(v.searchable_text(memo_.text), mask);
    } else {
      for (const std::string& t : v.item_texts) lists.hits(t, mask);
    }
    memo_.hits_stamp[fact] = memo_.stamp;
  }
  return ((mask[list / 64] >> (list % 64)) & 1u) != 0;
}

Truth Evaluator::eval(std::uint32_t index) const {
  const HotNode& n = cc_.hot[index];
  switch (n.kind) {
    case CondKind::all: {
      Truth t = Truth::yes;
      for (std::uint32_t k = 0; k < n.b && t != Truth::no; ++k) t = t && eval(n.a + k);
      return t;
    }
    case CondKind::any: {
      Truth t = Truth::no;
      for (std::uint32_t k = 0; k < n.b && t != Truth::yes; ++k) t = t || eval(n.a + k);
      return t;
    }
    case CondKind::negation:
      return !eval(n.a);
    default:
      return leaf(n, index);
  }
}

void Evaluator::unknown_facts(std::uint32_t index, std::vector<FactId>& out) const {
  if (eval(index) != Truth::unknown) return;
  const HotNode& n = cc_.hot[index];
  if (is_composite(n.kind)) {
    for (auto [c, last] = cc_.children_of(index); c < last; ++c) unknown_facts(c, out);
    return;
  }
  FactId const right_fact = cc_.right_fact_of(index);
  // A fact is needed when it has no value, or when province() cannot place the value it has.
  auto unplaced = [&](FactId f) {
    bool const placed_by_province =
        (f == n.fact && n.left_fn() == Function::province) || (f == right_fact && n.right_fn() == Function::province);
    return placed_by_province && profile_.facts[f].province < 0;
  };
  for (FactId f : {n.fact, right_fact}) {
    if (f == kNone || (profile_.facts[f].known && !unplaced(f))) continue;
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
}

Evidence Evaluator::fact_evidence(FactId fact, std::uint32_t index, Truth value) const {
  Evidence e;
  e.fact = model_.facts()[fact].name;
  if (memo_.described_stamp.empty()) {
    memo_.described_stamp.assign(model_.facts().size(), 0);
    memo_.described.assign(model_.facts().size(), {});
  }
  if (memo_.described_stamp[fact] != memo_.stamp) {
    memo_.described[fact] = describe_value(model_, fact, profile_.facts[fact]);
    memo_.described_stamp[fact] = memo_.stamp;
  }
  e.value = memo_.described[fact];
  e.test = cc_.text_of(index);
  e.outcome = value;
  const FactValue& v = profile_.facts[fact];
  e.known = v.known;
  if (cc_.hot[index].kind == CondKind::contains_any && v.known && value == Truth::yes) {
    std::uint32_t const list = cc_.cold[index].target;
    const TermMatcher& m = tables_.term_lists[list];
    auto record = [&](std::string_view normalized, const std::string& original) {
      TermHit hit;
      if (!m.find_first(normalized, &hit)) return false;
      auto [begin, end] = original_range(original, hit.begin, hit.end);
      e.match = TermMatch{model_.term_lists()[list].name, model_.term_lists()[list].terms[hit.term],
                          original.substr(begin, end - begin), begin, end};
      return true;
    };
    if (model_.facts()[fact].type == FactType::text) {
      record(v.searchable_text(memo_.text), v.text);
    } else {
      for (std::size_t i = 0; i < v.item_texts.size() && !record(v.item_texts[i], v.list[i]); ++i) {
      }
    }
  }
  return e;
}

std::vector<Evidence> Evaluator::leaf_evidence(std::uint32_t index, Truth value) const {
  std::vector<Evidence> out;
  CondKind const kind = cc_.hot[index].kind;
  if (kind == CondKind::done || kind == CondKind::constant) {
    if (kind == CondKind::done) {
      Evidence e;
      e.fact = "done";
      e.value = model_.steps()[cc_.cold[index].target].name;
      e.test = cc_.text_of(index);
      e.outcome = value;
      out.push_back(std::move(e));
    }
    return out;
  }
  for (FactId f : {cc_.hot[index].fact, cc_.right_fact_of(index)}) {
    if (f != kNone) out.push_back(fact_evidence(f, index, value));
  }
  return out;
}

void Evaluator::evidence(std::uint32_t index, std::vector<Evidence>& out) const {
  CondKind const kind = cc_.hot[index].kind;
  Truth const value = eval(index);
  if (!is_composite(kind)) {
    // A condition may ask the same test twice (in two branches); it is evidence once.
    for (Evidence& e : leaf_evidence(index, value)) {
      bool const seen = std::any_of(out.begin(), out.end(), [&](const Evidence& o) {
        return o.fact == e.fact && o.test == e.test && o.value == e.value;
      });
      if (!seen) out.push_back(std::move(e));
    }
    return;
  }
  // The children that decided the value: for a true `and` all of them, for a true `or` the
  // true ones, for a false `and` the false ones, for a false `or` all of them.
  for (auto [c, last] = cc_.children_of(index); c < last; ++c) {
    Truth const cv = eval(c);
    bool const decisive = kind == CondKind::negation ||
                          (kind == CondKind::all && (value == Truth::yes || cv == value)) ||
                          (kind == CondKind::any && (value == Truth::no || cv == value));
    if (decisive) evidence(c, out);
  }
}

ProofNode Evaluator::prove(std::uint32_t index) const {
  ProofNode p;
  p.text = cc_.text_of(index);
  p.value = eval(index);
  if (!is_composite(cc_.hot[index].kind)) {
    p.facts = leaf_evidence(index, p.value);
  } else {
    for (auto [c, last] = cc_.children_of(index); c < last; ++c) p.children.push_back(prove(c));
  }
  return p;
}

}  // namespace mpadvisor::engine
