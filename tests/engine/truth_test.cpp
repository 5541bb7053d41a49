#include "mpadvisor/engine/truth.hpp"

#include <gtest/gtest.h>

namespace mpadvisor::engine {
namespace {

constexpr Truth T = Truth::yes, F = Truth::no, U = Truth::unknown;

TEST(Truth, KleeneAnd) {
  EXPECT_EQ(T && T, T);
  EXPECT_EQ(T && F, F);
  EXPECT_EQ(F && U, F);
  EXPECT_EQ(U && F, F);
  EXPECT_EQ(T && U, U);
  EXPECT_EQ(U && U, U);
}

TEST(Truth, KleeneOr) {
  EXPECT_EQ(F || F, F);
  EXPECT_EQ(T || U, T);
  EXPECT_EQ(U || T, T);
  EXPECT_EQ(F || U, U);
  EXPECT_EQ(U || U, U);
}

TEST(Truth, KleeneNot) {
  EXPECT_EQ(!T, F);
  EXPECT_EQ(!F, T);
  EXPECT_EQ(!U, U);
}

TEST(Truth, DeMorganHoldsForAllNineCases) {
  for (Truth a : {T, F, U}) {
    for (Truth b : {T, F, U}) {
      EXPECT_EQ(!(a && b), (!a || !b));
      EXPECT_EQ(!(a || b), (!a && !b));
    }
  }
}

}  // namespace
}  // namespace mpadvisor::engine
