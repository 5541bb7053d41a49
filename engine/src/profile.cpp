// Profiles: JSON in, validated fact values out. Every error names the field and what the
// KB expected, so the CLI can print it as one line.
#include "mpadvisor/engine/profile.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "compiled.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/dsl/suggest.hpp"
#include "mpadvisor/dsl/symbols.hpp"

namespace mpadvisor::engine {

namespace ast = dsl::ast;
using json = nlohmann::json;

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

std::string type_name(const FactInfo& f) {
  switch (f.type) {
    case ast::FactType::boolean:
      return "true or false";
    case ast::FactType::number:
      return "a number";
    case ast::FactType::text:
      return "a string";
    case ast::FactType::text_list:
      return "a list of strings";
    case ast::FactType::enumeration:
      return "one of " + values_list(f);
    case ast::FactType::enum_set:
      return "a list of " + values_list(f);
    case ast::FactType::date:
      return "a date (YYYY-MM-DD)";
    case ast::FactType::datetime:
      return "a date-time (YYYY-MM-DDTHH:MM:SS)";
  }
  return "a value";
}

[[noreturn]] void mismatch(const FactInfo& f, const std::string& got) {
  throw ProfileError("fact '" + f.name + "' expects " + type_name(f) + ", got " + got);
}

// Fills the derived parts of a text value: its normalised form and the region it names.
void derive_text(const Model& model, FactId id, FactValue& v) {
  v.normalized = normalize(v.text);
  v.compact = v.normalized.text;
  std::erase(v.compact, ' ');
  const MatchTables& t = model.match_tables();
  if (!t.fact_needs_regions[id]) return;
  TermHit hit;
  if (t.regions.find_first(v.normalized.text, &hit)) {
    v.province = t.region_province[hit.term];
    v.names_region = true;
  }
}

void check_number_bounds(const FactInfo& f, double n) {
  if (f.min && n < *f.min)
    throw ProfileError("fact '" + f.name + "' must be at least " + std::to_string(static_cast<long long>(*f.min)));
  if (f.max && n > *f.max)
    throw ProfileError("fact '" + f.name + "' must be at most " + std::to_string(static_cast<long long>(*f.max)));
}

// The shared core of every way of setting a fact: typed pieces in, checked value out.
class ValueBuilder {
 public:
  ValueBuilder(const Model& model, FactId id) : model_(model), id_(id), f_(model.facts()[id]) { v_.known = true; }

