// The model's own parts: construction, and the names of its enumerations.
#include "mpadvisor/engine/model.hpp"

#include "compiled.hpp"
#include "scope_cache.hpp"

namespace mpadvisor::engine {

Model::Model()
    : conditions_(std::make_unique<CompiledConditions>()),
      tables_(std::make_unique<MatchTables>()),
      scopes_(std::make_unique<ScopeCache>()) {}
Model::~Model() = default;

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::clear:
      return "clear";
    case Verdict::blocked:
      return "blocked";
    case Verdict::needs_info:
      return "needs_info";
  }
  return "";
}

std::string_view to_string(Effect e) {
  switch (e) {
    case Effect::block:
      return "block";
    case Effect::warn:
      return "warn";
    case Effect::wait:
      return "wait";
  }
  return "";
}

std::string_view to_string(Likelihood l) {
  switch (l) {
    case Likelihood::low:
      return "low";
    case Likelihood::medium:
      return "medium";
    case Likelihood::high:
      return "high";
  }
  return "";
}

std::string_view to_string(Certainty c) {
  switch (c) {
    case Certainty::unspecified:
      return "";
    case Certainty::official:
      return "official";
    case Certainty::many:
      return "many";
    case Certainty::single:
      return "single";
    case Certainty::applicant:
      return "applicant";
  }
  return "";
}

}  // namespace mpadvisor::engine
