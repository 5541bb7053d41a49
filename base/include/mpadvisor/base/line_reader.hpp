// Splits a stream into lines with bounded memory: a 64 KiB read buffer and one line at a time,
// whatever the size of the input. A line longer than the limit is reported, not kept. Used by
// every JSON Lines input (case imports, the batch diagnosis). A failed read is InputError.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace mpadvisor::base {

class LineReader {
 public:
  LineReader(std::istream& in, std::size_t max_line_bytes);

  // Reads the next line (without "\n" or "\r\n") into `line`. Returns false at the end of the
  // input. `too_long` is set when the line exceeded the limit (then `line` is empty).
  // `give_up_when_too_long`: return a line as soon as it is over the limit, without reading the
  // rest of it (the caller stops at the first bad line; an endless line must not hang it).
  bool next(std::string& line, bool& too_long, bool give_up_when_too_long = false);
  std::size_t line_number() const noexcept { return line_number_; }

 private:
  bool fill();

  std::istream& in_;
  std::size_t max_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  std::size_t line_number_ = 0;
  bool eof_ = false;
};

}  // namespace mpadvisor::base
