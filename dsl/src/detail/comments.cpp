#include "detail/comments.hpp"

namespace mpadvisor::dsl::grammar {

std::vector<ast::Comment> scan_comments(std::string_view text) {
  std::vector<ast::Comment> comments;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"' || c == '\n')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      while (end > i && (text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
      comments.push_back({{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)}});
      i = end;
    }
  }
  return comments;
}

}  // namespace mpadvisor::dsl::grammar
