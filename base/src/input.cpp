#include "mpadvisor/base/input.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace mpadvisor::base {

namespace fs = std::filesystem;

std::string describe_size(std::size_t bytes) {
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

void check_readable(const fs::path& path, std::string_view what) {
  if (path == "-") return;
  std::error_code ec;
  fs::file_status const status = fs::status(path, ec);
  std::string const name = fmt::format("{} '{}'", what, path.string());
  if (ec || status.type() == fs::file_type::not_found) throw InputError(name + " does not exist");
  switch (status.type()) {
    case fs::file_type::directory:
      throw InputError(name + " is a folder, not a file");
    case fs::file_type::character:
    case fs::file_type::block:
      throw InputError(name + " is a device, not a file");
    default:
      return;
  }
}

std::string read_input(const fs::path& path, std::size_t limit, std::string_view what) {
  std::string text;
  read_input_into(path, limit, what, text);
  return text;
}

void read_input_into(const fs::path& path, std::size_t limit, std::string_view what, std::string& text) {
  check_readable(path, what);
  bool const standard_input = path == "-";
  std::string const name =
      standard_input ? fmt::format("{} on standard input", what) : fmt::format("{} '{}'", what, path.string());
  std::unique_ptr<FILE, int (*)(FILE*)> owned(standard_input ? nullptr : std::fopen(path.c_str(), "rb"), &std::fclose);
  FILE* in = standard_input ? stdin : owned.get();
  if (in == nullptr) throw InputError(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
  text.clear();
  char buffer[65536];
  for (;;) {
    std::size_t const want = std::min(sizeof buffer, limit + 1 - text.size());
    std::size_t const got = std::fread(buffer, 1, want, in);
    text.append(buffer, got);
    if (text.size() > limit)
      throw InputError(fmt::format("{} is larger than {}, the limit for a {}", name, describe_size(limit), what));
    if (got < want) break;
  }
  if (std::ferror(in)) throw InputError(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
}

}  // namespace mpadvisor::base
