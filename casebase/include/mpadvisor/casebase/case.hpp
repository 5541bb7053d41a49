// A past registration case: what was submitted, at which step, what the reviewer wrote,
// which causes were found, and how it ended. Plain data; the store and the JSON Lines codec
// read and write it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpadvisor::casebase {

using CaseId = std::int64_t;

enum class Outcome { approved, rejected, unknown };

std::string_view to_string(Outcome outcome) noexcept;
// "approved" | "rejected" | "unknown"; anything else gives nullopt.
std::optional<Outcome> parse_outcome(std::string_view text) noexcept;

// What the case was last diagnosed with (set by `record_diagnosis`, e.g. by `cases replay`).
struct LastDiagnosis {
  std::string kb_version;                // the knowledge base the diagnosis came from
  std::string verdict;                   // the engine's verdict, as the engine names it
  std::optional<std::string> top_cause;  // a cause id, or none

  friend bool operator==(const LastDiagnosis&, const LastDiagnosis&) = default;
};

struct Case {
  CaseId id = 0;                      // 0 until stored; the store assigns one if the import gave none
  std::string date;                   // ISO 8601: 2024-05-01 or 2024-05-01T09:30:00+08:00
  std::string stage;                  // a step id, e.g. filing.submit
  std::optional<std::string> entity;  // e.g. personal; none when the source does not say
  std::string profile = "{}";         // the profile snapshot, a JSON object as compact text
  std::string message;                // the rejection text as the reviewer wrote it (redacted)
  std::vector<std::string> causes;    // labelled cause ids, in the order they were given
  std::optional<std::string> fix;     // what fixed it, if known
  Outcome outcome = Outcome::unknown;
  std::string source;  // where the case came from (a URL, "seed:001", "user")
  std::optional<LastDiagnosis> diagnosis;

  friend bool operator==(const Case&, const Case&) = default;
};

}  // namespace mpadvisor::casebase
