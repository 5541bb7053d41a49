// Open stores lent to threads, for a server answering many requests on one case base: opening
// a SQLite file or a PostgreSQL connection per request costs more than the search itself.
// A store is used by one thread at a time; the pool opens another when all are lent out.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "mpadvisor/casebase/store.hpp"

namespace mpadvisor::casebase {

class StorePool {
 public:
  explicit StorePool(std::string location, OpenOptions options = {});

  // Runs `use` with an open store and takes it back afterwards. A store whose use threw a
  // casebase::Error is closed rather than lent again (its connection may be broken).
  void with(const std::function<void(Store&)>& use);

  const std::string& location() const noexcept { return location_; }

 private:
  std::string location_;
  OpenOptions options_;
  std::mutex mutex_;
  std::vector<Store> idle_;
};

}  // namespace mpadvisor::casebase
