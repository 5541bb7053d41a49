// Reads and parses JSONL records on a second thread while the caller stores the previous ones:
// parsing and redaction (~6 µs a line) then overlap with SQLite's work (~18 µs a case). The queue
// holds at most kMaxBatches batches of kBatchLines lines, so memory stays small whatever the
// input size. Lines come out in input order, each with its line number.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <istream>
#include <mutex>
#include <thread>
#include <vector>

#include "mpadvisor/casebase/jsonl.hpp"

namespace mpadvisor::casebase {

struct NumberedLine {
  std::size_t line = 0;
  ParsedLine parsed;  // a line over the length limit arrives as an error
};

class ParsePipeline {
 public:
  // `stop_at_first_error`: the reader stops after the first bad line (the import fails there).
  ParsePipeline(std::istream& in, std::size_t max_line_bytes, bool stop_at_first_error);
  ~ParsePipeline();  // stops the reader (also when the consumer gave up early) and joins it
  ParsePipeline(const ParsePipeline&) = delete;
  ParsePipeline& operator=(const ParsePipeline&) = delete;

  // The next batch of lines; false at the end of the input. Rethrows a read error.
  bool next(std::vector<NumberedLine>& batch);

 private:
  static constexpr std::size_t kBatchLines = 256;
  static constexpr std::size_t kMaxBatches = 8;

  void produce(std::istream& in, std::size_t max_line_bytes, bool stop_at_first_error);
  bool push(std::vector<NumberedLine>&& batch);  // false when cancelled

  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<NumberedLine>> queue_;
  bool done_ = false, cancelled_ = false;
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace mpadvisor::casebase
