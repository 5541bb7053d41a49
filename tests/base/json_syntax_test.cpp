#include "mpadvisor/base/json_syntax.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mpadvisor::base {
namespace {

// The parser's own message for a text, as the callers receive it.
std::string parser_message(const std::string& text) {
  try {
    nlohmann::json const parsed = nlohmann::json::parse(text);
    ADD_FAILURE() << "parsed: " << parsed.dump();
  } catch (const nlohmann::json::exception& e) {
    return e.what();
  }
  return {};
}

TEST(JsonSyntax, SaysWhereAndWhatWithoutTheExceptionsName) {
  Wording const w = json_syntax_error(parser_message("{\"name\": \n"));
  EXPECT_EQ(w.en,
            "parse error at line 2, column 1: syntax error while parsing value - unexpected end of input; "
            "expected '[', '{', or a literal");
  EXPECT_EQ(w.zh, "第 2 行第 1 列：内容在这里意外结束（缺少括号或引号？）");
}

TEST(JsonSyntax, AOneLineTextIsPlacedByItsColumn) {
  Wording const w = json_syntax_error(parser_message(R"({"a": tru})"), true);
  EXPECT_EQ(w.en,
            "parse error at column 10: syntax error while parsing value - invalid literal; last read: '\"a\": tru}'");
  EXPECT_EQ(w.zh.rfind("第 10 列：无法识别的值", 0), 0u) << w.zh;
  EXPECT_NE(w.zh.find("（读到 '\"a\": tru}'）"), std::string::npos) << w.zh;
}

TEST(JsonSyntax, WhatWasLastReadIsQuotedWithoutTheParsersExpectations) {
  Wording const w = json_syntax_error(parser_message("{not json"), true);
  EXPECT_EQ(w.zh.find("expected"), std::string::npos) << w.zh;
  EXPECT_NE(w.zh.find("（读到 '{no'）"), std::string::npos) << w.zh;
}

TEST(JsonSyntax, EachUsualComplaintHasItsChineseWords) {
  EXPECT_NE(json_syntax_error(parser_message("{\"a\": \"\x01\"}")).zh.find("控制字符"), std::string::npos);
  EXPECT_NE(json_syntax_error(parser_message("{\"a\": \"\xff\"}")).zh.find("UTF-8"), std::string::npos);
  EXPECT_NE(json_syntax_error(parser_message("{\"a\": 1} {")).zh.find("不该出现的符号"), std::string::npos);
  EXPECT_NE(json_syntax_error(parser_message("{\"a\": -}")).zh.find("数字格式不正确"), std::string::npos);
}

TEST(JsonSyntax, ANumberTooLargeIsSaidSo) {
  EXPECT_EQ(json_syntax_error(parser_message("{\"a\": 1e999999}")).zh, "数字超出范围");
}

TEST(JsonSyntax, AnUnknownComplaintIsStillSaidInChinese) {
  Wording const w = json_syntax_error("something else went wrong");
  EXPECT_EQ(w.en, "something else went wrong");
  EXPECT_EQ(w.zh, "语法错误");
}

}  // namespace
}  // namespace mpadvisor::base
