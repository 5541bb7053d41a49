// The JSONL codec on its own: every field's validation, redaction on the way in, and the
// documented field order on the way out.
#include "mpadvisor/casebase/jsonl.hpp"

#include <gtest/gtest.h>

namespace cb = mpadvisor::casebase;

namespace {

const std::string kGood =
    R"({"date":"2024-03-02","stage":"registration.name","entity":"personal","profile":{"name":"瑜伽学习馆"},)"
    R"("message":"名称含商业词汇","causes":["name_commercial"],"fix":null,"outcome":"rejected","source":"seed:001"})";

// kGood with one field replaced (or removed when `value` is empty).
std::string with(const std::string& field, const std::string& value) {
  std::string line = kGood;
  const auto key = "\"" + field + "\":";
  const auto start = line.find(key);
  if (start == std::string::npos) return line.substr(0, line.size() - 1) + "," + key + value + "}";
  // The value ends at the next top-level comma or the final brace.
  std::size_t end = start + key.size();
  int depth = 0;
  bool in_string = false;
  for (; end < line.size(); ++end) {
    const char c = line[end];
    if (in_string) {
      if (c == '\\')
        ++end;
      else if (c == '"')
        in_string = false;
    } else if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0) break;
      --depth;
    } else if (c == ',' && depth == 0)
      break;
  }
  if (value.empty()) {
    const auto from = line[start - 1] == ',' ? start - 1 : start;
    const auto to = line[end] == ',' && from == start ? end + 1 : end;
    return line.substr(0, from) + line.substr(to);
  }
  return line.substr(0, start + key.size()) + value + line.substr(end);
}

std::string error_of(const std::string& line) {
  const auto parsed = cb::parse_case_line(line);
  EXPECT_FALSE(parsed.ok()) << line;
  return parsed.error.en;
}

}  // namespace

TEST(Jsonl, ParsesAGoodLine) {
  const auto parsed = cb::parse_case_line(kGood);
  ASSERT_TRUE(parsed.ok()) << parsed.error.en;
  const auto& c = *parsed.value;
  EXPECT_EQ(c.id, 0);
  EXPECT_EQ(c.date, "2024-03-02");
  EXPECT_EQ(c.stage, "registration.name");
  EXPECT_EQ(c.profile, R"({"name":"瑜伽学习馆"})");
  EXPECT_EQ(c.causes, std::vector<std::string>{"name_commercial"});
  EXPECT_FALSE(c.fix.has_value());
  EXPECT_EQ(c.outcome, cb::Outcome::rejected);
  EXPECT_FALSE(c.diagnosis.has_value());
}

TEST(Jsonl, BlankLinesAreNotErrors) {
  EXPECT_TRUE(cb::parse_case_line("").blank);
  EXPECT_TRUE(cb::parse_case_line("   \t\r").blank);
}

TEST(Jsonl, OptionalIdAndDiagnosis) {
  auto parsed = cb::parse_case_line(with("id", "42"));
  ASSERT_TRUE(parsed.ok()) << parsed.error.en;
  EXPECT_EQ(parsed.value->id, 42);
  parsed = cb::parse_case_line(with("id", "\"7\""));
  ASSERT_TRUE(parsed.ok()) << parsed.error.en;
  EXPECT_EQ(parsed.value->id, 7);
  EXPECT_NE(error_of(with("id", "0")).find("id must be a positive integer"), std::string::npos);
  EXPECT_NE(error_of(with("id", "-3")).find("id must be a positive integer"), std::string::npos);
  EXPECT_NE(error_of(with("id", "1.5")).find("id must be a positive integer"), std::string::npos);
  EXPECT_NE(error_of(with("id", "\"seed-1\"")).find("id must be a positive integer"), std::string::npos);

  parsed = cb::parse_case_line(
      with("diagnosis", R"({"kb_version":"2024.05","verdict":"blocked","top_cause":"name_commercial"})"));
  ASSERT_TRUE(parsed.ok()) << parsed.error.en;
  ASSERT_TRUE(parsed.value->diagnosis.has_value());
  EXPECT_EQ(parsed.value->diagnosis->verdict, "blocked");
  EXPECT_EQ(parsed.value->diagnosis->top_cause, "name_commercial");
  EXPECT_TRUE(cb::parse_case_line(with("diagnosis", "null")).ok());
  EXPECT_NE(error_of(with("diagnosis", R"({"verdict":"blocked"})")).find("diagnosis.kb_version"), std::string::npos);
}

