// libFuzzer target for the profile readers (engine/src/profile/) on the shipped KB. Any
// input must either give a profile or throw ProfileError (nothing else, no crash); reading it
// into a profile already used for another input must give the same result; and whatever the
// fast reader takes, the full reader must read to the very same profile.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "profile/readers.hpp"

namespace {

using namespace mpadvisor;

const engine::Model& shipped() {
  static std::shared_ptr<const engine::Model> model = [] {
    dsl::KbCheck checked = dsl::load_and_check(MPADVISOR_KB_DIR);
    if (!checked.kb) std::abort();
    return engine::compile(*checked.kb);
  }();
  return *model;
}

// A few facts of a profile, as text, to compare two readings.
std::string summary(const engine::Model& m, const engine::Profile& p) {
  std::string out;
  for (std::size_t i = 0; i < p.facts.size(); ++i)
    out += engine::describe_value(m, static_cast<engine::FactId>(i), p.facts[i]) + "\n";
  for (bool d : p.done) out += d ? '1' : '0';
  out += "\n" + std::to_string(p.rejections.size()) + " " + std::to_string(p.as_of);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const engine::Model& m = shipped();
  std::string_view const text(reinterpret_cast<const char*>(data), size);
  std::int64_t const now = 1'800'000'000;
  engine::Profile fast = engine::empty_profile(m, now);
  if (engine::profile_detail::read_profile_fast(m, text, fast, nullptr)) {
    engine::Profile full = engine::empty_profile(m, now);
    engine::profile_detail::read_profile_full(m, text, full);  // a throw here is a finding too
    if (!(full == fast)) std::abort();
  }
  // In place (a request's member): the object it took must read the same on its own.
  engine::Profile in_place;
  if (std::optional<std::size_t> const taken = engine::read_profile_at(m, text, now, in_place)) {
    if (*taken > text.size()) std::abort();
    if (!(engine::parse_profile(m, text.substr(0, *taken), now) == in_place)) std::abort();  // a throw is a finding too
  }
  engine::Profile fresh;
  try {
    fresh = engine::parse_profile(m, text, now);
  } catch (const engine::ProfileError&) {
    return 0;
  }
  static engine::Profile reused;  // holds whatever the previous input left in it
  engine::parse_profile(m, text, now, reused);
  if (summary(m, reused) != summary(m, fresh)) std::abort();
  engine::DiagnoseOptions options;
  (void)engine::diagnose(m, fresh, options);
  return 0;
}
