#include "places.hpp"

#include <algorithm>
#include <vector>

#include "compiled.hpp"
#include "mpadvisor/base/utf8.hpp"

namespace mpadvisor::engine {
namespace {

std::u32string code_points(std::string_view text) {
  std::u32string out;
  base::utf8::for_each(text, [&](char32_t c, std::size_t, std::size_t) {
    if (c != U' ' && c != U'\u3000') out += c;
  });
  return out;
}

std::size_t distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t const above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> closest_places(const Model& model, std::string_view text) {
  constexpr std::size_t kMost = 3;
  std::u32string const word = code_points(text);
  if (word.empty() || word.size() > 32) return {};
  // One edit per three characters: a two-character name changed in one character is another
  // name (火星 is not a misspelt 七星), not a typo.
  std::size_t const limit = word.size() / 3;
  if (limit == 0) return {};
  std::size_t best_distance = limit + 1;
  std::vector<std::string> best;
  for (const std::string& name : model.match_tables().place_names.get()) {
    std::u32string const candidate = code_points(name);
    if (candidate.size() + limit < word.size() || candidate.size() > word.size() + limit) continue;
    std::size_t const d = distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best.assign(1, name);
    } else if (d == best_distance && std::find(best.begin(), best.end(), name) == best.end()) {
      best.push_back(name);
    }
  }
  if (best.size() > kMost) best.clear();
  return best;
}

}  // namespace mpadvisor::engine
