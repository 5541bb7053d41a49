#include "validate.hpp"

#include <optional>
#include <string>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/casebase/case.hpp"

namespace mpadvisor::casebase {

std::string_view to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::approved:
      return "approved";
    case Outcome::rejected:
      return "rejected";
    case Outcome::unknown:
      break;
  }
  return "unknown";
}

std::optional<Outcome> parse_outcome(std::string_view text) noexcept {
  if (text == "approved") return Outcome::approved;
  if (text == "rejected") return Outcome::rejected;
  if (text == "unknown") return Outcome::unknown;
  return std::nullopt;
}

namespace validate {

std::optional<base::Wording> date_error(std::string_view s) {
  base::ParsedTime t = base::parse_time(s);
  if (t.ok()) return std::nullopt;
  return std::move(t.error);
}

bool is_identifier(std::string_view s) noexcept {
  if (s.empty() || s.size() > 200) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(s.front())) return false;
  for (char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != ':') return false;
  return true;
}

}  // namespace validate
}  // namespace mpadvisor::casebase
