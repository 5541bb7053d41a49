#include "mpadvisor/base/processors.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <thread>

namespace mpadvisor::base {

namespace {

bool set_this_thread(const std::vector<int>& processors) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int p : processors) {
    if (p >= 0 && p < CPU_SETSIZE) CPU_SET(p, &set);
  }
  if (CPU_COUNT(&set) == 0) return false;
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

}  // namespace

std::vector<int> allowed_processors() {
  std::vector<int> out;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int p = 0; p < CPU_SETSIZE; ++p) {
      if (CPU_ISSET(p, &set)) out.push_back(p);
    }
  }
  // The mask could not be read (or lists more processors than cpu_set_t holds): number them.
  if (out.empty()) {
    unsigned const n = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned p = 0; p < n; ++p) out.push_back(static_cast<int>(p));
  }
  return out;
}

bool bind_this_thread(int processor) { return set_this_thread({processor}); }

void unbind_this_thread(const std::vector<int>& processors) { set_this_thread(processors); }

}  // namespace mpadvisor::base
