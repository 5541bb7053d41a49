// Printing a module line by line while putting its comments back where they stood: before
// the node that followed them, or at the end of the line they ended.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "mpadvisor/dsl/ast.hpp"

namespace mpadvisor::dsl::format_detail {

class Printer {
 public:
  explicit Printer(const ast::Module& m) : m_(m) {}

  std::string finish() {
    comments_before(static_cast<std::uint32_t>(m_.text.size()) + 1, 0);
    while (!out_.empty() && out_.back() == '\n' && out_.size() > 1 && out_[out_.size() - 2] == '\n') out_.pop_back();
    return out_;
  }

  // A line for a node whose text spans [begin, end) in the source. A comment after `end` on
  // the same source line stays at the end of the line, unless it comes after `limit` (the
  // next node): `step a { title … # c` keeps `# c` with the title, not with `step a {`.
  void line(int indent, const std::string& content, std::uint32_t begin, std::uint32_t end,
            std::uint32_t limit = UINT32_MAX) {
    comments_before(begin, indent);
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += content;
    trailing_comment(end, limit);
    out_ += '\n';
  }
  bool has_comments_before(std::uint32_t offset) const {
    return next_ < m_.comments.size() && m_.comments[next_].span.begin < offset;
  }
  void blank() {
    if (!out_.empty() && out_.substr(out_.size() - std::min<std::size_t>(2, out_.size())) != "\n\n") out_ += '\n';
  }
  void comments_before(std::uint32_t offset, int indent) {
    bool wrote = false;
    while (next_ < m_.comments.size() && m_.comments[next_].span.begin < offset) {
      const ast::Comment& c = m_.comments[next_++];
      // A comment after a blank line in the source keeps its distance from what is above it.
      if (blank_line_before(c.span.begin) && !out_.empty() && out_.back() == '\n' && !ends_with_open_brace()) blank();
      out_.append(static_cast<std::size_t>(indent) * 2, ' ');
      out_ += comment_text(c);
      out_ += '\n';
      wrote = true;
    }
    // ... and from what is below it: a section banner stays apart from the first declaration.
    if (wrote && offset < m_.text.size() && blank_line_before(offset)) blank();
  }

 private:
  bool ends_with_open_brace() const { return out_.size() >= 2 && out_[out_.size() - 2] == '{'; }

  bool blank_line_before(std::uint32_t offset) const {
    std::size_t line_start = m_.text.rfind('\n', offset == 0 ? 0 : offset - 1);
    if (line_start == std::string::npos || line_start == 0) return false;
    std::size_t prev = m_.text.rfind('\n', line_start - 1);
    std::size_t from = prev == std::string::npos ? 0 : prev + 1;
    return m_.text.find_first_not_of(" \t\r", from) >= line_start;
  }

  std::string comment_text(const ast::Comment& c) const {
    return m_.text.substr(c.span.begin, c.span.end - c.span.begin);
  }

  void trailing_comment(std::uint32_t end, std::uint32_t limit) {
    if (next_ >= m_.comments.size()) return;
    const ast::Comment& c = m_.comments[next_];
    if (c.span.begin < end || c.span.begin > limit) return;
    if (m_.text.find('\n', end) < c.span.begin) return;
    out_ += "  " + comment_text(c);
    ++next_;
  }

  const ast::Module& m_;
  std::size_t next_ = 0;
  std::string out_;
};

}  // namespace mpadvisor::dsl::format_detail
