// Reading a profile's JSON: the fast reader for the usual profile, else one SAX pass of the
// full parser, setting facts as their values arrive.
#include <nlohmann/json.hpp>

#include "mpadvisor/engine/scratch.hpp"
#include "profile/messages.hpp"
#include "profile/readers.hpp"
#include "profile/value_builder.hpp"
#include "working_memory.hpp"

namespace mpadvisor::engine {

using json = nlohmann::json;
using namespace profile_detail;

namespace {

class ProfileReader final : public nlohmann::json_sax<json> {
 public:
  ProfileReader(const Model& model, Profile& profile) : model_(model), profile_(profile) {}

  // Throws the syntax error or the first content error, if any.
  void finish() const {
    if (!syntax_error_.en.empty()) throw ProfileError(syntax_error_, true);
    if (!content_error_.en.empty()) throw ProfileError(content_error_);
  }

  bool null() override {
    return scalar("null", [&] {});
  }
  bool boolean(bool b) override {
    return scalar("boolean", [&] { slot().boolean(b); });
  }
  bool number_integer(number_integer_t n) override { return number(static_cast<double>(n)); }
  bool number_unsigned(number_unsigned_t n) override { return number(static_cast<double>(n)); }
  bool number_float(number_float_t n, const string_t&) override { return number(n); }
  bool binary(binary_t&) override {
    return scalar("binary", [&] { mismatch(info(), says::json_value("binary")); });
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
    return scalar("string", [&] { slot().string(s); });
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
    syntax_error_ = says::not_json(e.what());
    return false;
  }

 private:
  // What the value of the current top-level entry goes to.
  enum class Target { ignore, fact, list, done, rejections };

  const FactInfo& info() const { return model_.facts()[fact_]; }

  void fail(base::Wording message) {
    if (content_error_.en.empty()) content_error_ = std::move(message);
    target_ = Target::ignore;
  }
  // Runs one step of reading, turning a ProfileError into the reader's content error.
  template <typename Step>
  void guarded(Step&& step) {
    if (!content_error_.en.empty()) return;
    try {
      step();
    } catch (const ProfileError& e) {
      fail(e.wording());
    }
  }
  // The current fact's value, built in place.
  ValueBuilder slot() { return {model_, fact_, profile_.facts[fact_]}; }

  void begin_entry(const std::string& key) {
    target_ = Target::ignore;
    if (!content_error_.en.empty() || (!key.empty() && key.front() == '_')) return;  // comments: "_description"
    // JSON leaves repeated names to the reader; a profile that gives a key twice is a mistake.
    auto once = [&](std::size_t slot) {
      if (seen_.empty()) seen_.assign(model_.facts().size() + 2, false);
      if (seen_[slot]) fail(says::given_twice(key));
      seen_[slot] = true;
      return content_error_.en.empty();
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
    return scalar("number", [&] { slot().number(n); });
  }

  // A scalar value: an entry's whole value at depth 1, or an item of a list at depth 2.
  template <typename Apply>
  bool scalar(const char* type, Apply&& apply) {
    if (skip_ > 0) return true;
    if (depth_ == 0) {
      fail(says::not_an_object());
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
    if (field_ == "message") fail(says::rejection_needs_message());
    if (field_ == "stage" || field_ == "date") fail(says::rejection_field_not_string(field_, type));
  }

  template <typename Apply>
  void entry_value(const char* type, Apply&& apply) {
    switch (target_) {
      case Target::fact:
        if (std::string_view(type) != "null") guarded(apply);  // null: explicitly unknown
        break;
      case Target::done:
        fail(says::done_not_a_list());
        break;
      case Target::rejections:
        fail(says::rejections_not_a_list());
        break;
      default:
        break;
    }
  }

  // An item of a list that is not a string (or, in `rejections`, not an object).
  void bad_item(const char* type) {
    if (target_ == Target::list) {
      guarded([&] { mismatch(info(), says::list_holding(type)); });
    } else if (target_ == Target::done) {
      fail(says::done_not_a_list());
    } else if (target_ == Target::rejections) {
      fail(says::rejection_needs_message());
    }
  }

  bool open(const char* type) {
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (depth_ == 0 && std::string_view(type) != "object") {
      fail(says::not_an_object());
      skip_ = 1;
      return true;
    }
    if (depth_ == 1) {
      bool const array = std::string_view(type) == "array";
      if (array && (target_ == Target::fact || target_ == Target::done)) {
        if (target_ == Target::fact) target_ = Target::list;
        items_.clear();
      } else if (!(array && target_ == Target::rejections)) {
        entry_value(type, [&] { mismatch(info(), says::json_value(type)); });
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
        guarded([&] { slot().items(items_); });
    } else if (depth_ == 2 && target_ == Target::rejections) {
      if (!has_message_ || blank(rejection_.message))
        fail(says::rejection_needs_message());
      else if (!rejection_.stage.empty() && !model_.find_step(rejection_.stage))
        fail(unknown_step_message(model_, {R"(a rejection's "stage")", "驳回记录的“stage”"}, rejection_.stage));
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
  base::Wording syntax_error_, content_error_;
};

}  // namespace

void profile_detail::read_profile_full(const Model& model, std::string_view text, Profile& into) {
  ProfileReader reader(model, into);
  json::sax_parse(text.begin(), text.end(), &reader);
  reader.finish();
}

Profile parse_profile(const Model& model, std::string_view text, std::int64_t now) {
  Profile p;
  parse_profile(model, text, now, p);
  return p;
}

namespace {

// Every fact unknown, nothing done, no rejections: the profile's storage kept.
void reset(const Model& model, std::int64_t now, Profile& p) {
  if (p.facts.size() != model.facts().size() || p.done.size() != model.steps().size()) {
    p = empty_profile(model, now);
    return;
  }
  // An unknown fact is always in its default state, so only known ones need resetting.
  for (FactValue& v : p.facts) {
    if (v.known) v.clear();
  }
  std::fill(p.done.begin(), p.done.end(), false);
  p.rejections.clear();
  p.as_of = now;
}

detail::ReadingMemory* reading_memory(Scratch* scratch) {
  return scratch != nullptr ? &scratch->working_memory().reading : nullptr;
}

// The moment the profile describes is its own as_of when it gives one.
void take_as_of(const Model& model, Profile& p) {
  if (auto as_of = model.find_fact(profile_field::kAsOf); as_of && p.facts[*as_of].known)
    p.as_of = p.facts[*as_of].time;
}

}  // namespace

void parse_profile(const Model& model, std::string_view text, std::int64_t now, Profile& p, Scratch* scratch) {
  reset(model, now, p);
  // Whatever the fast reader declines (a mistake, an escape) the full reader reads again.
  if (!profile_detail::read_profile_fast(model, text, p, nullptr, reading_memory(scratch))) {
    reset(model, now, p);
    profile_detail::read_profile_full(model, text, p);
  }
  take_as_of(model, p);
}

std::optional<std::size_t> read_profile_at(const Model& model, std::string_view text, std::int64_t now, Profile& p,
                                           Scratch* scratch) {
  reset(model, now, p);
  std::size_t taken = 0;
  if (!profile_detail::read_profile_fast(model, text, p, &taken, reading_memory(scratch))) return std::nullopt;
  take_as_of(model, p);
  return taken;
}

}  // namespace mpadvisor::engine