  FactValue boolean(bool b) {
    if (f_.type != ast::FactType::boolean) mismatch(f_, b ? "true" : "false");
    v_.boolean = b;
    return std::move(v_);
  }
  FactValue number(double n) {
    if (f_.type != ast::FactType::number) mismatch(f_, "a number");
    check_number_bounds(f_, n);
    v_.number = n;
    return std::move(v_);
  }
  FactValue string(const std::string& s) {
    switch (f_.type) {
      case ast::FactType::text:
        if (f_.max_length && static_cast<double>(base::utf8::count_code_points(s)) > *f_.max_length) {
          throw ProfileError("fact '" + f_.name + "' is longer than " +
                             std::to_string(static_cast<int>(*f_.max_length)) + " characters");
        }
        v_.text = s;
        derive_text(model_, id_, v_);
        return std::move(v_);
      case ast::FactType::enumeration: {
        auto it = std::find(f_.values.begin(), f_.values.end(), s);
        if (it == f_.values.end())
          throw ProfileError("fact '" + f_.name + "' has no value '" + s + "' (expected one of " + values_list(f_) +
                             ")");
        v_.enum_index = static_cast<std::int32_t>(it - f_.values.begin());
        v_.text = s;
        return std::move(v_);
      }
      case ast::FactType::date:
      case ast::FactType::datetime: {
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
  FactValue items(const std::vector<std::string>& items) {
    if (f_.type == ast::FactType::text_list) {
      v_.list = items;
      for (const std::string& item : items) {
        v_.item_texts.push_back(normalize(item));
        v_.normalized_items.push_back(v_.item_texts.back().text);
        std::erase(v_.normalized_items.back(), ' ');
      }
      return std::move(v_);
    }
    if (f_.type != ast::FactType::enum_set) mismatch(f_, "a list");
    for (const std::string& item : items) {
      auto it = std::find(f_.values.begin(), f_.values.end(), item);
      if (it == f_.values.end()) {
        throw ProfileError("fact '" + f_.name + "' has no value '" + item + "' (expected any of " + values_list(f_) +
                           ")");
      }
      v_.set_bits |= 1ull << (it - f_.values.begin());
      v_.list.push_back(item);
    }
    return std::move(v_);
  }

 private:
  const Model& model_;
  FactId id_;
  const FactInfo& f_;
  FactValue v_;
};

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
// read, so that a JSON syntax error anywhere is what the user hears about first.
class ProfileReader final : public nlohmann::json_sax<json> {
 public:
  ProfileReader(const Model& model, Profile& profile) : model_(model), profile_(profile) {}

  // Throws the syntax error or the first content error, if any.
  void finish() const {
    if (!syntax_error_.empty()) throw ProfileError(syntax_error_);
    if (!content_error_.empty()) throw ProfileError(content_error_);
  }

  bool null() override {
    return scalar("null", [&] {});
  }
  bool boolean(bool b) override {
    return scalar("boolean", [&] { set(ValueBuilder(model_, fact_).boolean(b)); });
  }
  bool number_integer(number_integer_t n) override { return number(static_cast<double>(n)); }
  bool number_unsigned(number_unsigned_t n) override { return number(static_cast<double>(n)); }
  bool number_float(number_float_t n, const string_t&) override { return number(n); }
  bool binary(binary_t&) override {
    return scalar("binary", [&] { mismatch(info(), "a JSON binary"); });
  }
  bool string(string_t& s) override {
    if (skip_ > 0) return true;
    if (depth_ == 2 && (target_ == Target::list || target_ == Target::done)) {
      items_.push_back(std::move(s));
      return true;
    }
    if (depth_ == 3 && target_ == Target::rejections) {
      if (field_ == "message") {
        rejection_.message = std::move(s);
        has_message_ = true;
      } else if (field_ == "stage") {
        rejection_.stage = std::move(s);
      } else if (field_ == "date") {
        rejection_.date = std::move(s);
      }
      return true;
    }
    return scalar("string", [&] { set(ValueBuilder(model_, fact_).string(s)); });
  }

  bool start_object(std::size_t) override { return open("object"); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open("array"); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (skip_ > 0) return true;
    if (depth_ == 1) begin_entry(k);
    if (depth_ == 3) field_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    syntax_error_ = std::string("the profile is not valid JSON: ") + e.what();
    return false;
  }

 private:
  // What the value of the current top-level entry goes to.
  enum class Target { ignore, fact, list, done, rejections };

  const FactInfo& info() const { return model_.facts()[fact_]; }

  void fail(std::string message) {
    if (content_error_.empty()) content_error_ = std::move(message);
    target_ = Target::ignore;
  }
  // Runs one step of reading, turning a ProfileError into the reader's content error.
  template <typename Step>
  void guarded(Step&& step) {
    if (!content_error_.empty()) return;
    try {
      step();
    } catch (const ProfileError& e) {
      fail(e.what());
    }
  }
  void set(FactValue v) { profile_.facts[fact_] = std::move(v); }

  void begin_entry(const std::string& key) {
    target_ = Target::ignore;
    if (!content_error_.empty() || (!key.empty() && key.front() == '_')) return;  // comments: "_description"
    // JSON leaves repeated names to the reader; a profile that gives a key twice is a mistake.
    auto once = [&](std::size_t slot) {
      if (seen_.empty()) seen_.assign(model_.facts().size() + 2, false);
      if (seen_[slot]) fail("'" + key + "' is given more than once");
      seen_[slot] = true;
      return content_error_.empty();
    };
    std::size_t const facts = model_.facts().size();
    if (key == profile_field::kDone) {
      if (once(facts)) target_ = Target::done;
    } else if (key == profile_field::kRejections) {
      if (once(facts + 1)) target_ = Target::rejections;
    } else {
      guarded([&] {
        fact_ = fact_named(model_, key);
        if (once(fact_)) target_ = Target::fact;
      });
    }
  }

  bool number(double n) {
    return scalar("number", [&] { set(ValueBuilder(model_, fact_).number(n)); });
  }

  // A scalar value: an entry's whole value at depth 1, or an item of a list at depth 2.
  template <typename Apply>
  bool scalar(const char* type, Apply&& apply) {
    if (skip_ > 0) return true;
    if (depth_ == 0) {
      fail("the profile must be a JSON object of fact names and values");
    } else if (depth_ == 1) {
      entry_value(type, apply);
    } else if (depth_ == 2) {
      bad_item(type);
    } else if (depth_ == 3) {
      rejection_field(type);
    }
    return true;
  }

  // A rejection's field that is not a string.
  void rejection_field(const char* type) {
    if (target_ != Target::rejections) return;
    if (field_ == "message") fail("each rejection needs a \"message\" string");
    if (field_ == "stage" || field_ == "date")
      fail("a rejection's \"" + field_ + "\" must be a string, not " + (std::string("a JSON ") + type));
  }

  template <typename Apply>
  void entry_value(const char* type, Apply&& apply) {
    switch (target_) {
      case Target::fact:
        if (std::string_view(type) != "null") guarded(apply);  // null: explicitly unknown
        break;
      case Target::done:
        fail("'done' must be a list of step names");
        break;
      case Target::rejections:
        fail("'rejections' must be a list of {\"stage\", \"message\"} objects");
        break;
      default:
        break;
    }
  }

  // An item of a list that is not a string (or, in `rejections`, not an object).
  void bad_item(const char* type) {
    if (target_ == Target::list) {
      guarded([&] { mismatch(info(), std::string("a list holding ") + type); });
    } else if (target_ == Target::done) {
      fail("'done' must be a list of step names");
    } else if (target_ == Target::rejections) {
      fail("each rejection needs a \"message\" string");
    }
  }

  bool open(const char* type) {
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (depth_ == 0 && std::string_view(type) != "object") {
      fail("the profile must be a JSON object of fact names and values");
      skip_ = 1;
      return true;
    }
    if (depth_ == 1) {
      bool const array = std::string_view(type) == "array";
      if (array && (target_ == Target::fact || target_ == Target::done)) {
        if (target_ == Target::fact) target_ = Target::list;
        items_.clear();
      } else if (!(array && target_ == Target::rejections)) {
        entry_value(type, [&] { mismatch(info(), std::string("a JSON ") + type); });
        skip_ = 1;
        return true;
      }
    } else if (depth_ == 2) {
      if (target_ == Target::rejections && std::string_view(type) == "object") {
        rejection_ = {};
        has_message_ = false;
        field_.clear();
      } else {
        bad_item(type);
        skip_ = 1;
        return true;
      }
    } else if (depth_ == 3) {
      rejection_field(type);
      skip_ = 1;
      return true;
    }
    ++depth_;
    return true;
  }

  bool close() {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    --depth_;
    if (depth_ == 1 && (target_ == Target::list || target_ == Target::done)) {
      if (target_ == Target::done)
        guarded([&] { set_done(model_, profile_, items_); });
      else
        guarded([&] { set(ValueBuilder(model_, fact_).items(items_)); });
    } else if (depth_ == 2 && target_ == Target::rejections) {
      if (!has_message_)
        fail("each rejection needs a \"message\" string");
      else if (!rejection_.stage.empty() && !model_.find_step(rejection_.stage))
        fail(unknown_step_message(model_, "a rejection's \"stage\"", rejection_.stage));
      else
        profile_.rejections.push_back(std::move(rejection_));
    }
    return true;
  }

  const Model& model_;
  Profile& profile_;
  int depth_ = 0;  // open containers we are inside (the profile object is depth 1)
  int skip_ = 0;   // >0 while inside a value that is ignored
  Target target_ = Target::ignore;
  FactId fact_ = kNone;
  std::vector<std::string> items_;
  Rejection rejection_;
  bool has_message_ = false;
  std::string field_;       // the current key inside a rejection
  std::vector<bool> seen_;  // by fact id, then `done` and `rejections`: keys given so far
  std::string syntax_error_, content_error_;
};

}  // namespace

Profile empty_profile(const Model& model, std::int64_t now) {
  Profile p;
  p.facts.resize(model.facts().size());
  p.done.assign(model.steps().size(), false);
  p.as_of = now;
  return p;
}

void set_done(const Model& model, Profile& profile, const std::vector<std::string>& steps) {
  for (const std::string& s : steps) {
    auto id = model.find_step(s);
    if (!id) throw ProfileError(unknown_step_message(model, "'done'", s));
    profile.done[*id] = true;
  }
}

Profile parse_profile(const Model& model, std::string_view text, std::int64_t now) {
  Profile p;
  parse_profile(model, text, now, p);
  return p;
}

void parse_profile(const Model& model, std::string_view text, std::int64_t now, Profile& p) {
  if (p.facts.size() != model.facts().size() || p.done.size() != model.steps().size()) {
    p = empty_profile(model, now);
  } else {
    // An unknown fact is always in its default state, so only known ones need resetting.
    for (FactValue& v : p.facts) {
      if (v.known) v = FactValue{};
    }
    std::fill(p.done.begin(), p.done.end(), false);
    p.rejections.clear();
    p.as_of = now;
  }
  ProfileReader reader(model, p);
  json::sax_parse(text.begin(), text.end(), &reader);
  reader.finish();
  if (auto as_of = model.find_fact(profile_field::kAsOf); as_of && p.facts[*as_of].known)
    p.as_of = p.facts[*as_of].time;
}

void set_fact(const Model& model, Profile& profile, FactId id, const ast::Value& v) {
  ValueBuilder b(model, id);
  switch (v.kind) {
    case ast::ValueKind::boolean:
      profile.facts[id] = b.boolean(v.boolean);
      break;
    case ast::ValueKind::number:
      profile.facts[id] = b.number(v.number);
      break;
    case ast::ValueKind::string:
    case ast::ValueKind::symbol:
      profile.facts[id] = b.string(v.text);
      break;
    case ast::ValueKind::date: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", v.date.year, v.date.month, v.date.day,
                    v.date.has_time() ? v.date.hour : 0, v.date.minute);
      profile.facts[id] = b.string(buf);
      break;
    }
    case ast::ValueKind::list: {
      std::vector<std::string> items;
      for (const ast::Value& item : v.items) items.push_back(item.text);
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
    case ast::FactType::boolean:
      if (s != "true" && s != "false") mismatch(f, "'" + s + "'");
      profile.facts[id] = b.boolean(s == "true");
      break;
    case ast::FactType::number: {
      double n = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec != std::errc{} || p != s.data() + s.size()) mismatch(f, "'" + s + "'");
      profile.facts[id] = b.number(n);
      break;
    }
    case ast::FactType::text_list:
    case ast::FactType::enum_set: {
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

std::string describe_value(const Model& model, FactId id, const FactValue& v) {
  if (!v.known) return "unknown";
  const FactInfo& f = model.facts()[id];
  auto quote = [](const std::string& s) { return json(s).dump(); };
  switch (f.type) {
    case ast::FactType::boolean:
      return v.boolean ? "true" : "false";
    case ast::FactType::number: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.number);
      return buf;
    }
    case ast::FactType::text:
      return quote(v.text);
    case ast::FactType::enumeration:
      return v.text;
    case ast::FactType::date:
      return base::format_date(v.time);
    case ast::FactType::datetime:
      return base::format_datetime(v.time);
    case ast::FactType::text_list:
    case ast::FactType::enum_set: {
      std::string out;
      for (const std::string& item : v.list) {
        out += (out.empty() ? "" : ", ") + (f.type == ast::FactType::text_list ? quote(item) : item);
      }
      return "[" + out + "]";
    }
  }
  return "";
}

}  // namespace mpadvisor::engine
