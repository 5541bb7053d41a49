#include "mpadvisor/casebase/error.hpp"

#include <utility>

namespace mpadvisor::casebase {

Error no_case(std::int64_t id) {
  return {Errc::not_found, base::word("no case with id {0}", "没有编号为 {0} 的案例", id)};
}

base::Wording duplicate_id(std::int64_t id) {
  return base::word("duplicate id {0} (another case has this id)", "编号 {0} 重复（另一个案例已用了这个编号）", id);
}

ImportError::ImportError(std::string source, std::size_t line, base::Wording reason)
    : Error(Errc::invalid_input, base::word("{0}:{1}: {2}", "{0}:{1}：{2}", source, line, reason)),
      source_(std::move(source)),
      line_(line),
      reason_(std::move(reason)) {}

}  // namespace mpadvisor::casebase
