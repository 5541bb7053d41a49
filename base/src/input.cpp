#include "mpadvisor/base/input.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace mpadvisor::base {

namespace fs = std::filesystem;

namespace {

// "profile 'a.json'" / "资料“a.json”".
Wording named(const Wording& what, const fs::path& path) { return word("{0} '{1}'", "{0}“{1}”", what, path.string()); }

// The system's reason is in the C library's language (English here) either way.
InputError unreadable(const Wording& name) {
  return InputError(word("cannot read {0}: {1}", "无法读取{0}：{1}", name, std::string(std::strerror(errno))));
}

}  // namespace

std::string describe_size(std::size_t bytes) {
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

void check_readable(const fs::path& path, const Wording& what) {
  if (path == "-") return;
  std::error_code ec;
  fs::file_status const status = fs::status(path, ec);
  Wording const name = named(what, path);
  if (ec || status.type() == fs::file_type::not_found) throw InputError(word("{0} does not exist", "{0}不存在", name));
  switch (status.type()) {
    case fs::file_type::directory:
      throw InputError(word("{0} is a folder, not a file", "{0}是文件夹，不是文件", name));
    case fs::file_type::character:
    case fs::file_type::block:
      throw InputError(word("{0} is a device, not a file", "{0}是设备，不是文件", name));
    default:
      return;
  }
}

std::string read_input(const fs::path& path, std::size_t limit, const Wording& what) {
  std::string text;
  read_input_into(path, limit, what, text);
  return text;
}

void read_input_into(const fs::path& path, std::size_t limit, const Wording& what, std::string& text) {
  check_readable(path, what);
  bool const standard_input = path == "-";
  Wording const name = standard_input ? word("{0} on standard input", "标准输入上的{0}", what) : named(what, path);
  std::unique_ptr<FILE, int (*)(FILE*)> owned(standard_input ? nullptr : std::fopen(path.c_str(), "rb"), &std::fclose);
  FILE* in = standard_input ? stdin : owned.get();
  if (in == nullptr) throw unreadable(name);
  text.clear();
  char buffer[65536];
  for (;;) {
    std::size_t const want = std::min(sizeof buffer, limit + 1 - text.size());
    std::size_t const got = std::fread(buffer, 1, want, in);
    text.append(buffer, got);
    if (text.size() > limit)
      throw InputError(word("{0} is larger than {1}, the limit for a {2}", "{0}超过了{2}的大小上限 {1}", name,
                            describe_size(limit), what));
    if (got < want) break;
  }
  if (std::ferror(in)) throw unreadable(name);
}

}  // namespace mpadvisor::base
