#include "mpadvisor/casebase/error.hpp"

#include <utility>

namespace mpadvisor::casebase {

Error no_case(std::int64_t id) {
  return {Errc::not_found, base::word("no case with id {0}", "没有编号为 {0} 的案例", id)};
}

ImportError::ImportError(std::string source, std::size_t line, std::string reason)
    : Error(Errc::invalid_input, source + ":" + std::to_string(line) + ": " + reason),
      source_(std::move(source)),
      line_(line),
      reason_(std::move(reason)) {}

}  // namespace mpadvisor::casebase
