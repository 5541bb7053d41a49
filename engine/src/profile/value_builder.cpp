#include "profile/value_builder.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "compiled.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/engine/closest_name.hpp"
#include "profile/messages.hpp"

namespace mpadvisor::engine::profile_detail {

namespace {

std::string fact_list(const Model& model) {
  std::string out;
  for (const FactInfo& f : model.facts()) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

}  // namespace

void mismatch(const FactInfo& f, const base::Wording& given) { throw ProfileError(says::expects(f, given)); }

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

void check_number_bounds(const FactInfo& f, double n) {
  if (f.whole && n != std::floor(n)) {
    throw ProfileError(says::not_whole(f, n));
  }
  if (f.min && n < *f.min) throw ProfileError(says::below_minimum(f));
  if (f.max && n > *f.max) throw ProfileError(says::above_maximum(f));
}

}  // namespace

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
  if (f_.type != FactType::boolean) mismatch(f_, b ? base::Wording{"true", "true"} : base::Wording{"false", "false"});
  v_.boolean = b;
  return std::move(v_);
}
FactValue&& ValueBuilder::number(double n) {
  if (f_.type != FactType::number) mismatch(f_, {"a number", "数字"});
  check_number_bounds(f_, n);
  v_.number = n;
  return std::move(v_);
}
FactValue&& ValueBuilder::string(std::string_view s) {
  switch (f_.type) {
    case FactType::text:
      if (blank(s)) throw ProfileError(says::blank(f_));
      if (f_.max_length && static_cast<double>(base::utf8::count_code_points(s)) > *f_.max_length) {
        throw ProfileError(says::too_long(f_));
      }
      v_.text.assign(s);
      derive_text(model_, id_, v_, searched_later_);
      return std::move(v_);
    case FactType::enumeration:
      v_.enum_index = value_index(model_, id_, s);
      if (v_.enum_index < 0) {
        throw ProfileError(says::no_such_value(f_, s, false));
      }
      v_.text.assign(s);
      return std::move(v_);
    case FactType::date:
    case FactType::datetime: {
      base::ParsedTime const t = base::parse_time(s);
      if (!t.ok()) throw ProfileError(says::bad_date(f_, t.error));
      v_.time = t.seconds;
      v_.text.assign(s);
      return std::move(v_);
    }
    default:
      mismatch(f_, {"a string", "字符串"});
  }
}
FactValue&& ValueBuilder::time(std::int64_t seconds, std::string_view spelling) {
  if (f_.type != FactType::date && f_.type != FactType::datetime)
    mismatch(f_, {std::string(spelling), std::string(spelling)});
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
  if (f_.type != FactType::enum_set) mismatch(f_, {"a list", "列表"});
  for (std::string_view item : items) {
    std::int32_t const index = value_index(model_, id_, item);
    if (index < 0) {
      throw ProfileError(says::no_such_value(f_, item, true));
    }
    if (v_.set_bits & (1ull << index)) throw ProfileError(says::listed_twice(f_, item));
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
  std::optional<std::string> const best = closest_name(model, name, kFactNames);
  throw ProfileError(says::unknown_fact(name, best, best ? std::string() : fact_list(model)));
}

base::Wording unknown_step_message(const Model& model, const base::Wording& where, std::string_view step) {
  return says::unknown_step(where, step, closest_name(model, step, kStepNames));
}

void mark_done(const Model& model, Profile& profile, std::span<const std::string_view> steps) {
  for (std::string_view s : steps) {
    auto id = model.find_step(s);
    if (!id) throw ProfileError(unknown_step_message(model, {"'done'", "“done”"}, s));
    engine::mark_done(model, profile, *id);
  }
}

}  // namespace mpadvisor::engine::profile_detail
