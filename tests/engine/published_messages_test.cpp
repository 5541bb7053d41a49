// Rejection messages applicants and the platform published (sources beside each), against the
// shipped KB's message patterns: the notice of an unfinished build must not read as a missing
// test account, a notice header must not read as unmoderated user content, and the platform's
// own wordings find their causes. docs/research/rejection-messages.jsonl holds the full set.
#include <gtest/gtest.h>

#include "mpadvisor/engine/rejection.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const Model& shipped() {
  static auto model = testing::model_at(testing::source_dir() / "kb");
  return *model;
}

// The causes whose message patterns match (rules and past cases left aside).
std::vector<std::string> pattern_causes(const std::string& message) {
  const Model& m = shipped();
  Diagnosis const d = diagnose(m, empty_profile(m, 0));
  std::vector<std::string> out;
  for (const RankedCause& c : rank_rejection(m, d, message, std::nullopt, {}).causes) {
    for (const CauseEvidence& e : c.evidence) {
      if (e.kind == EvidenceKind::pattern) {
        out.push_back(m.causes()[c.cause].name);
        break;
      }
    }
  }
  return out;
}

bool has(const std::vector<std::string>& causes, const std::string& cause) {
  return std::find(causes.begin(), causes.end(), cause) != causes.end();
}

struct Published {
  const char* message;
  const char* cause;  // the cause the notice is about (or "" when the KB has none yet)
  std::vector<const char*> not_causes;
};

