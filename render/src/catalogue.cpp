#include "mpadvisor/render/catalogue.hpp"

#include <array>

#include "mpadvisor/engine/diagnosis.hpp"

namespace mpadvisor::render {
namespace {

struct Entry {
  std::string_view name, en, zh;
};

// In the order of the Msg enumeration, which is made from the same list.
constexpr std::array<Entry, static_cast<std::size_t>(Msg::count_)> kEntries = {{
#define MPADVISOR_MESSAGE(id, en, zh) {#id, en, zh},
#include "mpadvisor/render/messages.inc"
#undef MPADVISOR_MESSAGE
}};

}  // namespace

std::string_view text(Lang lang, Msg id) {
  const Entry& e = kEntries[static_cast<std::size_t>(id)];
  return lang == Lang::zh ? e.zh : e.en;
}

std::string_view name_of(Msg id) { return kEntries[static_cast<std::size_t>(id)].name; }

Msg message_of(engine::Verdict v) {
  switch (v) {
    case engine::Verdict::clear:
      return Msg::verdict_clear;
    case engine::Verdict::blocked:
      return Msg::verdict_blocked;
    case engine::Verdict::needs_info:
      return Msg::verdict_needs_info;
  }
  return Msg::verdict_clear;
}

Msg message_of(engine::StepStatus s) {
  switch (s) {
    case engine::StepStatus::done:
      return Msg::status_done;
    case engine::StepStatus::ready:
      return Msg::status_ready;
    case engine::StepStatus::pending:
      return Msg::status_pending;
    case engine::StepStatus::blocked:
      return Msg::status_blocked;
    case engine::StepStatus::waiting:
      return Msg::status_waiting;
    case engine::StepStatus::undetermined:
      return Msg::status_undetermined;
  }
  return Msg::status_pending;
}

Msg message_of(engine::Likelihood l) {
  switch (l) {
    case engine::Likelihood::low:
      return Msg::likelihood_low;
    case engine::Likelihood::medium:
      return Msg::likelihood_medium;
    case engine::Likelihood::high:
      return Msg::likelihood_high;
  }
  return Msg::likelihood_medium;
}

Msg message_of(engine::Certainty c) {
  switch (c) {
    case engine::Certainty::official:
      return Msg::certainty_official;
    case engine::Certainty::many:
      return Msg::certainty_many;
    case engine::Certainty::single:
    case engine::Certainty::unspecified:
      return Msg::certainty_single;
    case engine::Certainty::applicant:
      return Msg::certainty_applicant;
  }
  return Msg::certainty_single;
}

std::string actor_word(std::string_view actor, Lang lang) {
  Msg const id = actor == "applicant"   ? Msg::actor_applicant
                 : actor == "platform"  ? Msg::actor_platform
                 : actor == "miit"      ? Msg::actor_miit
                 : actor == "bureau"    ? Msg::actor_bureau
                 : actor == "certifier" ? Msg::actor_certifier
                 : actor == "reviewer"  ? Msg::actor_reviewer
                                        : Msg::count_;
  return id == Msg::count_ ? std::string(actor) : std::string(text(lang, id));
}

Msg message_of(engine::Truth t) {
  return t == engine::Truth::yes ? Msg::truth_yes : t == engine::Truth::no ? Msg::truth_no : Msg::truth_unknown;
}

}  // namespace mpadvisor::render
