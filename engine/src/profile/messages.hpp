// What the profile readers say about a mistake, in both languages. One function a mistake, so
// that the same mistake reads the same whichever reader (the fast one, the full one, --set)
// finds it, and at whichever point.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mpadvisor/base/wording.hpp"
#include "mpadvisor/engine/model.hpp"

namespace mpadvisor::engine::profile_detail::says {

using base::Wording;

// The reader's own mistakes: the profile's shape.
Wording not_json(std::string_view parser_message);  // the JSON parser's what()
Wording not_an_object();
Wording given_twice(std::string_view key);
Wording done_not_a_list();
Wording rejections_not_a_list();
Wording rejection_needs_message();
Wording rejection_field_not_string(std::string_view field, std::string_view json_type);
// "a JSON object" for "object"; "a list holding numbers" for a list's item.
Wording json_value(std::string_view json_type);
Wording list_holding(std::string_view json_type);
// A value as the user wrote it, quoted: 'maybe'.
Wording spelled(std::string_view text);

// A fact's value.
Wording expects(const FactInfo& fact, const Wording& given);
Wording not_whole(const FactInfo& fact, double given);
Wording below_minimum(const FactInfo& fact);
Wording above_maximum(const FactInfo& fact);
Wording blank(const FactInfo& fact);
Wording too_long(const FactInfo& fact);
Wording no_such_value(const FactInfo& fact, std::string_view value, bool of_a_set);
Wording listed_twice(const FactInfo& fact, std::string_view item);
Wording bad_date(const FactInfo& fact, const Wording& why);

// Names the KB does not know, with the closest known one when there is one.
Wording unknown_fact(std::string_view name, const std::optional<std::string>& closest, const std::string& declared);
// `where`: 'done', a rejection's "stage".
Wording unknown_step(const Wording& where, std::string_view step, const std::optional<std::string>& closest);

}  // namespace mpadvisor::engine::profile_detail::says
