// Every diagnostic code the language reports, by name. Codes are stable: KB authors and
// tools filter on them, and tests/dsl/codes/ holds one failing example of each.
#pragma once

#include <array>
#include <string_view>

namespace mpadvisor::dsl::code {

// Reading and parsing
inline constexpr std::string_view kSyntax = "syntax";
inline constexpr std::string_view kInvalidUtf8 = "invalid-utf8";
inline constexpr std::string_view kUnreadableFile = "unreadable-file";
inline constexpr std::string_view kEmptyKb = "empty-kb";
// Names
inline constexpr std::string_view kDuplicateName = "duplicate-name";
inline constexpr std::string_view kReservedName = "reserved-name";
inline constexpr std::string_view kNoGoal = "no-goal";
inline constexpr std::string_view kDuplicateGoal = "duplicate-goal";
inline constexpr std::string_view kUndefinedName = "undefined-name";
// What declarations say
inline constexpr std::string_view kMissingProperty = "missing-property";
inline constexpr std::string_view kUnknownActor = "unknown-actor";
inline constexpr std::string_view kUnknownCurrency = "unknown-currency";
inline constexpr std::string_view kTypeMismatch = "type-mismatch";
inline constexpr std::string_view kInvalidDate = "invalid-date";
inline constexpr std::string_view kBadPattern = "bad-pattern";
inline constexpr std::string_view kRegexPattern = "regex-pattern";
inline constexpr std::string_view kNeverTrue = "never-true";
inline constexpr std::string_view kRestatedGiven = "restated-given";
inline constexpr std::string_view kBaselineCycle = "baseline-cycle";
inline constexpr std::string_view kBackgroundChange = "background-change";
inline constexpr std::string_view kSecondCalendar = "second-calendar";
// The step graph
inline constexpr std::string_view kRequiresCycle = "requires-cycle";
inline constexpr std::string_view kUnreachableStep = "unreachable-step";
// Coverage of texts, sources, fixes and patterns
inline constexpr std::string_view kUnusedCause = "unused-cause";
inline constexpr std::string_view kMissingFix = "missing-fix";
inline constexpr std::string_view kMissingPattern = "missing-pattern";
inline constexpr std::string_view kMissingText = "missing-text";
inline constexpr std::string_view kMissingTranslation = "missing-translation";
inline constexpr std::string_view kMissingSource = "missing-source";
inline constexpr std::string_view kBareSource = "bare-source";
inline constexpr std::string_view kStaleSource = "stale-source";

// All of them, for documentation and for the test that each has an example.
inline constexpr std::array kAll = {kSyntax,         kInvalidUtf8,     kUnreadableFile,  kEmptyKb,
                                    kDuplicateName,  kReservedName,    kNoGoal,          kDuplicateGoal,
                                    kUndefinedName,  kMissingProperty, kUnknownActor,    kUnknownCurrency,
                                    kTypeMismatch,   kInvalidDate,     kBadPattern,      kRegexPattern,
                                    kNeverTrue,      kRestatedGiven,   kBaselineCycle,   kBackgroundChange,
                                    kSecondCalendar, kRequiresCycle,   kUnreachableStep, kUnusedCause,
                                    kMissingFix,     kMissingPattern,  kMissingText,     kMissingTranslation,
                                    kMissingSource,  kBareSource,      kStaleSource};

}  // namespace mpadvisor::dsl::code
