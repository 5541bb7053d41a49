// Profile validation: every error names the fact and what was expected.
#include <gtest/gtest.h>

#include "mpadvisor/engine/diagnosis.hpp"
#include "support/kb.hpp"

namespace mpadvisor::engine {
namespace {

const std::string kKb = R"(
goal s
fact entity : enum(personal, enterprise)
fact name : text { max_length 10 }
fact count : number { min 0 max 5 }
fact ok : bool
fact features : set(video, comments)
fact cats : list
fact expires : date
step s { title en "S" }
)";

std::string error_of(const std::string& json) {
  auto m = testing::model_from(kKb);
  try {
    testing::profile_from(*m, json);
  } catch (const ProfileError& e) {
    return e.what();
  }
  return "";
}

TEST(Profile, UnknownFactNameGetsADidYouMean) {
  EXPECT_EQ(error_of(R"({"entiti": "personal"})"), "unknown fact 'entiti'; did you mean 'entity'?");
}
TEST(Profile, WrongType) { EXPECT_EQ(error_of(R"({"ok": "yes"})"), "fact 'ok' expects true or false, got a string"); }
TEST(Profile, UndeclaredEnumValue) {
  EXPECT_EQ(error_of(R"({"entity": "company"})"),
            "fact 'entity' has no value 'company' (expected one of personal, enterprise)");
}
TEST(Profile, UndeclaredSetValue) {
  EXPECT_NE(error_of(R"({"features": ["forum"]})").find("has no value 'forum'"), std::string::npos);
}
TEST(Profile, NumberBounds) { EXPECT_EQ(error_of(R"({"count": 9})"), "fact 'count' must be at most 5"); }
TEST(Profile, TextLength) {
  EXPECT_NE(error_of(R"({"name": "一二三四五六七八九十十一"})").find("longer than 10"), std::string::npos);
}
TEST(Profile, BadDate) {
  EXPECT_EQ(error_of(R"({"expires": "next year"})"),
            "fact 'expires': 'next year' is not a date (write YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] with an optional Z "
            "or ±HH:MM)");
}
TEST(Profile, NotJson) { EXPECT_NE(error_of("{nope").find("not valid JSON"), std::string::npos); }
TEST(Profile, NotAnObject) { EXPECT_NE(error_of("[1]").find("JSON object"), std::string::npos); }
TEST(Profile, UnknownDoneStep) {
  EXPECT_NE(error_of(R"({"done": ["t"]})").find("unknown step 't'"), std::string::npos);
}

TEST(Profile, ListItemsMustBeStrings) {
  EXPECT_EQ(error_of(R"({"cats": ["a", 1]})"), "fact 'cats' expects a list of strings, got a list holding number");
  EXPECT_EQ(error_of(R"({"cats": [null]})"), "fact 'cats' expects a list of strings, got a list holding null");
  EXPECT_EQ(error_of(R"({"cats": [["a"]]})"), "fact 'cats' expects a list of strings, got a list holding array");
  EXPECT_EQ(error_of(R"({"ok": ["a"]})"), "fact 'ok' expects true or false, got a list");
}
TEST(Profile, ObjectValue) {
  EXPECT_EQ(error_of(R"({"ok": {"a": 1}})"), "fact 'ok' expects true or false, got a JSON object");
}
TEST(Profile, DoneMustBeAListOfStepNames) {
  EXPECT_EQ(error_of(R"({"done": "s"})"), "'done' must be a list of step names");
  EXPECT_EQ(error_of(R"({"done": [1]})"), "'done' must be a list of step names");
}
// The profile is read in one pass, but a JSON syntax error still wins over an earlier
// problem with the content, and only the first content problem is reported.
TEST(Profile, SyntaxErrorsComeFirst) {
  EXPECT_NE(error_of(R"({"entiti": "personal", "ok": )").find("not valid JSON"), std::string::npos);
  EXPECT_EQ(error_of(R"({"ok": "yes", "count": 9})"), "fact 'ok' expects true or false, got a string");
}
TEST(Profile, AKeyGivenTwiceIsAnError) {
  EXPECT_EQ(error_of(R"({"ok": true, "ok": null})"), "'ok' is given more than once");
  EXPECT_EQ(error_of(R"({"done": ["s"], "done": []})"), "'done' is given more than once");
  EXPECT_EQ(error_of(R"({"_c": 1, "_c": 2, "ok": true})"), "");  // comments may repeat
}

TEST(Profile, Rejections) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(
      *m, R"({"rejections": [{"stage": "s", "message": "名称含商业词汇", "date": "2026-11-01", "x": [1]}]})");
  ASSERT_EQ(p.rejections.size(), 1u);
  EXPECT_EQ(p.rejections[0].stage, "s");
  EXPECT_EQ(p.rejections[0].message, "名称含商业词汇");
  EXPECT_EQ(p.rejections[0].date, "2026-11-01");
  EXPECT_EQ(error_of(R"({"rejections": [{"stage": "s"}]})"),
            "each rejection needs a \"message\" string: the platform's words, not left empty");
  EXPECT_EQ(error_of(R"({"rejections": [{"message": 1}]})"),
            "each rejection needs a \"message\" string: the platform's words, not left empty");
  EXPECT_EQ(error_of(R"({"rejections": ["x"]})"),
            "each rejection needs a \"message\" string: the platform's words, not left empty");
  EXPECT_EQ(error_of(R"({"rejections": [{"message": " \u3000"}]})"),
            "each rejection needs a \"message\" string: the platform's words, not left empty");
  EXPECT_EQ(error_of(R"({"rejections": [{"message": "m", "stage": 2}]})"),
            "a rejection's \"stage\" must be a string, not a JSON number");
  EXPECT_EQ(error_of(R"({"rejections": {}})"), "'rejections' must be a list of {\"stage\", \"message\"} objects");
  EXPECT_EQ(error_of(R"({"rejections": [{"message": "m", "stage": "filing"}]})"),
            "a rejection's \"stage\" names an unknown step 'filing'");
}

