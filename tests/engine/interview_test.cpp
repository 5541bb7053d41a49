// The question engine: it asks only what can still change the answer, blocking rules first,
// and once it says "settled" no answer to the remaining facts changes the verdict or the
// root blockers.
#include "mpadvisor/engine/interview.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "support/examples.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

namespace fs = std::filesystem;

const Model& shipped() {
  static auto m = testing::model_at(testing::source_dir() / "kb");
  return *m;
}

// What must not change: the verdict and the root blockers with their causes.
std::set<std::string> outcome(const Model& m, const Profile& p) {
  DiagnoseOptions options;
  options.evidence = false;
  Diagnosis const d = diagnose(m, p, options);
  std::set<std::string> out{std::string(to_string(d.verdict))};
  for (const BlockedStep& b : d.blockers) {
    if (!b.root) continue;
    for (const Finding& f : b.causes) out.insert(m.steps()[b.step].name + ":" + m.causes()[f.cause].name);
  }
  return out;
}

// The example's facts withheld: only what the interview does not ask (done steps, as_of).
Profile start_of(const Model& m, const Profile& full) {
  Profile p = empty_profile(m, full.as_of);
  p.done = full.done;
  if (auto as_of = m.find_fact("as_of")) p.facts[*as_of] = full.facts[*as_of];
  return p;
}

// Answers each question from the full example (or skips it) until the interview is settled,
// checking at every step that a fact it does not consider relevant cannot change the outcome.
struct InterviewRun {
  Profile profile;
  std::vector<FactId> skipped;
  std::size_t asked = 0;
};

InterviewRun interview(const Model& m, const Profile& full) {
  InterviewRun run{start_of(m, full), {}, 0};
  std::set<FactId> seen;
  for (;;) {
    InterviewOptions options;
    options.skipped = run.skipped;
    InterviewState const st = next_question(m, run.profile, options);
    if (st.settled || !st.next) break;
    FactId const f = st.next->fact;
    EXPECT_TRUE(seen.insert(f).second) << "asked twice: " << m.facts()[f].name;
    ++run.asked;
    if (full.facts[f].known)
      run.profile.facts[f] = full.facts[f];
    else
      run.skipped.push_back(f);
  }
  return run;
}

TEST(Interview, EndsWithTheVerdictAndRootsOfTheFullExample) {
  std::size_t asked = 0, examples_seen = 0;
  for (const fs::path& example : testing::example_paths()) {
    Profile const full = parse_profile(shipped(), testing::read_text(example), 0);
    InterviewRun const run = interview(shipped(), full);
    EXPECT_EQ(outcome(shipped(), run.profile), outcome(shipped(), full)) << example;
    asked += run.asked;
    ++examples_seen;
  }
  // Far fewer questions than facts: at most three quarters of what a form would ask.
  std::size_t askable = 0;
  for (const FactInfo& f : shipped().facts()) askable += !f.derived;
  EXPECT_LE(asked * 4, examples_seen * askable * 3) << asked << " questions over " << examples_seen << " examples";
}

// Answering a fact the engine did not consider relevant never changes the verdict or the
// root blockers, whatever the answer (every telling answer is tried).
TEST(Interview, IrrelevantFactsCannotChangeTheOutcome) {
  std::size_t tried = 0;
  for (const fs::path& example : testing::example_paths()) {
    Profile const full = parse_profile(shipped(), testing::read_text(example), 0);
    InterviewRun run{start_of(shipped(), full), {}, 0};
    for (int step = 0; step < 40; ++step) {
      InterviewOptions options;
      options.skipped = run.skipped;
      std::vector<FactId> const relevant = relevant_facts(shipped(), run.profile, options);
      std::set<std::string> const before = outcome(shipped(), run.profile);
      InterviewState const now = next_question(shipped(), run.profile, options);
      for (FactId f = 0; f < shipped().facts().size(); ++f) {
        if (run.profile.facts[f].known || shipped().facts()[f].derived) continue;
        if (std::find(relevant.begin(), relevant.end(), f) != relevant.end()) continue;
        // A skipped fact is not asked again; if it still matters it is listed as assumed.
        if (std::find(run.skipped.begin(), run.skipped.end(), f) != run.skipped.end()) continue;
        for (const FactValue& answer : telling_answers(shipped(), f, run.profile.as_of)) {
          Profile changed = run.profile;
          changed.facts[f] = answer;
          EXPECT_EQ(outcome(shipped(), changed), before) << example << ": " << shipped().facts()[f].name;
          ++tried;
        }
      }
      if (!now.next) break;
      FactId const f = now.next->fact;
      if (full.facts[f].known)
        run.profile.facts[f] = full.facts[f];
      else
        run.skipped.push_back(f);
    }
  }
  EXPECT_GT(tried, 1000u);
}

