// The checker's driver: the passes in order, stopping after one that found errors when the
// next relies on it.
#include "check/context.hpp"

namespace mpadvisor::dsl {

base::Date to_date(const ast::Date& d) {
  return base::Date{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                    std::chrono::day{static_cast<unsigned>(d.day)}};
}

Diagnostics check(const KnowledgeBase& kb, const CheckOptions& options) {
  check_detail::CheckContext cx(kb, options);
  check_detail::check_duplicates(cx);
  check_detail::check_references(cx);
  check_detail::check_conditions(cx);
  check_detail::check_step_graph(cx);
  check_detail::check_coverage(cx);
  cx.diagnostics.sort();
  return std::move(cx.diagnostics);
}

}  // namespace mpadvisor::dsl
