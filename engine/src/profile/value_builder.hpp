// Setting one fact: the checks every way of giving a value shares (the profile reader, the
// command line's --set, scenarios and fixes), so a value is valid or not the same way
// whichever door it comes in by.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::engine::profile_detail {

std::string type_name(const FactInfo& f);
[[noreturn]] void mismatch(const FactInfo& f, const std::string& got);

// Typed pieces in, a checked FactValue out; throws ProfileError naming the fact.
class ValueBuilder {
 public:
  ValueBuilder(const Model& model, FactId id) : model_(model), id_(id), f_(model.facts()[id]) { v_.known = true; }

  FactValue boolean(bool b);
  FactValue number(double n);
  FactValue string(const std::string& s);
  FactValue time(std::int64_t seconds, const std::string& spelling);
  FactValue items(const std::vector<std::string>& items);

 private:
  const Model& model_;
  FactId id_;
  const FactInfo& f_;
  FactValue v_;
};

// The id of a fact named in a profile; an unknown name is an error with a did-you-mean.
FactId fact_named(const Model& model, const std::string& name);
// "<where> names an unknown step 'x'; did you mean 'y'?"
std::string unknown_step_message(const Model& model, const std::string& where, const std::string& step);

}  // namespace mpadvisor::engine::profile_detail
