// Properties that must hold whatever the KB says: a what-if without changes equals plain
// diagnosis; reordering declarations or adding an unrelated step changes no verdict.
#include <gtest/gtest.h>

#include <filesystem>
#include <iomanip>
#include <sstream>

#include "compiled.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/whatif.hpp"
#include "support/examples.hpp"
#include "support/golden.hpp"

namespace mpadvisor::engine {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const Model> shipped(const std::vector<std::string>& extra = {}, bool reverse = false) {
  dsl::LoadResult r = dsl::load(testing::source_dir() / "kb");
  if (reverse) std::reverse(r.kb.modules.begin(), r.kb.modules.end());
  for (const std::string& text : extra) r.kb.modules.push_back(dsl::load_text("extra.mpk", text).kb.modules.front());
  dsl::KbCheck checked = dsl::check_loaded(std::move(r));
  EXPECT_TRUE(checked.kb) << dsl::render_text(checked.diagnostics);
  return checked.kb ? compile(*checked.kb) : nullptr;
}

std::vector<std::string> summary(const Model& m, const Diagnosis& d) {
  std::vector<std::string> out{std::string(to_string(d.verdict))};
  for (const BlockedStep& b : d.blockers) {
    for (const Finding& f : b.causes) out.push_back(m.steps()[f.step].name + ":" + m.causes()[f.cause].name);
  }
  std::sort(out.begin() + 1, out.end());
  return out;
}

TEST(Metamorphic, ReorderedModulesAndAnUnrelatedStepChangeNoVerdict) {
  auto base = shipped();
  auto reordered = shipped({"step unrelated.extra { title zh \"无关\" en \"Unrelated\" }\n"}, true);
  ASSERT_FALSE(testing::example_paths().empty());
  for (const fs::path& example : testing::example_paths()) {
    std::string text = testing::read_text(example);
    Diagnosis a = diagnose(*base, parse_profile(*base, text, 0));
    Diagnosis b = diagnose(*reordered, parse_profile(*reordered, text, 0));
    EXPECT_EQ(summary(*base, a), summary(*reordered, b)) << example;
  }
}

// Everything a diagnosis says, as text, for comparing two of them.
std::string everything(const Model& m, const Diagnosis& d) {
  std::ostringstream out;
  out << to_string(d.verdict) << "\n";
  for (StepId s = 0; s < d.status.size(); ++s) {
    if (d.in_scope[s]) out << m.steps()[s].name << " " << to_string(d.status[s]) << "\n";
  }
  auto findings = [&](const char* kind, const std::vector<Finding>& list) {
    for (const Finding& f : list) {
      out << kind << " " << m.rules()[f.rule].name << " " << to_string(f.value);
      for (const Evidence& e : f.evidence) out << " | " << e.fact << "=" << e.value << " " << e.test;
      out << "\n";
    }
  };
  for (const BlockedStep& b : d.blockers) findings(b.root ? "root" : "blocker", b.causes);
  findings("warning", d.warnings);
  findings("waiting", d.waiting);
  findings("undetermined", d.undetermined);
  for (const NeededFact& n : d.needs_info) out << "needs " << m.facts()[n.fact].name << "\n";
  for (StepId s : d.next_steps) out << "next " << m.steps()[s].name << "\n";
  return out.str();
}

// The shipped KB after `count` facts that no rule reads, declared first so that the KB's own
// facts get the ids after them.
std::shared_ptr<const Model> shipped_after_unused_facts(int count) {
  std::string text;
  for (int i = 0; i < count; ++i)
    text += "fact unused_" + std::to_string(i) + " : bool { question zh \"无关\" en \"Unused\" }\n";
  dsl::LoadResult r = dsl::load(testing::source_dir() / "kb");
  r.kb.modules.insert(r.kb.modules.begin(), dsl::load_text("unused.mpk", text).kb.modules.front());
  dsl::KbCheck checked = dsl::check_loaded(std::move(r));
  EXPECT_TRUE(checked.kb) << dsl::render_text(checked.diagnostics);
  return checked.kb ? compile(*checked.kb) : nullptr;
}

// A rule's known() guards are tested through a mask of facts in a model of fewer than 128
// facts, and through the facts' ids in a larger one. Facts no rule reads, which move the KB's
// own facts to other ids (past the mask's first word) or past the mask's reach, change nothing.
TEST(Metamorphic, UnusedFactsChangeNoDiagnosisWhereverTheGuardsAreTested) {
  auto base = shipped();
  auto upper_half = shipped_after_unused_facts(70);  // the KB's facts at ids 70 and on
  auto by_id = shipped_after_unused_facts(90);       // more than 128 facts
  ASSERT_TRUE(base && upper_half && by_id);
  EXPECT_TRUE(base->conditions().guard_masks);
  EXPECT_TRUE(upper_half->conditions().guard_masks);
  EXPECT_FALSE(by_id->conditions().guard_masks);
  ASSERT_FALSE(testing::example_paths().empty());
  for (const fs::path& example : testing::example_paths()) {
    std::string const text = testing::read_text(example);
    std::string const expected = everything(*base, diagnose(*base, parse_profile(*base, text, 0)));
    for (const auto& other : {upper_half, by_id})
      EXPECT_EQ(everything(*other, diagnose(*other, parse_profile(*other, text, 0))), expected) << example;
  }
}

// A fact's current value as command-line text (--set), or nullopt when it has none that
// reads back the same (unknown facts; list items holding the separator).
std::optional<std::string> as_text(const Model& m, FactId id, const FactValue& v) {
  if (!v.known) return std::nullopt;
  switch (m.facts()[id].type) {
    case FactType::boolean:
      return v.boolean ? "true" : "false";
    case FactType::number: {
      std::ostringstream out;
      out << std::setprecision(17) << v.number;
      return out.str();
    }
    case FactType::text_list:
    case FactType::enum_set: {
      std::string out;
      for (const std::string& item : v.list) {
        if (item.find(',') != std::string::npos) return std::nullopt;
        out += (out.empty() ? "" : ",") + item;
      }
      return out;
    }
    default:
      return v.text;
  }
}

// Setting a fact to the value it already has is no change: the what-if's "after" equals a
// plain diagnosis, fact by fact, on every example.
TEST(Metamorphic, SettingAFactToItsCurrentValueChangesNothing) {
  auto m = shipped();
  std::size_t edits = 0;
  for (const fs::path& example : testing::example_paths()) {
    Profile const p = parse_profile(*m, testing::read_text(example), 0);
    std::string const plain = everything(*m, diagnose(*m, p));
    for (FactId f = 0; f < m->facts().size(); ++f) {
      std::optional<std::string> const text = as_text(*m, f, p.facts[f]);
      if (!text) continue;
      WhatIf const w = what_if(*m, p, {{f, false, *text}});
      EXPECT_EQ(everything(*m, w.after), plain) << example << ": " << m->facts()[f].name << " = " << *text;
      EXPECT_TRUE(w.resolved.empty() && w.introduced.empty()) << example;
      ++edits;
    }
  }
  EXPECT_GT(edits, 100u);
}

}  // namespace
}  // namespace mpadvisor::engine
