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

// Fills the derived parts of a text value: its normalised form and the region it names.
void derive_text(const Model& model, FactId id, FactValue& v) {
  v.normalized = normalize(v.text);
  v.compact = v.normalized.text;
  std::erase(v.compact, ' ');
  const MatchTables& t = model.match_tables();
  if (!t.fact_needs_regions[id]) return;
  TermHit hit;
  v.names_region = t.regions.find_first(v.normalized.text, nullptr);
  if (t.places.find_first(v.normalized.text, &hit)) v.province = t.place_province[hit.term];
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

FactValue ValueBuilder::boolean(bool b) {
  if (f_.type != FactType::boolean) mismatch(f_, b ? "true" : "false");
  v_.boolean = b;
  return std::move(v_);
}
FactValue ValueBuilder::number(double n) {
  if (f_.type != FactType::number) mismatch(f_, "a number");
  check_number_bounds(f_, n);
  v_.number = n;
  return std::move(v_);
}
FactValue ValueBuilder::string(const std::string& s) {
  switch (f_.type) {
    case FactType::text:
      if (blank(s)) throw ProfileError("fact '" + f_.name + "' is blank; leave it out if it is not known yet");
      if (f_.max_length && static_cast<double>(base::utf8::count_code_points(s)) > *f_.max_length) {
        throw ProfileError("fact '" + f_.name + "' is longer than " + std::to_string(static_cast<int>(*f_.max_length)) +
                           " characters");
      }
      v_.text = s;
      derive_text(model_, id_, v_);
      return std::move(v_);
    case FactType::enumeration: {
      auto it = std::find(f_.values.begin(), f_.values.end(), s);
      if (it == f_.values.end())
        throw ProfileError("fact '" + f_.name + "' has no value '" + s + "' (expected one of " + values_list(f_) + ")");
      v_.enum_index = static_cast<std::int32_t>(it - f_.values.begin());
      v_.text = s;
      return std::move(v_);
    }
    case FactType::date:
    case FactType::datetime: {
      base::ParsedTime const t = base::parse_time(s);
      if (!t.ok()) throw ProfileError("fact '" + f_.name + "': " + t.error);
      v_.time = t.seconds;
      v_.text = s;
      return std::move(v_);
    }
    default:
      mismatch(f_, "a string");
  }
}
FactValue ValueBuilder::time(std::int64_t seconds, const std::string& spelling) {
  if (f_.type != FactType::date && f_.type != FactType::datetime) mismatch(f_, spelling);
  v_.time = seconds;
  v_.text = spelling;
  return std::move(v_);
}

FactValue ValueBuilder::items(const std::vector<std::string>& items) {
  if (f_.type == FactType::text_list) {
    v_.list = items;
    for (const std::string& item : items) {
      v_.item_texts.push_back(normalize(item));
      v_.normalized_items.push_back(v_.item_texts.back().text);
      std::erase(v_.normalized_items.back(), ' ');
    }
    return std::move(v_);
  }
  if (f_.type != FactType::enum_set) mismatch(f_, "a list");
  for (const std::string& item : items) {
    auto it = std::find(f_.values.begin(), f_.values.end(), item);
    if (it == f_.values.end()) {
      throw ProfileError("fact '" + f_.name + "' has no value '" + item + "' (expected any of " + values_list(f_) +
                         ")");
    }
    if (v_.set_bits & (1ull << (it - f_.values.begin())))
      throw ProfileError("fact '" + f_.name + "' lists '" + item + "' twice");
    v_.set_bits |= 1ull << (it - f_.values.begin());
    v_.list.push_back(item);
  }
  return std::move(v_);
}

FactId fact_named(const Model& model, const std::string& name) {
  if (auto id = model.find_fact(name)) return *id;
  std::vector<std::string> names;
  for (const FactInfo& f : model.facts()) names.push_back(f.name);
  std::string message = "unknown fact '" + name + "'";
  if (auto best = dsl::closest_match(name, names))
    message += "; did you mean '" + *best + "'?";
  else
    message += " (the KB declares: " + fact_list(model) + ")";
  throw ProfileError(message);
}

// "<where> names an unknown step 'x'; did you mean 'y'?"
std::string unknown_step_message(const Model& model, const std::string& where, const std::string& step) {
  std::vector<std::string> names;
  for (const StepInfo& st : model.steps()) names.push_back(st.name);
  std::string message = where + " names an unknown step '" + step + "'";
  if (auto best = dsl::closest_match(step, names)) message += "; did you mean '" + *best + "'?";
  return message;
}

// Reads a profile in one pass over its JSON text, setting facts as their values arrive: no
// document tree is built, which was most of the cost of replaying stored cases. Only the
// first problem with the content is kept, and only reported once the whole text has been
}  // namespace mpadvisor::engine::profile_detail
