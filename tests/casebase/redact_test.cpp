#include "mpadvisor/casebase/redact.hpp"

#include <gtest/gtest.h>

namespace cb = mpadvisor::casebase;

namespace {

// The check character for 17 digits, computed independently of the library (ISO 7064 MOD 11-2).
char check_char(const std::string& first17) {
  int sum = 0;
  for (int k = 0; k < 17; ++k) sum += (first17[k] - '0') * ((1 << (17 - k)) % 11);
  const int value = (12 - sum % 11) % 11;
  return value == 10 ? 'X' : char('0' + value);
}

std::string r(std::string_view text) { return cb::redact(text); }

}  // namespace

TEST(Redact, CheckDigitValidAndInvalid) {
  EXPECT_TRUE(cb::is_valid_resident_id("11010519491231002X"));
  EXPECT_TRUE(cb::is_valid_resident_id("11010519491231002x"));
  EXPECT_TRUE(cb::is_valid_resident_id("440524188001010014"));
  EXPECT_FALSE(cb::is_valid_resident_id("110105194912310021"));
  EXPECT_FALSE(cb::is_valid_resident_id("440524188001010015"));
  EXPECT_FALSE(cb::is_valid_resident_id("44052418800101001"));
  EXPECT_FALSE(cb::is_valid_resident_id("4405241880010100A4"));
  // Every check value, including X, for a run of generated prefixes.
  for (int n = 0; n < 200; ++n) {
    std::string prefix = "3301061990" + std::to_string(1000000 + n * 37);
    prefix = prefix.substr(0, 17);
    const char good = check_char(prefix);
    EXPECT_TRUE(cb::is_valid_resident_id(prefix + good)) << prefix << good;
    const char bad = good == '0' ? '1' : '0';
    EXPECT_FALSE(cb::is_valid_resident_id(prefix + bad)) << prefix << bad;
    EXPECT_EQ(r("号码" + prefix + good + "。"), "号码[ID]。");
    EXPECT_EQ(r("号码" + prefix + bad + "。"), "号码" + prefix + bad + "。");
  }
}

TEST(Redact, IdNumbersNextToChineseAndPunctuation) {
  EXPECT_EQ(r("身份证号11010519491231002X，请核实"), "身份证号[ID]，请核实");
  EXPECT_EQ(r("身份证号11010519491231002x"), "身份证号[ID]");
  EXPECT_EQ(r("(440524188001010014)"), "([ID])");
  EXPECT_EQ(r("ID:440524188001010014;"), "ID:[ID];");
  // Touching digits make it a longer number, not an ID.
  EXPECT_EQ(r("4405241880010100149"), "4405241880010100149");
  EXPECT_EQ(r("9440524188001010014"), "9440524188001010014");
  // Full-width digits.
  EXPECT_EQ(r("证件４４０５２４１８８００１０１００１４号"), "证件[ID]号");
}

TEST(Redact, MobileNumbers) {
  EXPECT_EQ(r("电话13812345678"), "电话[PHONE]");
  EXPECT_EQ(r("电话：13812345678。"), "电话：[PHONE]。");
  EXPECT_EQ(r("call 138 1234 5678 now"), "call [PHONE] now");
  EXPECT_EQ(r("138-1234-5678"), "[PHONE]");
  EXPECT_EQ(r("+86 138-1234-5678"), "[PHONE]");
  EXPECT_EQ(r("+8613812345678"), "[PHONE]");
  EXPECT_EQ(r("86-13812345678"), "[PHONE]");
  EXPECT_EQ(r("8613812345678"), "[PHONE]");
  EXPECT_EQ(r("手机１３８１２３４５６７８号"), "手机[PHONE]号");
  EXPECT_EQ(r("＋８６　１３９１２３４５６７８"), "[PHONE]");
  EXPECT_EQ(r("13812345678、19912345678"), "[PHONE]、[PHONE]");
  EXPECT_EQ(r("(+86)13812345678"), "(+86)[PHONE]");
  // Not mobile numbers.
  EXPECT_EQ(r("12345678901"), "12345678901");    // second digit must be 3-9
  EXPECT_EQ(r("138123456789"), "138123456789");  // 12 digits
  EXPECT_EQ(r("9138123456789"), "9138123456789");
  EXPECT_EQ(r("1381234567"), "1381234567");  // 10 digits
  EXPECT_EQ(r("2024-01-01T13:45:12"), "2024-01-01T13:45:12");
  EXPECT_EQ(r("群号 12345678，版本 1.3.8"), "群号 12345678，版本 1.3.8");  // eight digits: no phone
}

TEST(Redact, EmailAddresses) {
  EXPECT_EQ(r("邮箱abc.def@example.com谢谢"), "邮箱[EMAIL]谢谢");
  EXPECT_EQ(r("mail me: a_b+tag@mail.example.cn."), "mail me: [EMAIL].");
  EXPECT_EQ(r("13812345678@qq.com"), "[EMAIL]");
  EXPECT_EQ(r("x@y.z"), "x@y.z");  // no real top-level domain
  EXPECT_EQ(r("@example.com"), "@example.com");
  EXPECT_EQ(r("user@localhost"), "user@localhost");
  EXPECT_EQ(r("全角＠：li＠example.com"), "全角＠：[EMAIL]");
}

