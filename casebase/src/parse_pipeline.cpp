#include "parse_pipeline.hpp"

#include <string>

#include "mpadvisor/base/input.hpp"
#include "mpadvisor/base/line_reader.hpp"
#include "mpadvisor/casebase/error.hpp"

namespace mpadvisor::casebase {

ParsePipeline::ParsePipeline(std::istream& in, std::size_t max_line_bytes, bool stop_at_first_error)
    : worker_([this, &in, max_line_bytes, stop_at_first_error] { produce(in, max_line_bytes, stop_at_first_error); }) {}

ParsePipeline::~ParsePipeline() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  not_full_.notify_all();
  worker_.join();
}

void ParsePipeline::produce(std::istream& in, std::size_t max_line_bytes, bool stop_at_first_error) {
  try {
    base::LineReader reader(in, max_line_bytes);
    std::string line;
    bool too_long = false;
    std::vector<NumberedLine> batch;
    batch.reserve(kBatchLines);
    while (reader.next(line, too_long, stop_at_first_error)) {
      NumberedLine item{reader.line_number(), {}};
      if (too_long)
        item.parsed.error = base::word("line is longer than {0} (cases import --max-line-bytes raises the limit)",
                                       "这一行超过了 {0}（cases import --max-line-bytes 可以调高上限）",
                                       base::describe_size(max_line_bytes));
      else
        item.parsed = parse_case_line(line);
      bool const bad = !item.parsed.ok() && !item.parsed.blank;
      batch.push_back(std::move(item));
      if (bad && stop_at_first_error) break;
      if (batch.size() == kBatchLines) {
        if (!push(std::move(batch))) return;
        batch = {};
        batch.reserve(kBatchLines);
      }
    }
    if (!batch.empty() && !push(std::move(batch))) return;
  } catch (const base::InputError& e) {
    std::lock_guard lock(mutex_);
    error_ = std::make_exception_ptr(Error(Errc::io, e.what()));
  } catch (...) {
    std::lock_guard lock(mutex_);
    error_ = std::current_exception();
  }
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  not_empty_.notify_all();
}

bool ParsePipeline::push(std::vector<NumberedLine>&& batch) {
  std::unique_lock lock(mutex_);
  not_full_.wait(lock, [this] { return queue_.size() < kMaxBatches || cancelled_; });
  if (cancelled_) return false;
  queue_.push_back(std::move(batch));
  lock.unlock();
  not_empty_.notify_one();
  return true;
}

bool ParsePipeline::next(std::vector<NumberedLine>& batch) {
  std::unique_lock lock(mutex_);
  not_empty_.wait(lock, [this] { return !queue_.empty() || done_; });
  if (!queue_.empty()) {
    batch = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    return true;
  }
  if (error_) std::rethrow_exception(error_);
  return false;
}

}  // namespace mpadvisor::casebase
