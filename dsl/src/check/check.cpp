// The checker's driver: the passes in order, stopping after one that found errors when the
// next relies on it.
#include "check/context.hpp"

namespace mpadvisor::dsl {

long days_between(const ast::Date& from, const ast::Date& to) {
  // Days since 1970-01-01 (Howard Hinnant's civil-from-days algorithm, inverted).
  auto days = [](int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  };
  return days(to.year, to.month, to.day) - days(from.year, from.month, from.day);
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
