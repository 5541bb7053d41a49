// The interview's tables: for each fact, the rules whose conditions read it, and a few answers
// that make a difference to those conditions. Weighing a question tries each answer; the
// answers come from the conditions' own literals (enum values, the numbers compared with, a
// term of each list searched, the provinces named), so every outcome a condition can have is
// represented without trying every possible text.
#include <set>

#include "compile/builder.hpp"
#include "profile/value_builder.hpp"

namespace mpadvisor::engine {
namespace {

constexpr std::int64_t kHour = 3600, kDay = 86400;

}  // namespace

void ModelBuilder::interview_literals() {
  const CompiledConditions& cc = *model_->conditions_;
  std::vector<FactLiterals>& lit = fact_literals_;
  lit.assign(model_->facts_.size(), {});
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) {  // laid out: node i is the model's node i
    const CondNode& n = nodes_[i];
    if (n.fact == kNone) continue;
    FactLiterals& l = lit[n.fact];
    const NodeLiterals& listed = cc.literals_of(i);
    switch (n.kind) {
      case CondKind::compare:
        switch (n.left_fn) {
          case Function::none:
            if (n.right_fact != kNone) break;
            l.numbers.insert(n.right_number);
            l.times.insert(static_cast<std::int64_t>(n.right_number));
            if (!listed.texts.empty() && !listed.texts.front().empty()) l.texts.insert(listed.texts.front());
            break;
          case Function::width:
            l.width_thresholds.insert(n.right_number);
            break;
          case Function::count:
            l.count_thresholds.insert(n.right_number);
            break;
          case Function::days_since:
            l.offsets.insert(-static_cast<std::int64_t>(n.right_number * kDay));
            break;
          case Function::hours_since:
            l.offsets.insert(-static_cast<std::int64_t>(n.right_number * kHour));
            break;
          case Function::days_until:
            l.offsets.insert(static_cast<std::int64_t>(n.right_number * kDay));
            break;
          case Function::province:
            l.region = true;
            break;
        }
        if (n.right_fn == Function::province && n.right_fact != kNone) lit[n.right_fact].region = true;
        break;
      case CondKind::contains_any:
      case CondKind::is_any:
        if (!model_->term_lists_[n.target].terms.empty()) l.texts.insert(model_->term_lists_[n.target].terms.front());
        break;
      case CondKind::in:
        l.numbers.insert(listed.numbers.begin(), listed.numbers.end());
        l.texts.insert(listed.texts.begin(), listed.texts.end());
        break;
      case CondKind::has:
        l.texts.insert(listed.texts.begin(), listed.texts.end());
        break;
      case CondKind::mentions_region:
        l.region = true;
        break;
      default:
        break;
    }
  }
}

void ModelBuilder::interview_tables() {
  const CompiledConditions& cc = *model_->conditions_;
  MatchTables& t = *model_->tables_;
  std::size_t const facts = model_->facts_.size();
  InterviewTables& it = t.interview.building();
  it.rules_of_fact.assign(facts, {});
  it.answers.assign(facts, {});
  it.relative.assign(facts, {});
  for (RuleId r = 0; r < model_->rules_.size(); ++r) {
    for (FactId f : cc.facts_of[model_->rules_[r].condition]) it.rules_of_fact[f].push_back(r);
  }

  for (FactId f = 0; f < facts; ++f) {
    const FactInfo& info = model_->facts_[f];
    const FactLiterals& l = fact_literals_[f];
    std::vector<FactValue>& out = it.answers[f];
    std::vector<bool>& rel = it.relative[f];
    auto add = [&](auto&& make, bool relative = false) {
      try {
        out.push_back(make(profile_detail::ValueBuilder(*model_, f)));
        rel.push_back(relative);
      } catch (const ProfileError&) {
        // outside the fact's bounds: not an answer anyone can give
      }
    };
    switch (info.type) {
      case FactType::boolean:
        for (bool b : {true, false}) add([&](auto v) { return v.boolean(b); });
        break;
      case FactType::enumeration:
        for (const std::string& v : info.values) add([&](auto b) { return b.string(v); });
        break;
      case FactType::enum_set:
        add([&](auto b) { return b.items(std::vector<std::string>{}); });
        for (const std::string& v : info.values) add([&](auto b) { return b.items(std::vector<std::string>{v}); });
        break;
      case FactType::number: {
        std::set<double> numbers{0, 1};
        for (double n : l.numbers) numbers.insert({n - 1, n, n + 1});
        for (double n : numbers) add([&](auto b) { return b.number(n); });
        break;
      }
      case FactType::text: {
        std::set<std::string> texts{"x", std::string(40, 'x')};
        for (const std::string& s : l.texts) texts.insert(s);
        for (double w : l.width_thresholds) {
          for (double d : {-1.0, 0.0, 1.0}) {
            if (w + d > 0) texts.insert(std::string(static_cast<std::size_t>(w + d), 'x'));
          }
        }
        if (l.region) {
          // Two places in different provinces, and one no table knows.
          for (const std::string& p : {std::string("湖南省长沙市"), std::string("广东省深圳市"), std::string("火星")})
            texts.insert(p);
        }
        for (const std::string& s : texts) add([&](auto b) { return b.string(s); });
        break;
      }
      case FactType::text_list: {
        add([&](auto b) { return b.items(std::vector<std::string>{}); });
        for (const std::string& s : l.texts) add([&](auto b) { return b.items(std::vector<std::string>{s}); });
        for (double c : l.count_thresholds) {
          for (double d : {0.0, 1.0}) {
            if (c + d > 0)
              add([&](auto b) { return b.items(std::vector<std::string>(static_cast<std::size_t>(c + d), "x")); });
          }
        }
        break;
      }
      case FactType::date:
      case FactType::datetime: {
        std::set<std::int64_t> offsets{-1000 * kDay, -kDay, -kHour, 0, kHour, kDay, 1000 * kDay};
        for (std::int64_t o : l.offsets) offsets.insert({o - kHour, o + kHour});
        for (std::int64_t o : offsets) add([&](auto b) { return b.time(o, ""); }, true);
        for (std::int64_t t : l.times) add([&](auto b) { return b.time(t, ""); });
        break;
      }
    }
  }
}

}  // namespace mpadvisor::engine
