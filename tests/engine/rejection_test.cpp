// Ranking causes for a rejection message from patterns, rules and similar cases.
#include "mpadvisor/engine/rejection.hpp"

#include <gtest/gtest.h>

#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const std::string kKb = R"kb(
goal s
fact entity : enum(personal, enterprise)
fact name : text
terms commercial { "火锅" "hot pot" }
step s { title en "S" }
step t { title en "T" requires s }
cause name_commercial { title en "Commercial name" stage s fix en "Rename"
  message zh "名称.*(商业|经营)" message en "name.*commercial" }
cause category_wrong { title en "Wrong category" stage s fix en "Change it"
  message zh "类目" message en "category" }
cause other { title en "Other" stage t fix en "x" message en "other" }
rule r at s { when entity == personal and name contains_any commercial block name_commercial }
rule r2 at t { when false block other }
rule r3 at s { when false block category_wrong }
)kb";

TEST(Rejection, ChineseAndEnglishMessagesRankTheCommercialNameFirst) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal", "name": "老王火锅店"})");
  Diagnosis d = diagnose(*m, p);
  for (std::string msg :
       {"小程序名称含有商业经营性质词汇，请修改", "The name suggests commercial use; please change the category."}) {
    RejectionRanking r = rank_rejection(*m, d, msg, m->find_step("s"), {});
    ASSERT_FALSE(r.causes.empty()) << msg;
    EXPECT_EQ(m->causes()[r.causes[0].cause].name, "name_commercial") << msg;
    EXPECT_GT(r.causes[0].confidence, 0.7);
  }
}

TEST(Rejection, SimilarCasesVoteNearestFirst) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "enterprise", "name": "x"})");
  Diagnosis d = diagnose(*m, p);
  RejectionRanking r = rank_rejection(*m, d, "no pattern here", std::nullopt,
                                      {{1, 9.0, {"category_wrong"}}, {2, 5.0, {"name_commercial"}}});
  ASSERT_EQ(r.causes.size(), 2u);
  EXPECT_EQ(m->causes()[r.causes[0].cause].name, "category_wrong");
  EXPECT_EQ(r.causes[0].evidence[0].kind, EvidenceKind::similar_case);
}

TEST(Rejection, AnotherStageLowersConfidence) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "enterprise"})");
  Diagnosis d = diagnose(*m, p);
  RejectionRanking at_s = rank_rejection(*m, d, "other", m->find_step("s"), {});
  RejectionRanking at_t = rank_rejection(*m, d, "other", m->find_step("t"), {});
  ASSERT_EQ(at_s.causes.size(), 1u);
  EXPECT_LT(at_s.causes[0].confidence, at_t.causes[0].confidence);
}

// Without evidence a ranking keeps the same causes, order and confidences.
TEST(Rejection, RankingWithoutEvidenceKeepsOrderAndConfidence) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"entity": "personal", "name": "老王火锅店"})");
  Diagnosis d = diagnose(*m, p);
  std::vector<SimilarCaseInput> const similar = {{1, 9.0, {"category_wrong"}}, {2, 5.0, {"name_commercial"}}};
  RankingWeights lean;
  lean.keep_evidence = false;
  for (std::string msg : {"名称涉及商业", "category and other", ""}) {
    RejectionRanking full = rank_rejection(*m, d, msg, m->find_step("s"), similar);
    RejectionRanking bare = rank_rejection(*m, d, msg, m->find_step("s"), similar, lean);
    ASSERT_EQ(full.causes.size(), bare.causes.size()) << msg;
    ASSERT_GE(full.causes.size(), 2u) << msg;
    for (std::size_t i = 0; i < full.causes.size(); ++i) {
      EXPECT_EQ(full.causes[i].cause, bare.causes[i].cause) << msg;
      EXPECT_DOUBLE_EQ(full.causes[i].confidence, bare.causes[i].confidence) << msg;
      EXPECT_FALSE(full.causes[i].evidence.empty());
      EXPECT_TRUE(bare.causes[i].evidence.empty());
    }
  }
}

}  // namespace
}  // namespace mpadvisor::engine

namespace mpadvisor::engine {
namespace {

const std::string kFitKb = R"kb(
goal s
fact entity : enum(personal, enterprise)
fact forum : bool
fact moderated : bool
step s { title en "S" }
cause personal_only { title en "Closed to personal subjects" stage s fix en "x" message zh "个人" }
cause unmoderated { title en "Unmoderated" stage s fix en "x" message zh "主体" }
rule closed at s { when entity == personal and forum block personal_only }
rule moderation at s { when known(moderated) and not moderated block unmoderated }
)kb";

// A cause whose rule the profile makes false keeps little of its message's weight; a rule
// that is false only because a known() guard waits on an unknown fact does not count as such.
TEST(Rejection, ACauseTheProfileRulesOutLosesItsMessageWeight) {
  auto m = testing::model_from(kFitKb);
  std::string const message = "个人主体不支持该服务";
  auto ranking = [&](const std::string& profile) {
    Diagnosis const d = diagnose(*m, testing::profile_from(*m, profile));
    return rank_rejection(*m, d, message, std::nullopt, {});
  };
  auto first = [&](const std::string& profile) { return m->causes()[ranking(profile).causes.at(0).cause].name; };
  EXPECT_EQ(first(R"({"entity": "enterprise"})"), "unmoderated");  // personal_only cannot apply
  EXPECT_EQ(first(R"({"entity": "personal"})"), "personal_only");  // it may: forum is unknown
  // Both ruled out: both still named by the message, both weak.
  RejectionRanking const neither = ranking(R"({"entity": "personal", "forum": false, "moderated": true})");
  ASSERT_EQ(neither.causes.size(), 2u);
  for (const RankedCause& c : neither.causes) EXPECT_LT(c.confidence, 0.2);
}

}  // namespace
}  // namespace mpadvisor::engine
