// Placing where someone lives on the shipped KB: every division of China, not only major
// cities, and a clear question (with a close name, if any) for a value that names no place.
#include <gtest/gtest.h>

#include "mpadvisor/engine/diagnosis.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const Model& shipped() {
  static auto model = testing::model_at(testing::source_dir() / "kb");
  return *model;
}

Diagnosis diagnose_nonlocal(const std::string& residence) {
  const Model& m = shipped();
  std::string const json = R"({"entity": "personal", "id_region": "湖南省长沙市", "residence_region": ")" + residence +
                           R"(", "filing_province": ")" + residence + R"(", "residence_proofs": []})";
  return diagnose(m, testing::profile_from(m, json));
}

bool blocked_by(const Diagnosis& d, const std::string& cause) {
  for (const BlockedStep& b : d.blockers)
    for (const Finding& f : b.causes)
      if (shipped().causes()[f.cause].name == cause) return true;
  return false;
}

const NeededFact* needed(const Diagnosis& d, const std::string& fact) {
  for (const NeededFact& n : d.needs_info)
    if (shipped().facts()[n.fact].name == fact) return &n;
  return nullptr;
}

TEST(Regions, CountyLevelPlacesFindTheirProvince) {
  // 义乌 (Zhejiang), 昆山 (Jiangsu), 顺德区 (Guangdong), 雄安新区 (Hebei), 恩施 (Hubei), 延边 (Jilin):
  // none is Hunan, so a Hunan ID needs a proof of residence in each.
  for (const char* place : {"义乌", "昆山", "顺德区", "雄安新区", "恩施", "延边", "浙江义乌市"}) {
    Diagnosis const d = diagnose_nonlocal(place);
    EXPECT_TRUE(blocked_by(d, "residence_proof_missing")) << place;
    EXPECT_EQ(needed(d, "residence_region"), nullptr) << place;
  }
  // A place in Hunan itself needs no proof.
  EXPECT_FALSE(blocked_by(diagnose_nonlocal("浏阳"), "residence_proof_missing"));
}

TEST(Regions, AValueThatNamesNoPlaceIsAskedAboutByName) {
  Diagnosis const d = diagnose_nonlocal("火星");
  const NeededFact* n = needed(d, "residence_region");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->unplaced, "火星");
  EXPECT_TRUE(n->did_you_mean.empty());  // a two-character name one character away is another name
  EXPECT_FALSE(blocked_by(d, "residence_proof_missing"));

  Diagnosis const misspelt = diagnose_nonlocal("义鸟市");
  const NeededFact* typo = needed(misspelt, "residence_region");
  ASSERT_NE(typo, nullptr);
  EXPECT_EQ(typo->unplaced, "义鸟市");
  EXPECT_EQ(typo->did_you_mean, (std::vector<std::string>{"义乌市", "义马市"}));
}

}  // namespace
}  // namespace mpadvisor::engine
