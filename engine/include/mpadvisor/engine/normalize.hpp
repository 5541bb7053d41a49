// Unicode-aware text normalisation for matching (ICU): NFKC with case folding (so full-width
// ＹＯＧＡ is yoga), Traditional → Simplified Chinese, invisible characters dropped, and
// white space and punctuation removed between CJK characters (瑜 伽 is 瑜伽) but kept as one
// space between Latin words so that English terms still match on word boundaries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpadvisor::engine {

struct NormalizedText {
  std::string text;  // normalised UTF-8
  // For each byte of `text`, the byte range of the original character it came from.
  std::vector<std::uint32_t> origin_begin, origin_end;

  // The original byte range that normalised bytes [begin, end) came from.
  std::pair<std::uint32_t, std::uint32_t> original_range(std::size_t begin, std::size_t end) const;
};

NormalizedText normalize(std::string_view text);

// The original byte range that bytes [begin, end) of normalize_text(original) came from. For
// holders of the normalised text alone (a fact's value keeps no origin map, since only
// evidence needs one): the map is rebuilt for the one text that matched.
std::pair<std::uint32_t, std::uint32_t> original_range(std::string_view original, std::size_t begin, std::size_t end);

// The same normalised text without the origin map, for callers that only match on it.
std::string normalize_text(std::string_view text);
// The same into `out` (replacing its content, reusing its storage).
void normalize_text(std::string_view text, std::string& out);

// Normalised text with every separator removed: for whole-text comparisons.
std::string normalize_compact(std::string_view text);

}  // namespace mpadvisor::engine
