#include "mpadvisor/base/processors.hpp"

#include <gtest/gtest.h>
#include <sched.h>

#include <algorithm>
#include <thread>

namespace mpadvisor::base {
namespace {

std::vector<int> this_threads_processors() {
  cpu_set_t set;
  CPU_ZERO(&set);
  EXPECT_EQ(pthread_getaffinity_np(pthread_self(), sizeof set, &set), 0);
  std::vector<int> out;
  for (int p = 0; p < CPU_SETSIZE; ++p) {
    if (CPU_ISSET(p, &set)) out.push_back(p);
  }
  return out;
}

TEST(Processors, TheAllowedOnesAreTheAffinityMaskInOrder) {
  std::vector<int> const allowed = allowed_processors();
  ASSERT_FALSE(allowed.empty());
  EXPECT_TRUE(std::is_sorted(allowed.begin(), allowed.end()));
  EXPECT_EQ(allowed, this_threads_processors());
}

TEST(Processors, ABoundThreadRunsOnItsProcessorUntilUnbound) {
  std::vector<int> const allowed = allowed_processors();
  int const last = allowed.back();
  std::thread worker([&] {
    ASSERT_TRUE(bind_this_thread(last));
    EXPECT_EQ(this_threads_processors(), std::vector<int>{last});
    EXPECT_EQ(sched_getcpu(), last);
    unbind_this_thread(allowed);
    EXPECT_EQ(this_threads_processors(), allowed);
  });
  worker.join();
  // Binding one thread leaves the others as they were.
  EXPECT_EQ(this_threads_processors(), allowed);
}

TEST(Processors, AProcessorOutsideTheMaskIsRefused) {
  std::thread worker([] {
    std::vector<int> const before = this_threads_processors();
    EXPECT_FALSE(bind_this_thread(-1));
    EXPECT_FALSE(bind_this_thread(CPU_SETSIZE));
    EXPECT_EQ(this_threads_processors(), before);
  });
  worker.join();
}

}  // namespace
}  // namespace mpadvisor::base
