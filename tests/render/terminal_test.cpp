// Text from files, databases and users is shown with its escape sequences neutralised.
#include "mpadvisor/render/terminal.hpp"

#include <gtest/gtest.h>

namespace mpadvisor::render {
namespace {

TEST(Terminal, EscapeSequencesBecomeVisible) {
  // colour, clear screen, cursor move, an OSC 8 hyperlink, a title-setting OSC
  EXPECT_EQ(safe("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(safe("a\x1b[2Jb\x1b[10;10H"), "a\\x1b[2Jb\\x1b[10;10H");
  EXPECT_EQ(safe("\x1b]8;;http://x\x07link\x1b]8;;\x07"), "\\x1b]8;;http://x\\x07link\\x1b]8;;\\x07");
  EXPECT_EQ(safe("\x1b]0;title\x1b\\"), "\\x1b]0;title\\x1b\\");
}

TEST(Terminal, C1ControlsBidiOverridesAndBadBytesBecomeVisible) {
  EXPECT_EQ(safe("a\xc2\x9b"
                 "31mb"),
            "a\\x9b31mb");                                // U+009B, a one-character CSI
  EXPECT_EQ(safe("abc\u202edcba"), "abc\\u202edcba");     // right-to-left override
  EXPECT_EQ(safe("x\u2066y\u2069"), "x\\u2066y\\u2069");  // isolates
  EXPECT_EQ(safe("ok\xff"), "ok\\xff");                   // not UTF-8
  EXPECT_EQ(safe("del\x7f"), "del\\x7f");
  EXPECT_EQ(safe("瑜伽 yoga ＹＯＧＡ"), "瑜伽 yoga ＹＯＧＡ");  // ordinary text is untouched
}

TEST(Terminal, LayoutCharactersAreKeptOnlyWhenAsked) {
  EXPECT_EQ(safe("a\tb\nc"), "a\\x09b\\x0ac");
  EXPECT_EQ(safe("a\tb\nc", base::Keep::tabs), "a\tb\\x0ac");
  EXPECT_EQ(safe("a\tb\nc", base::Keep::lines), "a\tb\nc");
  EXPECT_EQ(one_line("a\nb\tc\x1b[1m"), "a b c\\x1b[1m");
}

TEST(Terminal, ClipAndPadCountColumns) {
  EXPECT_EQ(clip("瑜伽瑜伽", 5), "瑜伽…");
  EXPECT_EQ(clip("short", 10), "short");
  EXPECT_EQ(pad("瑜伽", 6), "瑜伽  ");
}

}  // namespace
}  // namespace mpadvisor::render
