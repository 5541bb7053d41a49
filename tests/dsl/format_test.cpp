// The formatter: idempotent, keeps comments, and parses back to the same KB.
#include "mpadvisor/dsl/format.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/dsl/parse.hpp"
#include "support/golden.hpp"

namespace mpadvisor::dsl {
namespace {

std::string fmt(const std::string& text) {
  ParseResult r = parse("t.mpk", text);
  EXPECT_FALSE(r.diagnostics.has_errors()) << render_text(r.diagnostics);
  return format(r.module);
}

TEST(Format, CanonicalLayout) {
  EXPECT_EQ(fmt("step   a{title en \"A\" zh \"甲\"   requires b,c}"),
            "step a {\n  title en \"A\" zh \"甲\"\n  requires b, c\n}\n");
}

TEST(Format, AFactsTitleComesFirst) {
  EXPECT_EQ(fmt("fact e : bool {question en \"Q?\"  title en \"E\" zh \"乙\"}"),
            "fact e : bool {\n  title en \"E\" zh \"乙\"\n  question en \"Q?\"\n}\n");
}

TEST(Format, ProvinceKeepsItsThreeLists) {
  EXPECT_EQ(fmt("province hunan {places \"浏阳\"  names \"湖南\" cities \"长沙\"}"),
            "province hunan {\n  names \"湖南\"\n  cities \"长沙\"\n  places \"浏阳\"\n}\n");
}

TEST(Format, KeepsCommentsWhereTheyStood) {
  std::string out =
      fmt("# header\n\n# about a\nstep a { # trailing\n  title en \"A\" # on title\n  # before requires\n  requires "
          "b\n}\n# the end\n");
  EXPECT_NE(out.find("# header\n\n# about a\nstep a {"), std::string::npos) << out;
  EXPECT_NE(out.find("title en \"A\"  # on title"), std::string::npos) << out;
  EXPECT_NE(out.find("  # before requires\n  requires b"), std::string::npos) << out;
  EXPECT_NE(out.find("# the end"), std::string::npos) << out;
}

// A banner comment keeps the blank line that separated it from the declaration below, and
// formatting again changes nothing.
TEST(Format, BannerCommentKeepsItsBlankLineBelow) {
  std::string const out =
      fmt("goal a\n\n# ---- Steps ----\n\nstep a { title en \"A\" }\n# about b\nstep b { title en \"B\" }\n");
  EXPECT_NE(out.find("# ---- Steps ----\n\nstep a {"), std::string::npos) << out;
  EXPECT_NE(out.find("# about b\nstep b {"), std::string::npos) << out;
  EXPECT_EQ(fmt(out), out);
}

// Found by fuzzing (2026-11-27): a year below 1000 was printed with fewer than four digits,
// which the grammar does not read back.
TEST(Format, SmallYearsKeepFourDigits) {
  std::string out = fmt("scenario s { given as_of = 0740-11-27T10:00 }");
  EXPECT_NE(out.find("0740-11-27T10:00"), std::string::npos) << out;
  EXPECT_EQ(fmt(out), out);
}

// Found by fuzzing (2026-11-27): a rule without an effect was printed as `block ` with no
// cause, which does not parse.
TEST(Format, RuleWithoutConditionOrEffectStaysParsable) {
  EXPECT_EQ(fmt("rule r at s { when false }"), "rule r at s {\n  when false\n}\n");
  EXPECT_EQ(fmt("rule r at s { block c }"), "rule r at s {\n  block c\n}\n");
}

// Found by fuzzing (2026-11-27): an empty block holding only a comment lost its braces.
TEST(Format, EmptyBlocksKeepTheirBraces) {
  EXPECT_EQ(fmt("step a { }"), "step a {}\n");
  EXPECT_EQ(fmt("rule r at s {\n  # only a comment\n}\n"), "rule r at s {\n  # only a comment\n}\n");
  EXPECT_EQ(fmt("fact f : bool { }"), "fact f : bool\n");
}

TEST(Format, MinimalParentheses) {
  std::string out = fmt("rule r at s { when ((a and b)) or (not (c)) or (d or e) block x }");
  // Redundant parentheses go; an explicitly nested `or` keeps its own, so the formatted text
  // parses back to the same tree.
  EXPECT_NE(out.find("when a and b or not c or (d or e)"), std::string::npos) << out;
  EXPECT_NE(fmt("rule r at s { when (a or b) and c block x }").find("when (a or b) and c"), std::string::npos);
}

TEST(Format, LongConditionsBreakAtTheirConnectives) {
  std::string cond;
  for (int i = 0; i < 8; ++i) cond += (i ? " and " : "") + std::string("some_long_fact_name_") + std::to_string(i);
  std::string out = fmt("rule r at s { when " + cond + " block x }");
  EXPECT_NE(out.find("\n    and some_long_fact_name_1\n"), std::string::npos) << out;
  EXPECT_EQ(fmt(out), out);
}

// Every shipped KB file: formatting is a fixed point, keeps every comment, and the
// formatted KB still checks clean.
// A scenario says only what differs from its baseline: the formatter drops a given that
// restates the baseline (declared in the same file) and keeps every other one.
TEST(Format, ScenariosFromABaselinePrintTheShortForm) {
  std::string const out =
      fmt("baseline b { given entity = personal given name = \"甲\" }\n"
          "scenario s from b { given entity = personal given name = \"乙\" given ok unknown expect clear }\n");
  EXPECT_NE(out.find("scenario s from b {\n  given name = \"乙\"\n  given ok unknown\n  expect clear\n}"),
            std::string::npos)
      << out;
  EXPECT_EQ(fmt(out), out);
}

TEST(Format, WordsPatternsAndReferencesKeepTheirForm) {
  std::string const in =
      "reference guide { title zh \"指南\" en \"Guide\" address \"https://x.test\" }\n\n"
      "cause c {\n  message zh words \"名称\" ... (\"商业\" | \"经营\") ..3 \"词\"\n}\n";
  std::string const out = fmt(in);
  EXPECT_NE(out.find("message zh words \"名称\" ... (\"商业\" | \"经营\") ..3 \"词\""), std::string::npos) << out;
  EXPECT_NE(out.find("address \"https://x.test\""), std::string::npos) << out;
  EXPECT_EQ(fmt(out), out);
}

TEST(Format, ShippedKbIsStableAndStillChecks) {
  namespace fs = std::filesystem;
  fs::path const kb = testing::source_dir() / "kb";
  KnowledgeBase formatted;
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(kb)) {
    if (e.path().extension() != ".mpk") continue;
    ++files;
    std::string text = read_file(e.path());
    ParseResult first = parse(e.path().string(), text);
    ASSERT_FALSE(first.diagnostics.has_errors()) << render_text(first.diagnostics);
    std::string once = format(first.module);
    ParseResult second = parse(e.path().string(), once);
    ASSERT_FALSE(second.diagnostics.has_errors()) << render_text(second.diagnostics);
    EXPECT_EQ(format(second.module), once) << "not idempotent: " << e.path();
    EXPECT_EQ(second.module.comments.size(), first.module.comments.size()) << e.path();
    EXPECT_EQ(second.module.declarations.size(), first.module.declarations.size()) << e.path();
    formatted.modules.push_back(std::move(second.module));
  }
  ASSERT_GT(files, 0u);
  LoadResult loaded;
  loaded.kb = std::move(formatted);
  KbCheck checked = check_loaded(std::move(loaded));
  EXPECT_TRUE(checked.kb) << render_text(checked.diagnostics);
}

}  // namespace
}  // namespace mpadvisor::dsl
