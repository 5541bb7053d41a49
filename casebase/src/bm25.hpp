// bm25 as SQLite's FTS5 computes it (fts5_aux.c), so that the PostgreSQL backend scores cases
// exactly as the SQLite one does: the same constants, the same IDF floor, the same order of
// floating-point operations (phrases summed in query order).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>

namespace mpadvisor::casebase::bm25 {

inline constexpr double kK1 = 1.2;
inline constexpr double kB = 0.75;

// IDF of a phrase held by `hits` of `rows` documents; never below 1e-6.
inline double idf(std::int64_t rows, std::int64_t hits) {
  const double value =
      std::log((static_cast<double>(rows) - static_cast<double>(hits) + 0.5) / (static_cast<double>(hits) + 0.5));
  return value <= 0.0 ? 1e-6 : value;
}

// The score of one document of `length` tokens, given each phrase's IDF and frequency in it.
// Higher is better (FTS5's bm25() returns its negation).
inline double score(std::span<const double> idfs, std::span<const double> frequencies, double length,
                    double average_length) {
  double total = 0.0;
  for (std::size_t i = 0; i < idfs.size(); ++i)
    total +=
        idfs[i] * ((frequencies[i] * (kK1 + 1.0)) / (frequencies[i] + kK1 * (1 - kB + kB * length / average_length)));
  return total;
}

}  // namespace mpadvisor::casebase::bm25