TEST(Jsonl, RejectsEachBadField) {
  EXPECT_NE(error_of("{not json").find("invalid JSON"), std::string::npos);
  EXPECT_NE(error_of("[1,2]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(error_of(with("message", "")).find("missing field message"), std::string::npos);
  EXPECT_NE(error_of(with("colour", "\"red\"")).find("unknown field \"colour\""), std::string::npos);
  EXPECT_NE(error_of(with("outcome", "\"maybe\"")).find("outcome must be approved, rejected or unknown"),
            std::string::npos);
  EXPECT_NE(error_of(with("outcome", "1")).find("outcome must be a string"), std::string::npos);
  EXPECT_EQ(error_of(with("date", "\"2024-02-30\"")), "date: '2024-02-30' is not a date: February 2024 has 29 days");
  EXPECT_NE(error_of(with("date", "\"yesterday\"")).find("'yesterday' is not a date (write YYYY-MM-DD"),
            std::string::npos);
  EXPECT_NE(error_of(with("stage", "\"filing submit\"")).find("step id"), std::string::npos);
  EXPECT_NE(error_of(with("stage", "\"\"")).find("step id"), std::string::npos);
  EXPECT_NE(error_of(with("entity", "\"\"")).find("entity must not be empty"), std::string::npos);
  EXPECT_NE(error_of(with("entity", "3")).find("entity must be a string or null"), std::string::npos);
  EXPECT_FALSE(cb::parse_case_line(with("entity", "null")).value->entity.has_value());
  EXPECT_NE(error_of(with("profile", "[]")).find("profile must be an object"), std::string::npos);
  EXPECT_NE(error_of(with("causes", "\"name_commercial\"")).find("causes must be an array"), std::string::npos);
  EXPECT_NE(error_of(with("causes", "[1]")).find("cause ids"), std::string::npos);
  EXPECT_NE(error_of(with("causes", R"(["a","a"])")).find("listed twice"), std::string::npos);
  EXPECT_NE(error_of(with("causes", R"(["名称"])")).find("not a cause id"), std::string::npos);
  EXPECT_NE(error_of(with("fix", "3")).find("fix must be a string or null"), std::string::npos);
  EXPECT_NE(error_of(with("source", "null")).find("source must be a string"), std::string::npos);
  // Invalid UTF-8 inside a string is bad JSON, not a crash.
  EXPECT_NE(error_of(with("message", "\"\xC3\x28\"")).find("invalid JSON"), std::string::npos);
}

// A bad line's reason is said in Chinese too (cases import --lang zh prints it).
TEST(Jsonl, SaysWhyALineIsBadInChineseToo) {
  auto chinese = [](const std::string& line) { return cb::parse_case_line(line).error.zh; };
  EXPECT_EQ(chinese(with("date", "\"2024-02-30\"")), "date：“2024-02-30”不是有效日期：2024 年 2 月只有 29 天");
  EXPECT_EQ(chinese(with("profile", "[]")), "profile 须为对象，而不是数组");
  EXPECT_EQ(chinese(with("colour", "\"red\"")), "没有字段“colour”");
  EXPECT_EQ(chinese(with("causes", R"(["a","a"])")), "causes：“a”列了两次");
  EXPECT_EQ(chinese(with("message", "")), "缺少字段 message");
  EXPECT_EQ(chinese("{not json").rfind("不是有效的 JSON：第 3 列：", 0), 0u) << chinese("{not json");
  // Every reason has its Chinese words: none is left empty or in English.
  for (const std::string& line : {with("outcome", "\"maybe\""), with("entity", "\"\""), with("fix", "3"),
                                  with("stage", "\"filing submit\""), with("id", "\"x\""), std::string("[1]")}) {
    cb::ParsedLine const parsed = cb::parse_case_line(line);
    EXPECT_FALSE(parsed.error.zh.empty()) << line;
    EXPECT_NE(parsed.error.zh, parsed.error.en) << line;
  }
}

TEST(Jsonl, AcceptsIso8601Variants) {
  for (const char* date :
       {"2024-02-29", "2024-05-01T09:30", "2024-05-01T09:30:00", "2024-05-01T09:30:00Z",
        "2024-05-01T09:30:00.123+08:00", "2024-05-01T09:30:00-0500", "2000-02-29", "2024-05-01 09:30"}) {
    const auto parsed = cb::parse_case_line(with("date", std::string("\"") + date + "\""));
    EXPECT_TRUE(parsed.ok()) << date << ": " << parsed.error.en;
  }
  for (const char* date : {"2023-02-29", "1900-02-29", "2024-5-1", "2024-05-01T24:00", "2024-05-01T09:30+8", "20240501",
                           "2024-05-01T09:30:00.+08:00", "2024-05-01Z"}) {
    EXPECT_FALSE(cb::parse_case_line(with("date", std::string("\"") + date + "\"")).ok()) << date;
  }
}

TEST(Jsonl, RedactsOnTheWayIn) {
  const auto parsed = cb::parse_case_line(
      R"({"date":"2024-01-01","stage":"filing.submit","entity":"personal",)"
      R"("profile":{"phone":13812345678,"13912345678":"key","list":["a@b.com",{"id":"11010519491231002X"}]},)"
      R"("message":"电话13812345678","causes":[],"fix":"邮箱x.y@example.org","outcome":"unknown","source":"user 13712345678"})");
  ASSERT_TRUE(parsed.ok()) << parsed.error.en;
  const auto& c = *parsed.value;
  EXPECT_EQ(c.profile, R"({"phone":"[PHONE]","[PHONE]":"key","list":["[EMAIL]",{"id":"[ID]"}]})");
  EXPECT_EQ(c.message, "电话[PHONE]");
  EXPECT_EQ(c.fix, "邮箱[EMAIL]");
  EXPECT_EQ(c.source, "user [PHONE]");
  EXPECT_EQ(parsed.redactions.phones, 4u);
  EXPECT_EQ(parsed.redactions.emails, 2u);
  EXPECT_EQ(parsed.redactions.id_numbers, 1u);
}

TEST(Jsonl, WritesFieldsInTheDocumentedOrder) {
  auto c = *cb::parse_case_line(with("id", "9")).value;
  EXPECT_EQ(
      cb::to_json_line(c),
      R"({"id":9,"date":"2024-03-02","stage":"registration.name","entity":"personal","profile":{"name":"瑜伽学习馆"},)"
      R"("message":"名称含商业词汇","causes":["name_commercial"],"fix":null,"outcome":"rejected","source":"seed:001"})");
  c.diagnosis = cb::LastDiagnosis{"2024.05", "blocked", std::nullopt};
  EXPECT_NE(cb::to_json_line(c).find(R"("diagnosis":{"kb_version":"2024.05","verdict":"blocked","top_cause":null})"),
            std::string::npos);
  // What is written parses back to the same case.
  const auto again = cb::parse_case_line(cb::to_json_line(c));
  ASSERT_TRUE(again.ok()) << again.error.en;
  EXPECT_EQ(*again.value, c);
}