const Published kPublished[] = {
    // https://developers.weixin.qq.com/community/personal/oCJUsw0JP8QDiuwzGkLErwanaQOQ/question
    {"1:小程序内容不符合规则: (1):小程序打开只有基本功能模块,无具体运营内容,请上架内容后再提交代码审核",
     "build_unfinished",
     {"test_account_missing"}},
    // https://developers.weixin.qq.com/community/personal/oCJUsw9ICSweybyeZr6GsuDVaoug/question
    {"1:小程序可用性和完整性不符合规则: (1):打开小程序点击【会员】,出现闪退,无法体验相关功能,请优化后再提交",
     "build_unfinished",
     {"test_account_missing"}},
    // https://developers.weixin.qq.com/community/personal/oCJUsw-NAx80DWruRjIBV_AV4Eo8/fav
    {"插件进入后点击授权按钮,显示页面不存在,无法体验,请完善相关功能后再提交审核",
     "build_unfinished",
     {"test_account_missing"}},
    // https://yumi1.top/unicloud-4/
    {"审核失败: 原因存在运营内容不完整问题,违反《微信小程序平台运营规范常见拒绝情形3.3》", "build_unfinished", {}},
    // A notice header: "code review failed … does not match the function pages' content".
    // https://developers.weixin.qq.com/community/develop/doc/bfe6af1ac95062f9e53bb11d0781e2ff
    {"代码发布审核未通过,原因如下: 1:服务类目\"旅游-旅游线路_\"与你提交代码审核时设置的功能页面内容不一致",
     "category_content_mismatch",
     {"ugc_unmoderated"}},
    // https://sxl.zendesk.com/hc/zh-cn/articles/115000147502
    {"核心功能未在帐户设置中登记服务类目。", "category_content_mismatch", {}},
    // https://developers.weixin.qq.com/community/personal/oCJUsw9hO_Ac_t7YH5qt2TQTtHr0/question
    {"1:小程序内容不符合规则: (1):小程序用户信息授权描述不明确或空白,请清晰补充描述用户信息授权目的及信息收集场景",
     "privacy_guide_missing",
     {}},
    // https://github.com/zwpro/coupons/issues/22
    {"1: 小程序打开只有跳转分享功能，无具体运营内容/功能，请重新定位小程序功能", "link_hub_no_function", {}},
    // https://github.com/zwpro/coupons/issues/53
    {"不建议开发盒子形态小程序", "link_hub_no_function", {}},
    // https://github.com/zwpro/coupons/issues/15
    {"违规内容:小程序内含有对微信小程序进行排行或集中设立跳转、添加平台服务。",
     "link_hub_no_function",
     {"name_protected_word"}},
    // https://www.mpgcw.com/10285.html
    {"请根据证件住所选择相应的地区", "filing_province_not_residence", {}},
    // https://developers.weixin.qq.com/minigame/en/product/record/record_faq.html
    {"provincial and urban areas are not correct", "filing_province_not_residence", {}},
    // A category notice that names the community category, not the app's name.
    // https://developers.weixin.qq.com/community/develop/doc/000a821d46c678e4a3598241d5b000
    {"【发布】涉及提供用户自行生成内容的发布/分享/交流服务,需补充选择社交-社区/论坛类目",
     "ugc_category_missing",
     {"name_needs_qualified_category"}},
    // https://wxopen.club/topic/5e1d99f8049714f9291f90af
    {"服务涉及个人小程序未允许内容,建议申请企业主体小程序金融类目", "personal_finance_closed", {}},
    // A category name that holds the word for finance is not the finance cause.
    // https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/code/audit_event.html
    {"2:服务类目\"金融业-保险_\"与你提交代码审核时设置的功能页面内容不一致",
     "category_content_mismatch",
     {"personal_finance_closed"}},
    // "content the platform does not allow: burn after reading" is not fortune telling.
    // https://developers.weixin.qq.com/community/personal/oCJUsw9ICSweybyeZr6GsuDVaoug/question
    {"(1):涉及平台未允许的内容:阅后即焚。", "platform_disallowed_feature", {"fortune_telling_forbidden"}},
    // "Business scope" (经营范围) is about an organisation's registered scope, not a commercial name.
    // https://www.mpgcw.com/10285.html
    {"小程序名称与单位经营范围无关", "name_unrelated_to_business_scope", {"name_commercial"}},
    // The "audio/video" in a list of user content is not a video service.
    // https://github.com/markexin/react-wx
    {"(1):你好,你的小程序涉及用户自行生成内容(文字、图片、音/"
     "视频)的记录、分享,属社交-笔记范畴,为个人主体小程序未开放类目",
     "personal_ugc_closed",
     {"personal_video_closed"}},
    // A complaint about content already published is not user-published content.
    // https://github.com/zwpro/coupons/issues/15
    {"你好,因用户投诉并经平台审核,发现帐号已发布的服务含有虚拟支付功能,属于平台不支持开放的服务范围",
     "virtual_payment_not_allowed",
     {"personal_ugc_closed", "personal_payment_unavailable"}},
    // The location API's application wording.
    // https://developers.weixin.qq.com/community/develop/doc/000c82eed000e0efb112aa79f6ac00
    {"业务场景不符合要求", "location_api_restricted", {}},
    // The official name check's wording for another subject's name.
    // https://developers.weixin.qq.com/doc/oplatform/openApi/miniprogram-management/basic-info-management/api_checknickname
    {"你申请的名称可能涉及特定主体姓名或名称,请提供可确认主体材料与名称对应的材料,或提供《商标注册证》等其他材料",
     "name_trademark_proof",
     {}},
};

TEST(PublishedMessages, FindTheirCauseAndNotTheOverBroadOnes) {
  for (const Published& p : kPublished) {
    std::vector<std::string> const causes = pattern_causes(p.message);
    if (*p.cause != '\0') {
      EXPECT_TRUE(has(causes, p.cause)) << p.message << " should match " << p.cause;
    }
    for (const char* wrong : p.not_causes) EXPECT_FALSE(has(causes, wrong)) << p.message << " matched " << wrong;
  }
}

// The tightened patterns still find what they were written for.
TEST(PublishedMessages, TightenedPatternsKeepTheirOwnNotices) {
  EXPECT_TRUE(has(pattern_causes("审核时无法登录，请提供测试账号"), "test_account_missing"));
  EXPECT_TRUE(has(pattern_causes("小程序未经审核的用户内容直接展示，请接入内容安全接口"), "ugc_unmoderated"));
  EXPECT_TRUE(has(pattern_causes("小程序名称含有“微信”等受保护的关键字"), "name_protected_word"));
  EXPECT_TRUE(has(pattern_causes("名称涉及社区，需要社交-社区/论坛类目资质"), "name_needs_qualified_category"));
  EXPECT_TRUE(has(pattern_causes("小程序涉及算命占卜内容"), "fortune_telling_forbidden"));
}

}  // namespace
}  // namespace mpadvisor::engine
