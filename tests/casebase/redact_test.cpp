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
  EXPECT_EQ(r("QQ 12345678，版本 1.3.8"), "QQ 12345678，版本 1.3.8");
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
