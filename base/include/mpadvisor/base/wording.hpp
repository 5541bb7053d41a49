// A sentence for the user in both of mpadvisor's languages, and the error that carries one.
// Mistakes are found deep in the libraries (a profile's value, an input's size), long before
// anyone knows the language of the output; so they are worded in both, and whoever prints
// the error picks one.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "mpadvisor/base/lang.hpp"

namespace mpadvisor::base {

struct Wording {
  std::string en, zh;

  const std::string& in(Lang lang) const { return lang == Lang::zh ? zh : en; }
  // Both languages with a prefix of their own: a file's name, a field.
  Wording prefixed(std::string_view en_prefix, std::string_view zh_prefix) const {
    return {std::string(en_prefix) + en, std::string(zh_prefix) + zh};
  }
  Wording suffixed(std::string_view en_suffix, std::string_view zh_suffix) const {
    return {en + std::string(en_suffix), zh + std::string(zh_suffix)};
  }
};

namespace detail {
// A value as one language's pattern takes it: a Wording gives that language's words (a reason
// inside a sentence), anything else is itself.
template <typename T>
using InOneLanguage = std::conditional_t<std::is_same_v<T, Wording>, std::string, T>;
template <typename T>
const T& in_language(const T& value, Lang) {
  return value;
}
inline const std::string& in_language(const Wording& value, Lang lang) { return value.in(lang); }
}  // namespace detail

// Both languages from one set of values; each pattern is checked against the values when it
// is compiled (fmt's format_string), so neither language can ask for a value not given. A
// Wording among the values (a reason found elsewhere) is put in each language as its own.
template <typename... Args>
Wording word(fmt::format_string<detail::InOneLanguage<Args>...> en,
             fmt::format_string<detail::InOneLanguage<Args>...> zh, const Args&... args) {
  return {fmt::vformat(fmt::string_view(en), fmt::make_format_args(detail::in_language(args, Lang::en)...)),
          fmt::vformat(fmt::string_view(zh), fmt::make_format_args(detail::in_language(args, Lang::zh)...))};
}

// "…; did you mean 'x'?" / "…；是不是“x”？", when a known name is close to the one given.
inline Wording with_closest(Wording wording, const std::optional<std::string>& closest) {
  if (closest) return wording.suffixed("; did you mean '" + *closest + "'?", "；是不是“" + *closest + "”？");
  return wording;
}

// A message from a part of mpadvisor that words its messages in English only (the case base,
// the KB loader, the libraries it uses): shown as it is in both languages.
inline Wording english_only(std::string message) { return {message, message}; }

// A mistake in what the user gave, or a failure of the machine, worded in both languages.
// what() is the English wording (logs, exceptions crossing into code that knows no language).
class UserError : public std::runtime_error {
 public:
  explicit UserError(Wording wording) : std::runtime_error(wording.en), zh_(std::move(wording.zh)) {}

  std::string message(Lang lang) const { return lang == Lang::zh ? zh_ : what(); }
  Wording wording() const { return {what(), zh_}; }

 private:
  std::string zh_;
};

}  // namespace mpadvisor::base
