// Evidence as applicants read it: a fact with a title is named by it, its value in words (yes
// or no, a choice's words, quoted texts, "none" for an empty set); a fact without a title
// keeps the KB's notation.
#include <gtest/gtest.h>

#include "mpadvisor/render/diagnosis.hpp"
#include "support/kb.hpp"

namespace mpadvisor::render {
namespace {

using engine::Lang;

const char* const kKb = R"(
goal release
fact entity : enum(personal, enterprise) {
  title zh "主体类型" en "Subject type"
  choice personal zh "个人" en "A private person"
}
fact name : text { title zh "名称" en "Name" }
fact aliases : list { title zh "曾用名" en "Former names" }
fact proofs : set(permit, social) {
  title zh "居住证明" en "Proofs of residence"
  choice social zh "社保证明" en "Social-security record"
}
fact certified : bool { title zh "已认证" en "Certified" }
fact filed_count : number
step release { title zh "发布" en "Release" actor applicant }
cause blocked_here {
  title zh "受阻" en "Blocked"
  explain zh "说明。" en "Why."
  fix zh "改。" en "Change it."
  source "https://example.org" checked 2026-11-27 certainty official
}
rule release.all at release {
  when entity == personal and name == "悦心" and aliases has "旧名" and not certified
       and not (proofs has permit) and filed_count < 3
  block blocked_here
  source "https://example.org" checked 2026-11-27 certainty official
}
)";

std::string evidence_of(const char* profile, Lang lang) {
  static auto const model = testing::model_from(kKb);
  engine::Diagnosis const d = engine::diagnose(*model, testing::profile_from(*model, profile));
  return diagnosis_text(*model, d, {lang, false, false});
}

const char* const kProfile =
    R"({"entity": "personal", "name": "悦心", "aliases": ["旧名", "另一个"], "certified": false,
        "proofs": ["social"], "filed_count": 1})";

TEST(Evidence, FactsWithATitleAreNamedByItAndTheirValuesInWords) {
  std::string const zh = evidence_of(kProfile, Lang::zh);
  for (const char* line : {"依据：主体类型：个人 ", "依据：名称：“悦心” ", "依据：曾用名：“旧名”、“另一个” ",
                           "依据：已认证：否 ", "依据：居住证明：社保证明 ", "依据：filed_count = 1 "}) {
    EXPECT_NE(zh.find(line), std::string::npos) << line << "\n" << zh;
  }
  std::string const en = evidence_of(kProfile, Lang::en);
  for (const char* line : {"Evidence: Subject type: A private person ", "Evidence: Name: \"悦心\" ",
                           "Evidence: Former names: \"旧名\", \"另一个\" ", "Evidence: Certified: no ",
                           "Evidence: Proofs of residence: Social-security record ", "Evidence: filed_count = 1 "}) {
    EXPECT_NE(en.find(line), std::string::npos) << line << "\n" << en;
  }
}

TEST(Evidence, AnEmptySetReadsNone) {
  char const* const no_proofs =
      R"({"entity": "personal", "name": "悦心", "aliases": ["旧名"], "certified": false, "proofs": [],
          "filed_count": 1})";
  EXPECT_NE(evidence_of(no_proofs, Lang::zh).find("依据：居住证明：无 "), std::string::npos);
  EXPECT_NE(evidence_of(no_proofs, Lang::en).find("Evidence: Proofs of residence: none "), std::string::npos);
}

// A step's state by the step's title; a moment as the plan's timeline writes it.
TEST(Evidence, AStepByItsTitleAndAMomentToTheMinute) {
  static auto const model = testing::model_from(R"(
goal verify
fact sms_at : datetime { title zh "收到短信的时间" en "SMS received at" }
fact as_of : datetime { derived }
step review { title zh "初审" en "First review" actor platform }
step verify { title zh "短信核验" en "SMS check" actor applicant requires review }
cause late {
  title zh "超时" en "Too late"
  explain zh "说明。" en "Why."
  fix zh "改。" en "Change it."
  source "https://example.org" checked 2026-11-27 certainty official
}
rule verify.late at verify {
  when known(sms_at) and hours_since(sms_at) > 24 and not done(review)
  block late
  source "https://example.org" checked 2026-11-27 certainty official
}
)");
  char const* const profile = R"({"sms_at": "2026-11-25T09:00:00", "as_of": "2026-11-27T10:00"})";
  engine::Diagnosis const d = engine::diagnose(*model, testing::profile_from(*model, profile));
  std::string const zh = diagnosis_text(*model, d, {Lang::zh, false, false});
  EXPECT_NE(zh.find("依据：收到短信的时间：2026-11-25 09:00 "), std::string::npos) << zh;
  EXPECT_NE(zh.find("依据：初审 (review) 未完成 "), std::string::npos) << zh;
  std::string const en = diagnosis_text(*model, d, {Lang::en, false, false});
  EXPECT_NE(en.find("Evidence: First review (review) is not done "), std::string::npos) << en;
}

}  // namespace
}  // namespace mpadvisor::render