TEST(Redact, CountsAndUntouchedText) {
  cb::RedactionCounts counts;
  const auto out = cb::redact("11010519491231002X 13812345678 a@b.cn 13912345678", &counts);
  EXPECT_EQ(out, "[ID] [PHONE] [EMAIL] [PHONE]");
  EXPECT_EQ(counts.id_numbers, 1u);
  EXPECT_EQ(counts.phones, 2u);
  EXPECT_EQ(counts.emails, 1u);
  EXPECT_EQ(counts.total(), 4u);
  const std::string plain = "小程序名称含有商业性词汇，个人主体不支持 — nothing to hide here.";
  EXPECT_EQ(r(plain), plain);
  EXPECT_EQ(r(""), "");
  // Malformed UTF-8 is passed through byte for byte, never split or crashed on.
  const std::string broken = "\xE5\xB0 13812345678 \xFF";
  EXPECT_EQ(r(broken), "\xE5\xB0 [PHONE] \xFF");
}

// The forms that used to slip through (issue: wider redaction), each with its mark.
TEST(Redact, FullWidthAndChineseDomainEmails) {
  EXPECT_EQ(r("联系ｚｈａｏ＠ｅｘａｍｐｌｅ．ｃｏｍ谢谢"), "联系[EMAIL]谢谢");
  EXPECT_EQ(r("邮箱 zhang@例子.中国。"), "邮箱 [EMAIL]。");
  EXPECT_EQ(r("mail li@公司.cn today"), "mail [EMAIL] today");
  EXPECT_EQ(r("a@b.com谢谢"), "[EMAIL]谢谢");
}

TEST(Redact, PhonesWithDotsSpacesCountryCodeAndLandlines) {
  EXPECT_EQ(r("电话138.1234.5678。"), "电话[PHONE]。");
  EXPECT_EQ(r("电话 138 1234 5678"), "电话 [PHONE]");
  EXPECT_EQ(r("+86-138-1234-5678"), "[PHONE]");
  EXPECT_EQ(r("座机0755-12345678，分机"), "座机[PHONE]，分机");
  EXPECT_EQ(r("(010) 87654321"), "[PHONE]");
  EXPECT_EQ(r("０２１－６２３４５６７８"), "[PHONE]");
  // Not phones: pi, a version, a date, a short code.
  EXPECT_EQ(r("3.14159265358"), "3.14159265358");
  EXPECT_EQ(r("版本 1.3.8"), "版本 1.3.8");
  EXPECT_EQ(r("2024-01-01"), "2024-01-01");
}

TEST(Redact, IdNumbersInGroupsAndOldFifteenDigitOnes) {
  std::string const first17 = "43010219900101123";
  std::string const id = first17 + check_char(first17);
  EXPECT_EQ(r("身份证 " + id.substr(0, 6) + " " + id.substr(6, 8) + " " + id.substr(14)), "身份证 [ID]");
  EXPECT_EQ(r("身份证" + id.substr(0, 6) + "-" + id.substr(6, 4) + "-" + id.substr(10, 4) + "-" + id.substr(14)),
            "身份证[ID]");
  EXPECT_EQ(r("老身份证430102900101123"), "老身份证[ID]");
  // Fifteen digits without a province code or a birth date: an order number, kept.
  EXPECT_EQ(r("订单号202401011234567"), "订单号202401011234567");
  // Grouped digits whose check character is wrong: kept.
  std::string wrong = id;
  wrong.back() = wrong.back() == '1' ? '2' : '1';
  std::string const grouped = wrong.substr(0, 6) + " " + wrong.substr(6, 8) + " " + wrong.substr(14);
  EXPECT_EQ(r(grouped), grouped);
}

TEST(Redact, QqNumbersAndWeChatIds) {
  EXPECT_EQ(r("加我QQ：123456789"), "加我QQ：[ACCOUNT]");
  EXPECT_EQ(r("qq号 1234567"), "qq号 [ACCOUNT]");
  EXPECT_EQ(r("微信号：zhang_san88"), "微信号：[ACCOUNT]");
  EXPECT_EQ(r("微信 abc-12345 联系"), "微信 [ACCOUNT] 联系");
  EXPECT_EQ(r("vx: Li_si2024"), "vx: [ACCOUNT]");
  EXPECT_EQ(r("wxid_a1b2c3d4e5"), "[ACCOUNT]");
  // Not accounts: the product and its words.
  EXPECT_EQ(r("微信小程序的微信认证"), "微信小程序的微信认证");
  EXPECT_EQ(r("wxapp 与 wx.login"), "wxapp 与 wx.login");
  EXPECT_EQ(r("QQ音乐"), "QQ音乐");
}

TEST(Redact, StreetAddressesWithAHouseNumber) {
  EXPECT_EQ(r("住址：长沙市岳麓区麓山南路123号"), "住址：长沙市岳麓区[ADDRESS]");
  EXPECT_EQ(r("地址为深圳市南山区科技园路8号3栋2单元501室，邮编"), "地址为深圳市南山区[ADDRESS]，邮编");
  EXPECT_EQ(r("北京市东城区东四十条胡同十二号"), "北京市东城区[ADDRESS]");
  // A filing number, a document number and an order are not addresses.
  EXPECT_EQ(r("粤ICP备2024012345号-1X"), "粤ICP备2024012345号-1X");
  EXPECT_EQ(r("根据第3号文件"), "根据第3号文件");
}

TEST(Redact, CountsTheNewForms) {
  cb::RedactionCounts counts;
  (void)cb::redact("QQ 1234567，微信号 abcdef1，麓山南路1号，0755-12345678", &counts);
  EXPECT_EQ(counts.accounts, 2u);
  EXPECT_EQ(counts.addresses, 1u);
  EXPECT_EQ(counts.phones, 1u);
}