// Once settled, no assignment of the remaining unknowns changes the verdict or the roots:
// every combination of telling answers is tried when there are few, a random sample otherwise.
TEST(Interview, SettledMeansNoCompletionChangesTheOutcome) {
  std::mt19937 random(20261202);
  for (const fs::path& example : testing::example_paths()) {
    Profile const full = parse_profile(shipped(), testing::read_text(example), 0);
    InterviewRun const run = interview(shipped(), full);
    InterviewOptions options;
    options.skipped = run.skipped;
    if (!next_question(shipped(), run.profile, options).settled) continue;  // skipped facts left it open
    std::set<std::string> const settled = outcome(shipped(), run.profile);
    std::vector<FactId> unknown;
    for (FactId f = 0; f < shipped().facts().size(); ++f) {
      if (!run.profile.facts[f].known && !shipped().facts()[f].derived) unknown.push_back(f);
    }
    std::vector<std::vector<FactValue>> answers;
    double combinations = 1;
    for (FactId f : unknown) {
      answers.push_back(telling_answers(shipped(), f, run.profile.as_of));
      answers.back().push_back(FactValue{});  // still unknown
      combinations *= static_cast<double>(answers.back().size());
    }
    std::size_t const samples = combinations <= 5000 ? static_cast<std::size_t>(combinations) : 5000;
    for (std::size_t s = 0; s < samples; ++s) {
      Profile completed = run.profile;
      std::size_t index = s;
      for (std::size_t i = 0; i < unknown.size(); ++i) {
        std::size_t const pick = combinations <= 5000 ? index % answers[i].size() : random() % answers[i].size();
        index /= answers[i].size();
        completed.facts[unknown[i]] = answers[i][pick];
      }
      ASSERT_EQ(outcome(shipped(), completed), settled) << example << " (combination " << s << ")";
    }
  }
}

const std::string kKb = R"(
goal s
fact entity : enum(personal, enterprise)
fact name : text
fact ok : bool
fact note : text
fact later : bool
terms commercial { "瑜伽" }
step a { title en "A" }
step s { title en "S" requires a }
cause c { title en "C" }
cause w { title en "W" }
rule a.name at a { when entity == personal and name contains_any commercial block c }
rule a.ok at a { when not ok block c }
rule s.later at s { when later block c }
rule s.note at s { when note contains_any commercial warn w }
)";

TEST(Interview, BlockingFirstThenWarningsAndNothingBehindABlocker) {
  auto m = testing::model_from(kKb);
  Profile p = empty_profile(*m, 0);
  InterviewState st = next_question(*m, p);
  ASSERT_TRUE(st.next);
  EXPECT_EQ(st.next->priority, QuestionPriority::blocking);
  EXPECT_FALSE(st.settled);
  // A bool that decides a rule whatever its answer is the cheapest, surest question.
  EXPECT_EQ(m->facts()[st.next->fact].name, "ok");
  p.facts[*m->find_fact("ok")].known = true;  // ok = false: `not ok` blocks step a
  st = next_question(*m, p);
  // a is blocked, so s's own blocking rule (later) cannot change the verdict or the roots;
  // a's other rule could only add a cause to a root that stands anyway… but it is a root's own
  // rule, still asked.
  std::vector<FactId> const relevant = relevant_facts(*m, p);
  EXPECT_EQ(std::count(relevant.begin(), relevant.end(), *m->find_fact("later")), 0);
  InterviewOptions no_warnings;
  no_warnings.warnings = false;
  std::vector<FactId> const blocking_only = relevant_facts(*m, p, no_warnings);
  EXPECT_EQ(std::count(blocking_only.begin(), blocking_only.end(), *m->find_fact("note")), 0);
}

TEST(Interview, SkippedFactsAreNotAskedAgainAndAreAssumed) {
  auto m = testing::model_from(kKb);
  Profile p = empty_profile(*m, 0);
  InterviewOptions options;
  options.skipped = {*m->find_fact("ok")};
  InterviewState const st = next_question(*m, p, options);
  ASSERT_TRUE(st.next);
  EXPECT_NE(st.next->fact, *m->find_fact("ok"));
  EXPECT_EQ(st.assumed, std::vector<FactId>{*m->find_fact("ok")});
  options.prefer = *m->find_fact("name");
  EXPECT_EQ(next_question(*m, p, options).next->fact, *m->find_fact("name"));
}

}  // namespace
}  // namespace mpadvisor::engine