// Reading into a used profile gives what reading into a fresh one gives.
TEST(Profile, ReusedProfileEqualsAFreshOne) {
  auto m = testing::model_from(kKb);
  std::int64_t const now = base::parse_time("2026-11-27T10:00").seconds;
  Profile reused;
  parse_profile(*m, R"({"ok": true, "name": "小林", "cats": ["a"], "done": ["s"], "rejections": [{"message": "m"}]})",
                now, reused);
  std::string const second = R"({"entity": "personal", "expires": "2027-01-01"})";
  parse_profile(*m, second, now, reused);
  Profile const fresh = parse_profile(*m, second, now);
  ASSERT_EQ(reused.facts.size(), fresh.facts.size());
  for (std::size_t i = 0; i < fresh.facts.size(); ++i) {
    EXPECT_EQ(reused.facts[i].known, fresh.facts[i].known) << m->facts()[i].name;
    EXPECT_EQ(describe_value(*m, static_cast<FactId>(i), reused.facts[i]),
              describe_value(*m, static_cast<FactId>(i), fresh.facts[i]));
  }
  EXPECT_EQ(reused.done, fresh.done);
  EXPECT_TRUE(reused.rejections.empty());
  EXPECT_EQ(reused.as_of, fresh.as_of);
}

TEST(Profile, MissingFactsAreUnknownAndCommentsIgnored) {
  auto m = testing::model_from(kKb);
  Profile p = testing::profile_from(*m, R"({"_description": "a story", "ok": true, "cats": ["a"], "name": null})");
  EXPECT_TRUE(p.facts[*m->find_fact("ok")].known);
  EXPECT_FALSE(p.facts[*m->find_fact("entity")].known);
  EXPECT_FALSE(p.facts[*m->find_fact("name")].known);
}

// A text's compact form (what ==, in, has and is_any compare) is derived only for the facts a
// condition compares that way. A text only searched for terms is normalised by the search, not
// by the reader. The rules' values show the forms are there where they are read.
TEST(Profile, CompactFormsOnlyForFactsComparedExactly) {
  auto m = testing::model_from(R"(
goal s
fact title : text
fact story : text
fact tags : list
fact notes : list
terms banned { "Cafe" }
cause k { title zh "k" en "k" explain zh "e" en "e" fix zh "f" en "f" }
step s { title en "S" }
rule same at s { when title == "My Shop" block k }
rule contains at s { when story contains_any banned block k }
rule tagged at s { when tags has "Hot Pot" block k }
rule noted at s { when notes contains_any banned block k }
)");
  ASSERT_TRUE(m);
  Profile const p =
      testing::profile_from(*m, R"({"title": "my  shop", "story": "A cafe", "tags": ["hot pot"], "notes": ["cafe"]})");
  const FactValue& title = p.facts[*m->find_fact("title")];
  const FactValue& story = p.facts[*m->find_fact("story")];
  const FactValue& tags = p.facts[*m->find_fact("tags")];
  const FactValue& notes = p.facts[*m->find_fact("notes")];
  EXPECT_EQ(title.compact, "myshop");
  EXPECT_EQ(title.normalized, "my shop");  // kept: the comparison's compact form comes from it
  EXPECT_TRUE(story.normalized.empty());   // left to the search
  EXPECT_TRUE(story.compact.empty());
  std::string buffer;
  EXPECT_EQ(story.searchable_text(buffer), "a cafe");
  EXPECT_EQ(title.searchable_text(buffer), "my shop");
  // A value set to be read again and again (--set, a plan's edits, a model's answers) is
  // normalised at once; so are a profile's texts once kept for many evaluations.
  Profile edited = p;
  set_fact_from_text(*m, edited, *m->find_fact("story"), "A  Cafe");
  EXPECT_EQ(edited.facts[*m->find_fact("story")].normalized, "a cafe");
  Profile kept = p;
  keep_searchable_texts(*m, kept);
  EXPECT_EQ(kept.facts[*m->find_fact("story")].normalized, "a cafe");
  EXPECT_EQ(kept.facts[*m->find_fact("title")].normalized, "my shop");
  EXPECT_EQ(tags.normalized_items, std::vector<std::string>{"hotpot"});
  EXPECT_EQ(notes.item_texts, std::vector<std::string>{"cafe"});
  EXPECT_TRUE(notes.normalized_items.empty());
  Diagnosis const d = diagnose(*m, p);
  ASSERT_EQ(d.blockers.size(), 1u);
  std::vector<std::string> holding;
  for (const Finding& f : d.blockers[0].causes) holding.push_back(m->rules()[f.rule].name);
  EXPECT_EQ(holding, (std::vector<std::string>{"same", "contains", "tagged", "noted"}));
}

// A date that does not exist is an error naming the fact, never a neighbouring day.
TEST(Profile, ImpossibleDatesNameTheFact) {
  auto m = testing::model_from(kKb);
  try {
    testing::profile_from(*m, R"({"expires": "2027-02-30"})");
    FAIL() << "30 February was accepted";
  } catch (const ProfileError& e) {
    EXPECT_STREQ(e.what(), "fact 'expires': '2027-02-30' is not a date: February 2027 has 28 days");
  }
}

}  // namespace
}  // namespace mpadvisor::engine
