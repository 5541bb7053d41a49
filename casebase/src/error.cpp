#include "mpadvisor/casebase/error.hpp"

#include <utility>

namespace mpadvisor::casebase {

ImportError::ImportError(std::string source, std::size_t line, std::string reason)
    : Error(Errc::invalid_input, source + ":" + std::to_string(line) + ": " + reason),
      source_(std::move(source)),
      line_(line),
      reason_(std::move(reason)) {}

}  // namespace mpadvisor::casebase
