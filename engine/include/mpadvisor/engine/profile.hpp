// An applicant's profile: fact values validated against the KB's declarations. A fact the
// profile leaves out is unknown, never false.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/engine/model.hpp"
#include "mpadvisor/engine/normalize.hpp"

namespace mpadvisor::engine {

// An unknown value is always clear: every field at its default (clear() keeps it so).
struct FactValue {
  bool known = false;
  bool boolean = false;
  double number = 0;
  std::int64_t time = 0;          // date/datetime: seconds since 1970-01-01 (UTC+8 wall clock read as UTC)
  std::int32_t enum_index = -1;   // enumeration
  std::uint64_t set_bits = 0;     // set: bit i = the fact's i-th value
  std::string text;               // text, as given
  std::vector<std::string> list;  // list (and set values, as given)
  // text, normalised for term search: kept by the reader only where a condition also compares
  // or places the text; otherwise empty, and searchable_text() normalises it when asked.
  std::string normalized;
  std::string compact;                        // text, normalised without separators (equality)
  std::vector<std::string> normalized_items;  // list items, compact-normalised (equality)
  std::vector<std::string> item_texts;        // list items, normalised (term search)
  std::int32_t province = -1;                 // text: the province it names (-1: none recognised)
  bool names_region = false;                  // text: names a province or city

  // Back to unknown, keeping the strings' and vectors' storage: a batch refills the same
  // profile line after line without allocating for every value.
  void clear();
  // A text as term lists are searched in: `normalized`, or the text normalised into `buffer`.
  // Most texts of a profile are never searched by the rules of its target's scope, so the
  // reader leaves the work to the first search.
  std::string_view searchable_text(std::string& buffer) const;

  bool operator==(const FactValue&) const = default;
};

// The profile format's own fields beside the KB's facts. `as_of` is also a fact the KB may
// declare (a datetime); when given, it is the moment the profile describes.
namespace profile_field {
inline constexpr std::string_view kDone = "done";              // steps already done
inline constexpr std::string_view kRejections = "rejections";  // rejections received, latest last
inline constexpr std::string_view kAsOf = "as_of";
}  // namespace profile_field

struct Rejection {
  std::string stage, message, date;
  bool operator==(const Rejection&) const = default;
};

struct Profile {
  std::vector<FactValue> facts;  // by FactId
  // By StepId: listed in the profile's `done`, or required, directly or not, by a step listed
  // there (mark_done).
  std::vector<bool> done;
  std::vector<Rejection> rejections;
  std::int64_t as_of = 0;  // the moment the profile describes (seconds)
  bool operator==(const Profile&) const = default;
};

// Bad profile input: the message names the field and what was expected, in both languages.
// `not_json`: the text is not JSON at all, rather than JSON that does not fit the KB.
struct ProfileError : base::UserError {
  explicit ProfileError(base::Wording wording, bool not_json = false)
      : base::UserError(std::move(wording)), not_json(not_json) {}
  bool not_json;
};

class Scratch;
class Model;

// Normalises now every text that a term search would otherwise normalise each time it reads it
// (FactValue::searchable_text): for a profile that many evaluations read, as a plan's trials do.
void keep_searchable_texts(const Model& model, Profile& profile);

// Parses a JSON object of fact name → value (plus `done`, `rejections`; keys starting with
// '_' are comments). `now` (seconds) is used when the profile gives no `as_of`.
Profile parse_profile(const Model& model, std::string_view json, std::int64_t now);
// The same into an existing profile, reusing its storage: for loops over many profiles (case
// replay), where building a fresh profile each time was a large share of the cost. `into`
// must be a profile of this model (or empty); on error it is left unspecified. `scratch`: the
// working memory to use, when one is lent (scratch.hpp).
void parse_profile(const Model& model, std::string_view json, std::int64_t now, Profile& into,
                   Scratch* scratch = nullptr);
// The usual profile read in place where it starts a longer text (a member of a request): the
// object at the start of `json` goes into `into`, and the result is the object's length in
// bytes. nullopt when it needs more than the fast path (a mistake, an escape): find the
// object's end and call parse_profile on it, which words any mistake. Accepts exactly what
// parse_profile accepts, with the same result.
std::optional<std::size_t> read_profile_at(const Model& model, std::string_view json, std::int64_t now, Profile& into,
                                           Scratch* scratch = nullptr);

// An empty profile: every fact unknown, nothing done.
Profile empty_profile(const Model& model, std::int64_t now);

// Sets one fact from KB literal syntax (scenarios, fixes) or from command-line text
// (`--set features=user_posts,comments`). Throws ProfileError on a type mismatch.
void set_fact(const Model& model, Profile& profile, FactId fact, const Literal& value);
void set_fact_from_text(const Model& model, Profile& profile, FactId fact, std::string_view text);
void unset_fact(Profile& profile, FactId fact);
void set_done(const Model& model, Profile& profile, const std::vector<std::string>& steps);
// Marks `step` done, and every step it requires, directly or not: an applicant who has
// activated the account has chosen its type too, whether the profile lists that or not.
void mark_done(const Model& model, Profile& profile, StepId step);

// A fact's value as the KB would write it (for evidence and explanations).
std::string describe_value(const Model& model, FactId fact, const FactValue& value);
// The same as the command line's `--set FACT=VALUE` reads it ("" when unknown).
std::string command_line_value(const Model& model, FactId fact, const FactValue& value);

}  // namespace mpadvisor::engine
