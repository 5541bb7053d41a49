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

namespace mpadvisor::engine {
namespace {

// Two stages (filing, publish) and causes the evidence can or cannot tell apart.
const std::string kRankKb = R"kb(
goal publish.review
fact entity : enum(personal, enterprise)
fact name : text
fact forum : bool
fact certified : bool
step filing.review { title en "Filing review" }
step publish.configure { title en "Configure" requires filing.review }
step publish.review { title en "Code review" requires publish.configure }
cause twin_a { title en "A" stage publish.review fix en "x" message zh "类目不符" }
cause twin_b { title en "B" stage publish.review fix en "x" message zh "类目不符" }
cause generic { title en "Generic" stage publish.review fix en "x" message zh "名称" }
cause specific { title en "Specific" stage publish.review fix en "x" message zh "名称.*商业" }
cause at_configure { title en "Configure" stage publish.configure fix en "x" message zh "配置" }
cause at_review { title en "Review" stage publish.review fix en "x" message zh "配置" }
cause forum_closed { title en "Forum" stage publish.review fix en "x" }
cause not_certified { title en "Not certified" stage filing.review fix en "x" }
cause filing_name { title en "Filing name" stage filing.review fix en "x" message zh "备案.*信息" }
rule forum at publish.review { when entity == personal and forum block forum_closed }
rule certification at filing.review { when not certified warn not_certified }
cause reminder { title en "Reminder" stage publish.review fix en "x" }
rule reminder at publish.review { when entity == enterprise warn reminder likelihood low }
)kb";

std::string name_of(const Model& m, CauseId c) { return m.causes()[c].name; }

const RankedCause* find(const Model& m, const RejectionRanking& r, std::string_view cause) {
  for (const RankedCause& c : r.causes) {
    if (m.causes()[c.cause].name == cause) return &c;
  }
  return nullptr;
}

TEST(RejectionRanking, CausesTheEvidenceCannotTellApartShareTheirRank) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise"})"));
  RejectionRanking const r = rank_rejection(*m, d, "类目不符", m->find_step("publish.review"), {});
  ASSERT_EQ(r.causes.size(), 2u);
  for (const RankedCause& c : r.causes) {
    EXPECT_EQ(c.rank, 1u);
    EXPECT_TRUE(c.tied);
  }
}

TEST(RejectionRanking, AMoreSpecificPatternBreaksATie) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise"})"));
  RejectionRanking const r = rank_rejection(*m, d, "名称含商业词汇", m->find_step("publish.review"), {});
  ASSERT_EQ(r.causes.size(), 2u);
  EXPECT_DOUBLE_EQ(r.causes[0].confidence, r.causes[1].confidence);
  EXPECT_EQ(name_of(*m, r.causes[0].cause), "specific");
  EXPECT_EQ(r.causes[0].rank, 1u);
  EXPECT_EQ(r.causes[1].rank, 2u);
  EXPECT_FALSE(r.causes[0].tied);
}

TEST(RejectionRanking, TheMessagesOwnStepBreaksATie) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise"})"));
  RejectionRanking const r = rank_rejection(*m, d, "配置有误", m->find_step("publish.review"), {});
  ASSERT_EQ(r.causes.size(), 2u);
  EXPECT_EQ(name_of(*m, r.causes[0].cause), "at_review");
  EXPECT_FALSE(r.causes[0].tied);
  // Without a stage nothing tells them apart.
  RejectionRanking const open = rank_rejection(*m, d, "配置有误", std::nullopt, {});
  EXPECT_TRUE(open.causes[0].tied);
}

// The strength in words: the message's own wording is strong evidence, a blocking rule alone
// a possible cause, a message whose cause the profile rules out a weak one.
TEST(RejectionRanking, StrengthSaysHowFirmTheEvidenceIs) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d =
      diagnose(*m, testing::profile_from(*m, R"({"entity": "personal", "forum": true, "certified": true})"));
  RejectionRanking const r = rank_rejection(*m, d, "类目不符", m->find_step("publish.review"), {});
  ASSERT_EQ(r.causes.size(), 3u);
  EXPECT_EQ(r.causes[0].strength, Strength::strong);  // the twins' message: 0.5
  const RankedCause* forum = find(*m, r, "forum_closed");
  ASSERT_NE(forum, nullptr);
  EXPECT_EQ(forum->strength, Strength::possible);  // the rule holds: 0.3
  EXPECT_EQ(forum->rank, 3u);
}

TEST(RejectionRanking, ACauseOnlyAnUndecidedRulePointsAtIsAlsoPossibleNotRanked) {
  auto m = testing::model_from(kRankKb);
  // forum unknown: the forum rule is undecided; the message names the twins.
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "personal", "certified": true})"));
  RejectionRanking const r = rank_rejection(*m, d, "类目不符", m->find_step("publish.review"), {});
  EXPECT_EQ(find(*m, r, "forum_closed"), nullptr);
  ASSERT_EQ(r.also_possible.size(), 1u);
  EXPECT_EQ(name_of(*m, r.also_possible[0].cause), "forum_closed");
  ASSERT_EQ(r.also_possible[0].facts.size(), 1u);
  EXPECT_EQ(m->facts()[r.also_possible[0].facts[0]].name, "forum");
  EXPECT_EQ(r.causes[0].rank, 1u);
}

