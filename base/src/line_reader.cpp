#include "mpadvisor/base/line_reader.hpp"

#include <cstring>

#include "mpadvisor/base/input.hpp"

namespace mpadvisor::base {

LineReader::LineReader(std::istream& in, std::size_t max_line_bytes)
    : in_(in), max_(max_line_bytes), buffer_(std::size_t{64} * 1024) {}

bool LineReader::fill() {
  if (eof_) return false;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  end_ = static_cast<std::size_t>(in_.gcount());
  begin_ = 0;
  if (in_.bad()) throw InputError({"reading the input failed", "读取输入失败"});
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

bool LineReader::next(std::string& line, bool& too_long, bool give_up_when_too_long) {
  line.clear();
  too_long = false;
  bool any = false;  // saw at least one byte (or a newline) of this line
  for (;;) {
    if (begin_ == end_ && !fill()) break;
    any = true;
    const char* start = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    const std::size_t chunk = newline ? static_cast<std::size_t>(newline - start) : end_ - begin_;
    if (!too_long) {
      if (line.size() + chunk > max_) {
        too_long = true;
        line.clear();
        line.shrink_to_fit();
        if (give_up_when_too_long) break;
      } else {
        line.append(start, chunk);
      }
    }
    begin_ += chunk;
    if (newline) {
      ++begin_;
      break;
    }
  }
  if (!any) return false;
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  // A UTF-8 byte order mark at the start of the file is not part of the first record.
  if (line_number_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  return true;
}

}  // namespace mpadvisor::base
