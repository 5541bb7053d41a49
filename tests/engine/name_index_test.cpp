// The model's name lookups: every name finds its id, nothing else finds anything.
#include "mpadvisor/engine/name_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

}  // namespace
}  // namespace mpadvisor::engine
