#include "mpadvisor/casebase/store_pool.hpp"

#include <optional>

namespace mpadvisor::casebase {

StorePool::StorePool(std::string location, OpenOptions options)
    : location_(std::move(location)), options_(std::move(options)) {}

void StorePool::with(const std::function<void(Store&)>& use) {
  std::optional<Store> store;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      store.emplace(std::move(idle_.back()));
      idle_.pop_back();
    }
  }
  if (!store) store.emplace(Store::open(location_, options_));
  use(*store);  // on an exception the store is dropped here, not returned
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(*store));
}

}  // namespace mpadvisor::casebase
