#include "mpadvisor/base/utf8.hpp"

#include <gtest/gtest.h>

namespace mpadvisor::base::utf8 {
namespace {

TEST(Utf8, DecodesAndResynchronisesAfterBadBytes) {
  std::string const text = "a\xE7\x91\x9C\xFF\xE4\xBC";  // a, 瑜, a stray byte, a truncated sequence
  std::vector<char32_t> seen;
  std::vector<std::size_t> lengths;
  for_each(text, [&](char32_t cp, std::size_t, std::size_t length) {
    seen.push_back(cp);
    lengths.push_back(length);
  });
  EXPECT_EQ(seen, (std::vector<char32_t>{U'a', U'瑜', 0xFFFD, 0xFFFD, 0xFFFD}));
  EXPECT_EQ(lengths, (std::vector<std::size_t>{1, 3, 1, 1, 1}));
  EXPECT_FALSE(decode(text, 4).valid);
  EXPECT_EQ(count_code_points("瑜伽yoga"), 6u);
}

TEST(Utf8, FindsTheFirstIllFormedByte) {
  EXPECT_EQ(utf8::first_ill_formed("plain ascii"), std::nullopt);
  EXPECT_EQ(utf8::first_ill_formed("小程序 ok"), std::nullopt);
  EXPECT_EQ(utf8::first_ill_formed("ab\xff"
                                   "cd"),
            2u);                                          // never a UTF-8 byte
  EXPECT_EQ(utf8::first_ill_formed("小\xe7\xa8s"), 3u);   // a character cut short
  EXPECT_EQ(utf8::first_ill_formed("x\xc0\xaf"), 1u);     // an overlong '/'
  EXPECT_EQ(utf8::first_ill_formed("\xed\xa0\x80"), 0u);  // a surrogate
  EXPECT_EQ(utf8::first_ill_formed("end \xe5"), 4u);      // truncated at the end
}

TEST(Utf8, WidthFollowsEastAsianWidth) {
  EXPECT_EQ(display_width("瑜伽"), 4u);
  EXPECT_EQ(display_width("ＹＯＧＡ"), 8u);  // full-width forms
  EXPECT_EQ(display_width("yoga"), 4u);
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + combining acute accent
  EXPECT_EQ(display_width("a\xE2\x80\x8B"
                          "b"),
            2u);  // a zero-width space between letters
  EXPECT_EQ(display_width("한국"), 4u);
  EXPECT_EQ(display_width("\xF0\xA0\x80\x80"), 2u);  // an ideograph outside the BMP
}

TEST(Utf8, CutsOnlyOnBoundaries) {
  std::string const text = "ab瑜伽";
  EXPECT_EQ(floor_boundary(text, 3), 2u);
  EXPECT_EQ(floor_boundary(text, 4), 2u);
  EXPECT_EQ(floor_boundary(text, 5), 5u);
  EXPECT_EQ(floor_boundary(text, 99), text.size());
  std::string out;
  append(out, U'伽');
  append(out, 0xD800);  // a lone surrogate is not a character
  EXPECT_EQ(out, "伽\xEF\xBF\xBD");
}

}  // namespace
}  // namespace mpadvisor::base::utf8
