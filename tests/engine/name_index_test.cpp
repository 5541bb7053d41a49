// The model's name lookups: every name finds its id, nothing else finds anything. And the
// other way, the packed tables that give each id's name, quoted or not.
#include "mpadvisor/engine/name_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mpadvisor/engine/name_table.hpp"

namespace mpadvisor::engine {
namespace {

TEST(NameIndex, EveryNameFindsItsIdAndNoOtherTextDoes) {
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) names.push_back("fact_" + std::to_string(i));
  names.push_back("a_name_longer_than_sixteen_bytes");
  names.push_back("名称");
  names.push_back("");
  NameIndex index;
  index.assign(std::vector<std::string_view>(names.begin(), names.end()));
  for (std::uint32_t id = 0; id < names.size(); ++id) EXPECT_EQ(index.find(names[id]), id) << names[id];
  for (const char* missing : {"fact_1000", "fact_", "a_name_longer_than_sixteen_byte", "名", "FACT_1"})
    EXPECT_EQ(index.find(missing), std::nullopt) << missing;
}

TEST(NameIndex, ARepeatedNameKeepsItsFirstIdAndAnEmptyIndexFindsNothing) {
  NameIndex index;
  EXPECT_EQ(index.find("x"), std::nullopt);
  index.assign({"x", "y", "x"});
  EXPECT_EQ(index.find("x"), 0u);
  EXPECT_EQ(index.find("y"), 1u);
}

struct Named {
  std::string name;
};

TEST(NameTable, EachIdGivesItsNameAndTheNameInQuotes) {
  std::vector<Named> infos;
  infos.reserve(301);
  for (int i = 0; i < 300; ++i) infos.push_back({"step_" + std::to_string(i)});
  infos.push_back({""});
  NameTable const table = NameTable::of(infos);
  ASSERT_EQ(table.size(), infos.size());
  for (std::uint32_t id = 0; id < infos.size(); ++id) {
    EXPECT_EQ(table.name(id), infos[id].name);
    EXPECT_EQ(table.quoted(id), "\"" + infos[id].name + "\"");
  }
  EXPECT_TRUE(table.json_safe());
}

// A model file's names are not checked against the KB's grammar: one name that JSON would
// escape, or that is not printable ASCII, and no quoted name may be copied into JSON as it is.
TEST(NameTable, ANameJsonWouldEscapeMakesTheTableUnsafe) {
  for (const char* odd : {"a\"b", "back\\slash", "tab\there", "名称", "del\x7F"}) {
    NameTable const table = NameTable::of(std::vector<Named>{{"plain"}, {odd}, {"after"}});
    EXPECT_FALSE(table.json_safe()) << odd;
    EXPECT_EQ(table.name(1), odd);
    EXPECT_EQ(table.name(2), "after");
  }
  EXPECT_TRUE(NameTable::of(std::vector<Named>{{"a.b-c_d 1"}}).json_safe());
}

}  // namespace
}  // namespace mpadvisor::engine
