// Setting one fact: the checks every way of giving a value shares (the profile reader, the
// command line's --set, scenarios and fixes), so a value is valid or not the same way
// whichever door it comes in by.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine::profile_detail {

// "fact 'x' expects a number, got …": `given` says what was given, in both languages.
[[noreturn]] void mismatch(const FactInfo& f, const base::Wording& given);

// Typed pieces in, a checked FactValue out; throws ProfileError naming the fact. Built either
// in the builder (each call returns the value to move away) or straight into a profile's slot
// (cleared first, its storage reused: the profile reader refills the same slots profile after
// profile). A throw leaves that slot unspecified, so a caller that must keep the old value on
// a mistake builds into the builder.
//
// Into a slot, a text only searched for terms is left for its first search to normalise
// (FactValue::searchable_text): a diagnosis reaches about half of a profile's texts. A value
// built to keep (a model's answers and givens, a plan's edits) is normalised at once, as it
// is read again and again.
class ValueBuilder {
 public:
  ValueBuilder(const Model& model, FactId id) : ValueBuilder(model, id, nullptr) {}
  ValueBuilder(const Model& model, FactId id, FactValue& out) : ValueBuilder(model, id, &out) {}
  ValueBuilder(const ValueBuilder&) = delete;
  ValueBuilder& operator=(const ValueBuilder&) = delete;

  FactValue&& boolean(bool b);
  FactValue&& number(double n);
  FactValue&& string(std::string_view s);
  FactValue&& time(std::int64_t seconds, std::string_view spelling);
  FactValue&& items(std::span<const std::string_view> items);
  FactValue&& items(const std::vector<std::string>& items);

 private:
  ValueBuilder(const Model& model, FactId id, FactValue* slot);

  const Model& model_;
  FactId id_;
  const FactInfo& f_;
  // The value, when built to keep rather than into a slot: a reader fills dozens of slots a
  // profile, and would otherwise make and destroy an empty value for each.
  std::optional<FactValue> own_;
  FactValue& v_;
  bool searched_later_;  // into a slot: see above
};

// Nothing but white space: ASCII, the no-break space and the ideographic space (U+3000).
bool blank(std::string_view s);
// The id of a fact named in a profile; an unknown name is an error with a did-you-mean.
FactId fact_named(const Model& model, std::string_view name);
// Marks steps done; an unknown step name is an error with a did-you-mean.
void mark_done(const Model& model, Profile& profile, std::span<const std::string_view> steps);
// "<where> names an unknown step 'x'; did you mean 'y'?"
base::Wording unknown_step_message(const Model& model, const base::Wording& where, std::string_view step);

}  // namespace mpadvisor::engine::profile_detail
