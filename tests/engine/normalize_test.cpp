// Normalisation and term matching: every case the issue names, plus where evidence points.
#include "mpadvisor/engine/normalize.hpp"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <atomic>
#include <thread>

#include "normalize_detail.hpp"
#include "term_matcher.hpp"

namespace mpadvisor::engine {
namespace {

bool matches(const std::string& text, const std::vector<std::string>& terms) {
  std::vector<std::string> normalized;
  for (const std::string& t : terms) normalized.push_back(normalize(t).text);
  return TermMatcher(normalized).find_first(normalize(text).text, nullptr);
}

const std::vector<std::string> kYoga = {"瑜伽", "yoga"};

TEST(Normalize, SpacesBetweenChineseCharactersAreIgnored) { EXPECT_TRUE(matches("瑜 伽", kYoga)); }
TEST(Normalize, PlainChinese) { EXPECT_TRUE(matches("瑜伽学习馆", kYoga)); }
TEST(Normalize, FullWidthLatinIsHalfWidth) { EXPECT_TRUE(matches("ＹＯＧＡ", kYoga)); }
TEST(Normalize, CaseIsFolded) { EXPECT_TRUE(matches("Yoga Studio", kYoga)); }
TEST(Normalize, TraditionalIsSimplified) { EXPECT_TRUE(matches("火鍋小站", {"火锅"})); }
TEST(Normalize, ZeroWidthSpaceIsIgnored) { EXPECT_TRUE(matches("瑜\u200B伽", kYoga)); }
TEST(Normalize, PunctuationBetweenChineseIsIgnored) { EXPECT_TRUE(matches("瑜·伽、馆", kYoga)); }
TEST(Normalize, FullWidthSpaceIsIgnored) { EXPECT_TRUE(matches("瑜　伽", kYoga)); }
TEST(Normalize, UnrelatedTextDoesNotMatch) { EXPECT_FALSE(matches("英语单词学习工具", kYoga)); }

TEST(Normalize, LatinTermsMatchWholeWordsOnly) {
  EXPECT_FALSE(matches("workshop notes", {"shop"}));
  EXPECT_TRUE(matches("my shop notes", {"shop"}));
  EXPECT_TRUE(matches("hot pot club", {"hot pot"}));
  EXPECT_TRUE(matches("HOT-POT club", {"hot pot"}));
}

TEST(Normalize, CompactFormDropsAllSeparators) {
  EXPECT_EQ(normalize_compact("  Yoga 学习 "), "yoga学习");
  EXPECT_EQ(normalize_compact("日 历"), normalize_compact("日历"));
}

TEST(Normalize, EvidencePointsIntoTheOriginalText) {
  std::string const original = "我的 瑜 伽 馆";
  NormalizedText n = normalize(original);
  TermMatcher m({normalize("瑜伽").text});
  TermHit hit;
  ASSERT_TRUE(m.find_first(n.text, &hit));
  auto [begin, end] = n.original_range(hit.begin, hit.end);
  EXPECT_EQ(original.substr(begin, end - begin), "瑜 伽");
}

// Text already in normal form is copied a run at a time; each of its characters still points
// at its own bytes of the original.
TEST(Normalize, EachCharacterOfACopiedRunKeepsItsOwnOrigin) {
  std::string const original = "ab瑜伽9 Cd";
  NormalizedText const n = normalize(original);
  ASSERT_EQ(n.text, "ab瑜伽9 cd");
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> want = {
      {0, 1}, {1, 2}, {2, 5}, {2, 5}, {2, 5}, {5, 8}, {5, 8}, {5, 8}, {8, 9}, {10, 10}, {10, 11}, {11, 12}};
  ASSERT_EQ(n.origin_begin.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(n.origin_begin[i], want[i].first) << i;
    EXPECT_EQ(n.origin_end[i], want[i].second) << i;
  }
}

std::string utf8(UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  return error ? std::string() : std::string(buf, static_cast<std::size_t>(len));
}

// The shortcuts that skip ICU (common ideographs, inert characters, the "no Simplified form"
// bitmap) must not change a single character's result, nor how characters combine with
// their neighbours, for any code point.
TEST(Normalize, ShortcutsAgreeWithIcuOnEveryCodePoint) {
  std::size_t differences = 0;
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string const text = "a" + utf8(c) + "b" + utf8(c) + "瑜";
    std::string const expected = detail::normalize_through_icu(text);
    if (normalize_text(text) != expected || normalize(text).text != expected) {
      if (++differences <= 5) ADD_FAILURE() << "U+" << std::hex << c;
    }
  }
  EXPECT_EQ(differences, 0u);
}

// The commonest characters are recognised from their bytes; a sequence cut short or broken
// next to them must read as the general decoder reads it.
TEST(Normalize, BrokenBytesBesideCommonCharactersReadAsIcuReadsThem) {
  for (const char* text :
       {"学\xE4\xB8", "学\xE4", "\xE4\xB8学",
        "\xE4\xB8"
        "a",
        "a\xE9\x80", "\xE5\xAD\xA6\xE5x", "\xE4\x80\x80", "\xE9\xBF\xBF\xEA\xB0\x80", "zz\xE4\xB8\xE4\xB8\xAD"}) {
    EXPECT_EQ(normalize_text(text), detail::normalize_through_icu(text)) << text;
    EXPECT_EQ(normalize(text).text, detail::normalize_through_icu(text)) << text;
  }
}

TEST(Normalize, TextOnlyFormEqualsTheMappedForm) {
  for (const char* text : {"", "  Yoga 学习 ", "火鍋小站", "ＹＯＧＡ·瑜\u200B伽", "Hot-Pot　Club 123"}) {
    NormalizedText const n = normalize(text);
    EXPECT_EQ(normalize_text(text), n.text);
    EXPECT_EQ(n.origin_begin.size(), n.text.size());
    EXPECT_EQ(n.origin_end.size(), n.text.size());
  }
}

TEST(TermMatcher, FindsEveryTermInOnePass) {
  TermMatcher m({"学习", "习题", "学习工具"});
  auto hits = m.find_all("学习工具习题");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].term, 2u);  // leftmost, longest first
  EXPECT_EQ(hits[1].term, 0u);
  EXPECT_EQ(hits[2].term, 1u);
  EXPECT_EQ(hits[2].begin, std::string("学习工具").size());
}

