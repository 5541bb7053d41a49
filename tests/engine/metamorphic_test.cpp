// Properties that must hold whatever the KB says: a what-if without changes equals plain
// diagnosis; reordering declarations or adding an unrelated step changes no verdict.
#include <gtest/gtest.h>

#include <filesystem>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/whatif.hpp"
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

std::vector<fs::path> examples() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "kb/examples")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
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
  ASSERT_FALSE(examples().empty());
  for (const fs::path& example : examples()) {
    std::string text = testing::read_text(example);
    Diagnosis a = diagnose(*base, parse_profile(*base, text, 0));
    Diagnosis b = diagnose(*reordered, parse_profile(*reordered, text, 0));
    EXPECT_EQ(summary(*base, a), summary(*reordered, b)) << example;
  }
}

TEST(Metamorphic, WhatIfWithoutChangesEqualsDiagnose) {
  auto m = shipped();
  for (const fs::path& example : examples()) {
    Profile p = parse_profile(*m, testing::read_text(example), 0);
    // Setting a fact to the value it already has is "no change".
    std::vector<FactEdit> none;
    WhatIf w = what_if(*m, p, none);
    EXPECT_EQ(summary(*m, w.before), summary(*m, w.after)) << example;
    EXPECT_TRUE(w.resolved.empty() && w.introduced.empty()) << example;
  }
}

}  // namespace
}  // namespace mpadvisor::engine