TEST(RejectionRanking, AWarningOfAnotherStageIsNotACandidate) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise", "certified": false})"));
  ASSERT_FALSE(d.warnings.empty());  // not_certified stands at the filing review
  // A code-review message: the filing warning is no candidate.
  RejectionRanking const code = rank_rejection(*m, d, "类目不符", m->find_step("publish.review"), {});
  EXPECT_EQ(find(*m, code, "not_certified"), nullptr);
  // No stage given, but the message matches only a filing cause: judged a filing message,
  // where the warning is a candidate behind the message's own cause.
  RejectionRanking const filing = rank_rejection(*m, d, "备案信息不全", std::nullopt, {});
  EXPECT_EQ(filing.stage, "filing");
  ASSERT_EQ(filing.causes.size(), 2u);
  EXPECT_EQ(name_of(*m, filing.causes[0].cause), "filing_name");
  EXPECT_EQ(name_of(*m, filing.causes[1].cause), "not_certified");
  // Judged a code-review message from its pattern alone: the warning drops out again.
  RejectionRanking const review = rank_rejection(*m, d, "类目不符", std::nullopt, {});
  EXPECT_EQ(review.stage, "publish");
  EXPECT_EQ(find(*m, review, "not_certified"), nullptr);
}

TEST(RejectionRanking, ALowLikelihoodWarningIsNoCandidate) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise", "certified": true})"));
  ASSERT_EQ(d.warnings.size(), 1u);  // the reminder stands
  RejectionRanking const r = rank_rejection(*m, d, "类目不符", m->find_step("publish.review"), {});
  EXPECT_EQ(find(*m, r, "reminder"), nullptr);
  EXPECT_TRUE(r.also_possible.empty());
}

TEST(RejectionRanking, SimilarCasesAtOrBelowTheFloorNeverVote) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise"})"));
  RejectionRanking const zero = rank_rejection(*m, d, "无关", std::nullopt, {{7, 0.0, {"generic"}}});
  EXPECT_TRUE(zero.causes.empty());
  RejectionRanking const weak = rank_rejection(*m, d, "无关", std::nullopt, {{7, 0.8, {"generic"}}});
  EXPECT_TRUE(weak.causes.empty());
  // Far below the best case: no vote either.
  RejectionRanking const far =
      rank_rejection(*m, d, "无关", std::nullopt, {{1, 8.0, {"specific"}}, {2, 1.5, {"generic"}}});
  ASSERT_EQ(far.causes.size(), 1u);
  EXPECT_EQ(name_of(*m, far.causes[0].cause), "specific");
}

TEST(RejectionRanking, OneSimilarCaseAloneCarriesHalfTheCaseVote) {
  auto m = testing::model_from(kRankKb);
  Diagnosis const d = diagnose(*m, testing::profile_from(*m, R"({"entity": "enterprise"})"));
  RankingWeights const w;
  RejectionRanking const one = rank_rejection(*m, d, "无关", std::nullopt, {{7, 2.0, {"generic"}}});
  ASSERT_EQ(one.causes.size(), 1u);
  EXPECT_DOUBLE_EQ(one.causes[0].confidence, w.similar_case / 2);
  // Two equally similar cases that agree carry the whole vote; votes follow the scores.
  RejectionRanking const two =
      rank_rejection(*m, d, "无关", std::nullopt, {{7, 2.0, {"generic"}}, {8, 2.0, {"generic"}}});
  EXPECT_DOUBLE_EQ(two.causes[0].confidence, w.similar_case);
  RejectionRanking const split =
      rank_rejection(*m, d, "无关", std::nullopt, {{7, 3.0, {"generic"}}, {8, 2.0, {"specific"}}});
  ASSERT_EQ(split.causes.size(), 2u);
  EXPECT_NEAR(split.causes[0].confidence, w.similar_case * 3 / 6, 1e-12);
  EXPECT_NEAR(split.causes[1].confidence, w.similar_case * 2 / 6, 1e-12);
}

}  // namespace
}  // namespace mpadvisor::engine

namespace mpadvisor::engine {
namespace {

// Specificity counts the literal text of the branch that matched, not the pattern's shortest.
TEST(RejectionRanking, SpecificityIsTheMatchingBranchs) {
  auto m = testing::model_from(R"kb(
goal s
step s { title en "S" }
cause hub { title en "Hub" stage s fix en "x" message zh "只有跳转.{0,4}功能|只有跳转" }
cause loose { title en "Loose" stage s fix en "x" message zh "^只有" }
)kb");
  auto specificity = [&](std::string_view message, std::string_view cause) -> std::uint32_t {
    for (const PatternMatch& p : matching_patterns(*m, message)) {
      if (m->causes()[p.cause].name == cause) return p.specificity;
    }
    return 0;
  };
  EXPECT_EQ(specificity("打开只有跳转分享功能", "hub"), 6u);  // 只有跳转 + 功能
  EXPECT_EQ(specificity("打开只有跳转", "hub"), 4u);
  EXPECT_EQ(specificity("只有跳转", "loose"), 2u);  // decided by ICU: the plan's least
}

}  // namespace
}  // namespace mpadvisor::engine
