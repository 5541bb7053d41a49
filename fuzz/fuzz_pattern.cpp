// libFuzzer target for the message-pattern planner (mpadvisor/dsl/pattern_plan.hpp), checked
// against ICU itself. The input is a pattern, a newline, and a message. Whenever ICU accepts
// the pattern: an exact plan must give ICU's answer on the normalised message, and a loose
// plan must never rule out a message ICU matches.
#include <unicode/regex.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "message_pattern.hpp"
#include "mpadvisor/engine/normalize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mpadvisor::engine;
  std::string_view const input(reinterpret_cast<const char*>(data), size);
  std::size_t const split = input.find('\n');
  if (split == std::string_view::npos) return 0;
  std::string const pattern(input.substr(0, split));
  std::string const message = normalize_text(input.substr(split + 1));

  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> regex(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
  if (U_FAILURE(status)) return 0;
  icu::UnicodeString const text = icu::UnicodeString::fromUTF8(message);
  std::unique_ptr<icu::RegexMatcher> matcher(regex->matcher(text, status));
  // Bound ICU's own work on pathological patterns; a timed-out search proves nothing.
  matcher->setTimeLimit(1000, status);
  bool const icu = matcher->find(status);
  if (U_FAILURE(status)) return 0;

  LiteralTable table;
  LiteralPlan const plan = intern_plan(mpadvisor::dsl::plan_pattern(pattern), table);
  TermMatcher const literals(table.texts(), /*word_boundaries=*/false);
  bool const planned = LiteralHits(literals, message).matches(plan);
  if (plan.exact ? planned != icu : icu && !planned) std::abort();
  return 0;
}
