// The fast profile reader against the full one: on every text it takes, it must give the very
// profile the full reader gives; it must take the usual profile (or it would be no faster);
// and it must leave the rest (escapes, mistakes) to the full reader.
#include <gtest/gtest.h>

#include <optional>
#include <string_view>

#include "profile/readers.hpp"
#include "support/examples.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const std::string kKb = R"(
goal s
fact entity : enum(personal, enterprise)
fact name : text { max_length 40 }
fact score : number
fact ok : bool
fact features : set(video, comments)
fact cats : list
fact expires : date
fact as_of : datetime
step s { title en "S" }
step t { title en "T" requires s }
)";

struct Reading {
  bool taken = false;  // the fast reader took the text
  Profile fast, full;
  std::string full_error;
  // read_profile_at on the text (without its surrounding white space) followed by more
  // members of a request: the object's length, and the profile.
  std::optional<std::size_t> at;
  Profile in_place;
};

constexpr std::string_view kRestOfRequest = R"(, "id": "p1"})";

Reading read_both(const Model& m, const std::string& text) {
  Reading r;
  r.fast = empty_profile(m, 0);
  r.taken = profile_detail::read_profile_fast(m, text, r.fast, nullptr);
  std::size_t const first = text.find_first_not_of(" \t\r\n"), last = text.find_last_not_of(" \t\r\n");
  std::string const object = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  r.at = read_profile_at(m, object + std::string(kRestOfRequest), 0, r.in_place);
  r.full = empty_profile(m, 0);
  try {
    profile_detail::read_profile_full(m, text, r.full);
  } catch (const ProfileError& e) {
    r.full_error = e.what();
  }
  return r;
}

// Texts the fast reader takes: its answer must be the full reader's, field for field.
TEST(ProfileReaders, TheFastReaderGivesTheFullReadersProfile) {
  auto m = testing::model_from(kKb);
  const std::string texts[] = {
      "{}",
      " \t\r\n{ } \n",
      R"({"entity": "personal", "name": "瑜伽 Studio 小林", "score": 3, "ok": false})",
      R"({"score": -0})",
      R"({"score": -0.0})",
      R"({"score": 1.5e3})",
      R"({"score": 2E-2})",
      R"({"score": 0.1})",
      R"({"score": -9007199254740993})",
      R"({"score": 123456789012345678})",
      R"({"name": "繁體字與ＦＵＬＬ　ｗｉｄｔｈ", "cats": ["教育", "Yoga  Class", "𠀋"]})",
      "{\"name\": \"a\x7f b\"}",
      R"({"features": ["video", "comments"], "cats": []})",
      R"({"features": []})",
      R"({"expires": "2027-01-31", "as_of": "2026-12-01T09:30:00"})",
      R"({"name": null, "ok": null, "cats": null})",
      R"({"_note": {"deep": [1, {"x": [true, false, null, "s", -1.5e-3]}]}, "_": [], "ok": true})",
      R"({"_a": 1, "_a": 2})",
      R"({"done": ["s", "t"], "rejections": []})",
      R"({"rejections": [{"message": "名称不符合规范", "stage": "t", "date": "2026-11-01"}, {"message": "m"}]})",
      R"({"rejections": [{"stage": "s", "stage": "", "message": "m", "extra": {"x": [1]}, "n": 5}]})",
  };
  for (const std::string& text : texts) {
    Reading const r = read_both(*m, text);
    EXPECT_TRUE(r.taken) << text;
    EXPECT_EQ(r.full_error, "") << text;
    if (r.taken) {
      EXPECT_TRUE(r.fast == r.full) << text;
      // In place, inside a longer text: the same profile as parse_profile's, and where it ends.
      ASSERT_TRUE(r.at) << text;
      EXPECT_EQ(*r.at, text.find_last_not_of(" \t\r\n") + 1 - text.find_first_not_of(" \t\r\n")) << text;
      EXPECT_TRUE(r.in_place == parse_profile(*m, text, 0)) << text;
    }
  }
}