TEST(TermMatcher, LeftmostLongestFirstHit) {
  TermMatcher m({"预约", "在线预约"});
  TermHit hit;
  ASSERT_TRUE(m.find_first("在线预约课程", &hit));
  EXPECT_EQ(hit.term, 1u);
  EXPECT_EQ(hit.begin, 0u);
}

// The precomputed table (make_dense, by characters) must find what the failure links find (by
// bytes), hit for hit: terms that overlap, share prefixes and suffixes, Latin words on word
// boundaries, two- and four-byte characters, characters and bytes no term has, and ill-formed
// UTF-8: a stray continuation byte, a character cut short, an overlong form.
TEST(TermMatcher, DenseTableFindsWhatTheLinksFind) {
  const std::vector<std::string> terms = {"学习",   "习题", "学习工具", "he",   "she",    "his",  "hers", "art",
                                          "工具箱", "具",   "a",        "习习", "say hi", "café", "é",    "😀学"};
  TermMatcher const matcher(terms);
  auto const table = matcher.make_dense(std::size_t{1} << 20);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(matcher.make_dense(4), nullptr);  // over the limit: no table
  const std::vector<std::string> pieces = {
      "学",  "习", "题", "工具", "箱",  "she", "hers", " ", "start",    "art",  "a",        "x",       "学习工具",
      "say", "hi", "，", "\xff", "caf", "é",   "e",    "😀", "\xe5\xad", "\xad", "\xc0\xaf", "\xf0\x9f"};
  std::uint64_t seed = 7;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int k = 0; k < 12; ++k) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      text += pieces[(seed >> 33) % pieces.size()];
    }
    auto const want = matcher.find_all(text);
    auto const got = matcher.find_all(text, table.get());
    ASSERT_EQ(got.size(), want.size()) << text;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].term, want[i].term) << text;
      EXPECT_EQ(got[i].begin, want[i].begin) << text;
      EXPECT_EQ(got[i].end, want[i].end) << text;
    }
  }
  EXPECT_EQ(matcher.find_all("学习工具箱", table.get()).size(), 4u);  // 学习, 学习工具, 具, 工具箱
}

// The lists matcher makes its dense table after kDenseAfter texts (not before: a one-shot
// diagnosis never pays for it), and finds the same lists with it, from several threads at once.
TEST(ListsMatcher, MakesItsDenseTableAfterEnoughTextsAndFindsTheSame) {
  ListsMatcher const lists({{"学习", "工具"}, {"he", "she"}, {"工具箱", "say hi"}});
  const std::vector<std::pair<std::string, std::uint64_t>> cases = {
      {"学习工具箱", 0b101}, {"she says", 0b010}, {"say hi", 0b100}, {"start", 0}, {"工具", 0b001}, {"", 0}};
  auto mask_of = [&](const std::string& text) {
    std::uint64_t mask = 0;
    lists.hits(text, &mask);
    return mask;
  };
  ASSERT_EQ(lists.words(), 1u);
  for (std::uint32_t i = 0; i < ListsMatcher::kDenseAfter; ++i) {
    const auto& [text, want] = cases[i % cases.size()];
    ASSERT_EQ(mask_of(text), want) << text;
  }
  EXPECT_FALSE(lists.has_dense_table());
  EXPECT_EQ(mask_of("学习"), 0b001u);  // this text makes it
  EXPECT_TRUE(lists.has_dense_table());
  ListsMatcher const copy = lists;
  EXPECT_FALSE(copy.has_dense_table());  // derived: a copy starts without it

  ListsMatcher const shared({{"学习", "工具"}, {"he", "she"}, {"工具箱", "say hi"}});
  std::atomic<int> wrong{0};
  auto work = [&] {
    for (int i = 0; i < 4000; ++i) {
      const auto& [text, want] = cases[static_cast<std::size_t>(i) % cases.size()];
      std::uint64_t mask = 0;
      shared.hits(text, &mask);
      if (mask != want) ++wrong;
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_TRUE(shared.has_dense_table());
}

TEST(TermMatcher, ExactMatch) {
  TermMatcher m({"日历", "电话"});
  EXPECT_EQ(m.find_exact("电话"), 1);
  EXPECT_EQ(m.find_exact("电话本"), -1);
  EXPECT_EQ(m.find_exact("日"), -1);
}

}  // namespace
}  // namespace mpadvisor::engine
