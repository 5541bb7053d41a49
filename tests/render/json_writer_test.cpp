// The JSON writer gives the bytes Json::dump gives: on random trees (every kind of value,
// strings with quotes, control characters, Chinese, emoji and ill-formed UTF-8), at every
// indent, with either way of treating ill-formed text.
#include "mpadvisor/render/json_writer.hpp"

#include <gtest/gtest.h>

#include <random>

namespace mpadvisor::render {
namespace {

class RandomTrees {
 public:
  explicit RandomTrees(unsigned seed) : rng_(seed) {}

  Json tree(int depth) {
    switch (pick(depth > 0 ? 9 : 7)) {
      case 0:
        return nullptr;
      case 1:
        return pick(2) == 1;
      case 2:
        return static_cast<std::int64_t>(rng_()) - (std::int64_t{1} << 31);
      case 3:
        return static_cast<std::uint64_t>(rng_()) << 20;
      case 4:
        return std::ldexp(static_cast<double>(rng_()), -static_cast<int>(pick(40)));
      case 5:
      case 6:
        return text();
      case 7: {
        Json o = Json::object();
        for (std::size_t n = pick(5); n > 0; --n) o[text()] = tree(depth - 1);
        return o;
      }
      default: {
        Json a = Json::array();
        for (std::size_t n = pick(5); n > 0; --n) a.push_back(tree(depth - 1));
        return a;
      }
    }
  }

  std::string text() {
    static const std::vector<std::string> pieces = {
        "a",    "Z",    " ",        "\"",       "\\",           "/",
        "\b",   "\f",   "\n",       "\r",       "\t",           std::string(1, '\0'),
        "\x01", "\x1f", "\x7f",     "瑜伽",     "工作室",       "é",
        "😀",    "\xff", "\xe4\xbd", "\xc0\xaf", "\xed\xa0\x80", "\x80"};
    std::string out;
    for (std::size_t n = pick(6); n > 0; --n) out += pieces[pick(pieces.size())];
    return out;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  std::mt19937 rng_;
};

bool has_ill_formed_text(const Json& j) {
  try {
    (void)j.dump();
    return false;
  } catch (const Json::type_error&) {
    return true;
  }
}

TEST(JsonWriter, WritesTheBytesDumpWrites) {
  RandomTrees trees(20261203);
  int ill_formed = 0;
  for (int i = 0; i < 3000; ++i) {
    Json const j = trees.tree(4);
    for (int indent : {-1, 0, 2, 4}) {
      JsonWriter replacing(indent, true);
      replacing.value(j);
      EXPECT_EQ(replacing.str(), j.dump(indent, ' ', false, Json::error_handler_t::replace))
          << j.dump(-1, ' ', true, Json::error_handler_t::replace);
      JsonWriter strict(indent);
      if (has_ill_formed_text(j)) {
        EXPECT_THROW(strict.value(j), Json::type_error);
      } else {
        strict.value(j);
        EXPECT_EQ(strict.str(), j.dump(indent));
      }
    }
    ill_formed += has_ill_formed_text(j);
  }
  EXPECT_GT(ill_formed, 100);  // the trees did test ill-formed text
}

TEST(JsonWriter, EmptyContainersAndMembersAsDumpWritesThem) {
  JsonWriter w(2);
  w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object().member("c", "x");
  w.key("d").begin_array().value(1).value(false).null().end_array().end_object();
  Json const expected = Json{{"a", Json::array()}, {"b", Json::object()}, {"c", "x"}, {"d", {1, false, nullptr}}};
  EXPECT_EQ(w.str(), expected.dump(2));
}

// Keys the code spells out are copied, and so is a string already written as JSON (a model's
// quoted names): the same bytes as dump, on one line and indented.
TEST(JsonWriter, PlainKeysAndQuotedValuesAsDumpWritesThem) {
  for (int indent : {-1, 2}) {
    JsonWriter w(indent);
    w.begin_object().key("step").quoted_value("\"s1\"").key("escaped").quoted_value("\"a\\\"b\"");
    w.key_text("名\"").begin_array().quoted_value("\"x\"").end_array().end_object();
    Json const expected = Json{{"step", "s1"}, {"escaped", "a\"b"}, {"名\"", {"x"}}};
    EXPECT_EQ(w.str(), expected.dump(indent)) << indent;
  }
}

// The writer keeps the first 64 levels in a word and deeper ones aside: containers nested far
// deeper, with members before and after the nested one at every level, as dump writes them.
TEST(JsonWriter, DeeplyNestedContainersAsDumpWritesThem) {
  Json tree = "leaf";
  for (int level = 0; level < 150; ++level) {
    if (level % 2 == 0)
      tree = Json::array({level, std::move(tree), Json::array()});
    else
      tree = Json{{"before", level}, {"inner", std::move(tree)}, {"z", Json::object()}};
  }
  for (int indent : {-1, 0, 2}) {
    JsonWriter w(indent);
    w.value(tree);
    EXPECT_EQ(w.str(), tree.dump(indent)) << "indent " << indent;
  }
}

}  // namespace
}  // namespace mpadvisor::render
