// Profiles: empty ones, facts set one at a time (scenarios, fixes, --set), and facts
// described as the KB would write them.
#include "mpadvisor/engine/profile.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/engine/normalize.hpp"
#include "profile/messages.hpp"
#include "profile/value_builder.hpp"

namespace mpadvisor::engine {

using json = nlohmann::json;
using namespace profile_detail;

Profile empty_profile(const Model& model, std::int64_t now) {
  Profile p;
  p.facts.resize(model.facts().size());
  p.done.assign(model.steps().size(), false);
  p.as_of = now;
  return p;
}

void set_done(const Model& model, Profile& profile, const std::vector<std::string>& steps) {
  std::vector<std::string_view> const names(steps.begin(), steps.end());
  mark_done(model, profile, names);
}

void mark_done(const Model& model, Profile& profile, StepId step) {
  for (StepId s : model.scope(step).steps) profile.done[s] = true;
}

std::string_view FactValue::searchable_text(std::string& buffer) const {
  if (!normalized.empty() || text.empty()) return normalized;
  normalize_text(text, buffer);
  return buffer;
}

void keep_searchable_texts(const Model& model, Profile& profile) {
  for (FactId f = 0; f < profile.facts.size(); ++f) {
    FactValue& v = profile.facts[f];
    if (v.known && model.facts()[f].type == FactType::text && v.normalized.empty())
      normalize_text(v.text, v.normalized);
  }
}

void FactValue::clear() {
  known = boolean = names_region = false;
  number = 0;
  time = 0;
  enum_index = province = -1;
  set_bits = 0;
  text.clear();
  list.clear();
  normalized.clear();
  compact.clear();
  normalized_items.clear();
  item_texts.clear();
}

void set_fact(const Model& model, Profile& profile, FactId id, const Literal& v) {
  ValueBuilder b(model, id);
  switch (v.kind) {
    case Literal::Kind::boolean:
      profile.facts[id] = b.boolean(v.boolean);
      break;
    case Literal::Kind::number:
      profile.facts[id] = b.number(v.number);
      break;
    case Literal::Kind::text:
    case Literal::Kind::symbol:
      profile.facts[id] = b.string(v.text);
      break;
    case Literal::Kind::date:
      profile.facts[id] = b.time(v.time, v.spelling);
      break;
    case Literal::Kind::list: {
      std::vector<std::string> items;
      for (const Literal& item : v.items) items.push_back(item.text);
      profile.facts[id] = b.items(items);
      break;
    }
  }
  if (model.facts()[id].name == profile_field::kAsOf) profile.as_of = profile.facts[id].time;
}

void set_fact_from_text(const Model& model, Profile& profile, FactId id, std::string_view text) {
  const FactInfo& f = model.facts()[id];
  ValueBuilder b(model, id);
  std::string const s(text);
  switch (f.type) {
    case FactType::boolean:
      if (s != "true" && s != "false") mismatch(f, profile_detail::says::spelled(s));
      profile.facts[id] = b.boolean(s == "true");
      break;
    case FactType::number: {
      double n = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec != std::errc{} || p != s.data() + s.size()) mismatch(f, profile_detail::says::spelled(s));
      profile.facts[id] = b.number(n);
      break;
    }
    case FactType::text_list:
    case FactType::enum_set: {
      std::vector<std::string> items;
      std::size_t start = 0;
      while (start <= s.size() && !s.empty()) {
        std::size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        if (comma > start) items.push_back(s.substr(start, comma - start));
        start = comma + 1;
      }
      profile.facts[id] = b.items(items);
      break;
    }
    default:
      profile.facts[id] = b.string(s);
  }
  if (f.name == profile_field::kAsOf) profile.as_of = profile.facts[id].time;
}

void unset_fact(Profile& profile, FactId id) { profile.facts[id] = FactValue{}; }

namespace {

// A value as the KB writes it (texts quoted, lists in brackets) or as the command line's
// `--set FACT=VALUE` reads it (bare text, items joined by commas).
enum class Spelling { kb, command_line };

std::string spell(const Model& model, FactId id, const FactValue& v, Spelling spelling) {
  const FactInfo& f = model.facts()[id];
  bool const kb = spelling == Spelling::kb;
  auto quote = [&](const std::string& s) { return kb ? json(s).dump() : s; };
  switch (f.type) {
    case FactType::boolean:
      return v.boolean ? "true" : "false";
    case FactType::number: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.number);
      return buf;
    }
    case FactType::text:
      return quote(v.text);
    case FactType::enumeration:
      return v.text;
    case FactType::date:
      return base::format_date(v.time);
    case FactType::datetime:
      return base::format_datetime(v.time);
    case FactType::text_list:
    case FactType::enum_set: {
      std::string out;
      for (const std::string& item : v.list) {
        out += (out.empty() ? "" : kb ? ", " : ",") + (f.type == FactType::text_list ? quote(item) : item);
      }
      return kb ? "[" + out + "]" : out;
    }
  }
  return "";
}

}  // namespace

std::string describe_value(const Model& model, FactId id, const FactValue& v) {
  return v.known ? spell(model, id, v, Spelling::kb) : "unknown";
}

std::string command_line_value(const Model& model, FactId id, const FactValue& v) {
  return v.known ? spell(model, id, v, Spelling::command_line) : "";
}

}  // namespace mpadvisor::engine