// Legal JSON the fast reader leaves to the full one, and every kind of mistake: declined, so
// the full reader reads it (and words the mistake).
TEST(ProfileReaders, TheFastReaderDeclinesEscapesAndMistakes) {
  auto m = testing::model_from(kKb);
  const std::string declined[] = {
      R"({"name": "say \"hi\""})",           // an escape
      R"({"name": "\u5c0f\u6797"})",         // another
      R"({"na\u006de": "x"})",               // an escaped key
      "\xEF\xBB\xBF{}",                      // a byte-order mark
      R"({"score": 18446744073709551615})",  // beyond 64-bit integers
      R"({"score": 1e999})",                 // beyond doubles
      R"({"score": 01})",                    // not JSON from here on
      R"({"score": +1})",
      R"({"score": 1.})",
      R"({"score": .5})",
      R"({"ok": tru})",
      R"({"ok": true,})",
      R"({"ok": true} x)",
      R"({"ok": true)",
      "{\"name\": \"a\tb\"}",          // a raw control character
      "{\"name\": \"\xC0\xAF\"}",      // an overlong encoding
      "{\"name\": \"\xED\xA0\x80\"}",  // a surrogate
      "{\"name\": \"\xE7\x91\"}",      // a cut sequence
      R"([1])",
      R"({"ok": "yes"})",  // and mistakes of content
      R"({"nope": 1})",
      R"({"ok": true, "ok": false})",
      R"({"entity": "company"})",
      R"({"features": ["video", "video"]})",
      R"({"cats": [1]})",
      R"({"name": {}})",
      R"({"name": "   "})",
      R"({"expires": "2027-02-30"})",
      R"({"done": ["x"]})",
      R"({"done": "s"})",
      R"({"rejections": [{"stage": "s"}]})",
      R"({"rejections": [{"message": "m", "stage": "nowhere"}]})",
      R"({"rejections": [{"message": 5}]})",
  };
  for (const std::string& text : declined) {
    Reading const r = read_both(*m, text);
    EXPECT_FALSE(r.taken) << text;
    // In place too, except where the only mistake was what came after the object.
    if (text != R"({"ok": true} x)") {
      EXPECT_FALSE(r.at) << text;
    }
  }
  // As deep as the full reader goes, deeper than the fast one does.
  std::string const deep = "{\"_c\": " + std::string(100, '[') + std::string(100, ']') + ", \"ok\": true}";
  Reading const r = read_both(*m, deep);
  EXPECT_FALSE(r.taken);
  EXPECT_EQ(r.full_error, "");
}

// A declined text still reads right through parse_profile: the full reader takes over from a
// clean profile, whatever the fast one had set before it gave up.
TEST(ProfileReaders, ADeclinedTextIsReadAgainFromAClearProfile) {
  auto m = testing::model_from(kKb);
  Profile p;
  parse_profile(*m, R"({"ok": true, "cats": ["a"], "name": "\"Yoga\""})", 0, p);
  EXPECT_EQ(p.facts[*m->find_fact("name")].text, "\"Yoga\"");
  EXPECT_TRUE(p.facts[*m->find_fact("ok")].boolean);
  EXPECT_EQ(p.facts[*m->find_fact("cats")].list, std::vector<std::string>{"a"});
  Profile const fresh = parse_profile(*m, R"({"ok": true, "cats": ["a"], "name": "\"Yoga\""})", 0);
  EXPECT_TRUE(p == fresh);
}

// The shipped examples are all the usual kind: the fast reader takes each, with the same result.
TEST(ProfileReaders, TheShippedExamplesTakeTheFastPath) {
  auto m = testing::model_at(testing::source_dir() / "kb");
  std::vector<std::filesystem::path> const examples = testing::example_paths();
  ASSERT_GE(examples.size(), 5u);
  for (const std::filesystem::path& path : examples) {
    Reading const r = read_both(*m, testing::read_text(path));
    EXPECT_TRUE(r.taken) << path;
    EXPECT_EQ(r.full_error, "") << path;
    EXPECT_TRUE(r.fast == r.full) << path;
  }
}

}  // namespace
}  // namespace mpadvisor::engine
