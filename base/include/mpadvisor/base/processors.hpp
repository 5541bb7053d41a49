// The processors this process may run on, and binding a thread to one of them.
//
// A batch with one worker per processor runs fastest when each worker keeps its own processor.
// Left to itself, the kernel sometimes wakes a worker that waited on a lock on its waker's
// processor and leaves the two sharing it for milliseconds while the other processor idles.
#pragma once

#include <vector>

namespace mpadvisor::base {

// The processors this process may run on (its affinity mask, which a container or `taskset`
// may narrow), in increasing order; never empty.
std::vector<int> allowed_processors();

// Binds the calling thread to `processor`. False when the system refuses; the thread then runs
// where it did before.
bool bind_this_thread(int processor);

// Lets the calling thread run on any of `processors` again.
void unbind_this_thread(const std::vector<int>& processors);

// Tells the processor the thread is waiting in a loop (x86's `pause`), sparing the other
// hardware thread of its core and the memory bus.
inline void spin_pause() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace mpadvisor::base
