#include "profile/value_builder.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string_view>

#include "compiled.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/dsl/suggest.hpp"

namespace mpadvisor::engine::profile_detail {

namespace {

std::string fact_list(const Model& model) {
  std::string out;
  for (const FactInfo& f : model.facts()) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

std::string values_list(const FactInfo& f) {
  std::string out;
  for (const std::string& v : f.values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

}  // namespace

std::string type_name(const FactInfo& f) {
  switch (f.type) {
    case FactType::boolean:
      return "true or false";
    case FactType::number:
      return "a number";
    case FactType::text:
      return "a string";
    case FactType::text_list:
      return "a list of strings";
    case FactType::enumeration:
      return "one of " + values_list(f);
    case FactType::enum_set:
      return "a list of " + values_list(f);
    case FactType::date:
      return "a date (YYYY-MM-DD)";
    case FactType::datetime:
      return "a date-time (YYYY-MM-DDTHH:MM:SS)";
  }
  return "a value";
}

void mismatch(const FactInfo& f, const std::string& got) {
  throw ProfileError("fact '" + f.name + "' expects " + type_name(f) + ", got " + got);
}

namespace {

// Fills the derived parts of a text value that conditions read: the compact form where one
// compares the text, the region it names where one places it, and its normalised form for
// them and for term searches. `searched_later`: a text only searched for terms is left for
// the first search to normalise (FactValue::searchable_text), if the diagnosis reaches one.
void derive_text(const Model& model, FactId id, FactValue& v, bool searched_later) {
  bool const compared = model.conditions().compared_exactly[id];
  const MatchTables& t = model.match_tables();
  if (searched_later && !compared && !t.fact_needs_regions[id]) return;
  normalize_text(v.text, v.normalized);
  if (compared) {
    v.compact.assign(v.normalized);
    std::erase(v.compact, ' ');
  }
  if (!t.fact_needs_regions[id]) return;
  TermHit hit;
  v.names_region = t.regions.find_first(v.normalized, nullptr);
  if (t.places.find_first(v.normalized, &hit)) v.province = t.place_province[hit.term];
}

// The index of `s` among the fact's values, or -1.
std::int32_t value_index(const Model& model, FactId fact, std::string_view s) {
  std::optional<std::uint32_t> const index = model.conditions().fact_values[fact].find(s);
  return index ? static_cast<std::int32_t>(*index) : -1;
}

// Nothing but white space: ASCII, the no-break space and the ideographic space (U+3000).
bool blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
      ++i;
    } else if (s.compare(i, 2, "\xC2\xA0") == 0) {
      i += 2;
    } else if (s.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

void check_number_bounds(const FactInfo& f, double n) {
  if (f.whole && n != std::floor(n)) {
    std::ostringstream given;
    given << n;
    throw ProfileError("fact '" + f.name + "' counts something: give a whole number, not " + given.str());
  }
  if (f.min && n < *f.min)
    throw ProfileError("fact '" + f.name + "' must be at least " + std::to_string(static_cast<long long>(*f.min)));
  if (f.max && n > *f.max)
    throw ProfileError("fact '" + f.name + "' must be at most " + std::to_string(static_cast<long long>(*f.max)));
}

}  // namespace

ValueBuilder::ValueBuilder(const Model& model, FactId id, FactValue* slot)
    : model_(model),
      id_(id),
      f_(model.facts()[id]),
      v_(slot != nullptr ? *slot : own_.emplace()),
      searched_later_(slot != nullptr) {
  if (v_.known) v_.clear();  // an unknown value is always clear
  v_.known = true;
}

FactValue&& ValueBuilder::boolean(bool b) {
  if (f_.type != FactType::boolean) mismatch(f_, b ? "true" : "false");
  v_.boolean = b;
  return std::move(v_);
}
FactValue&& ValueBuilder::number(double n) {
  if (f_.type != FactType::number) mismatch(f_, "a number");
  check_number_bounds(f_, n);
  v_.number = n;
  return std::move(v_);
}
FactValue&& ValueBuilder::string(std::string_view s) {
  switch (f_.type) {
    case FactType::text:
      if (blank(s)) throw ProfileError("fact '" + f_.name + "' is blank; leave it out if it is not known yet");
      if (f_.max_length && static_cast<double>(base::utf8::count_code_points(s)) > *f_.max_length) {
        throw ProfileError("fact '" + f_.name + "' is longer than " + std::to_string(static_cast<int>(*f_.max_length)) +
                           " characters");
      }
      v_.text.assign(s);
      derive_text(model_, id_, v_, searched_later_);
      return std::move(v_);
    case FactType::enumeration:
      v_.enum_index = value_index(model_, id_, s);
      if (v_.enum_index < 0) {
        throw ProfileError("fact '" + f_.name + "' has no value '" + std::string(s) + "' (expected one of " +
                           values_list(f_) + ")");
      }
      v_.text.assign(s);
      return std::move(v_);
    case FactType::date:
    case FactType::datetime: {
      base::ParsedTime const t = base::parse_time(s);
      if (!t.ok()) throw ProfileError("fact '" + f_.name + "': " + t.error);
      v_.time = t.seconds;
      v_.text.assign(s);
      return std::move(v_);
    }
    default:
      mismatch(f_, "a string");
  }
}
FactValue&& ValueBuilder::time(std::int64_t seconds, std::string_view spelling) {
  if (f_.type != FactType::date && f_.type != FactType::datetime) mismatch(f_, std::string(spelling));
  v_.time = seconds;
  v_.text.assign(spelling);
  return std::move(v_);
}

FactValue&& ValueBuilder::items(std::span<const std::string_view> items) {
  if (f_.type == FactType::text_list) {
    bool const compared = model_.conditions().compared_exactly[id_];
    for (std::string_view item : items) {
      v_.list.emplace_back(item);
      normalize_text(item, v_.item_texts.emplace_back());
      if (!compared) continue;
      std::string& compact = v_.normalized_items.emplace_back(v_.item_texts.back());
      std::erase(compact, ' ');
    }
    return std::move(v_);
  }
  if (f_.type != FactType::enum_set) mismatch(f_, "a list");
  for (std::string_view item : items) {
    std::int32_t const index = value_index(model_, id_, item);
    if (index < 0) {
      throw ProfileError("fact '" + f_.name + "' has no value '" + std::string(item) + "' (expected any of " +
                         values_list(f_) + ")");
    }
    if (v_.set_bits & (1ull << index))
      throw ProfileError("fact '" + f_.name + "' lists '" + std::string(item) + "' twice");
    v_.set_bits |= 1ull << index;
    v_.list.emplace_back(item);
  }
  return std::move(v_);
}

FactValue&& ValueBuilder::items(const std::vector<std::string>& items) {
  std::vector<std::string_view> const views(items.begin(), items.end());
  return this->items(std::span<const std::string_view>(views));
}

FactId fact_named(const Model& model, std::string_view name) {
  if (auto id = model.find_fact(name)) return *id;
  std::vector<std::string> names;
  for (const FactInfo& f : model.facts()) names.push_back(f.name);
  std::string message = "unknown fact '" + std::string(name) + "'";
  if (auto best = dsl::closest_match(name, names))
    message += "; did you mean '" + *best + "'?";
  else
    message += " (the KB declares: " + fact_list(model) + ")";
  throw ProfileError(message);
}

// "<where> names an unknown step 'x'; did you mean 'y'?"
std::string unknown_step_message(const Model& model, const std::string& where, std::string_view step) {
  std::vector<std::string> names;
  for (const StepInfo& st : model.steps()) names.push_back(st.name);
  std::string message = where + " names an unknown step '" + std::string(step) + "'";
  if (auto best = dsl::closest_match(step, names)) message += "; did you mean '" + *best + "'?";
  return message;
}

void mark_done(const Model& model, Profile& profile, std::span<const std::string_view> steps) {
  for (std::string_view s : steps) {
    auto id = model.find_step(s);
    if (!id) throw ProfileError(unknown_step_message(model, "'done'", s));
    profile.done[*id] = true;
  }
}

}  // namespace mpadvisor::engine::profile_detail
