#include "file_output.hpp"

#include <cerrno>
#include <fstream>
#include <system_error>

#include "cli_context.hpp"

namespace mpadvisor::cli {

base::Wording cannot_write(const std::filesystem::path& path, std::string_view reason) {
  // The system's reason is in English either way.
  if (reason.empty()) return base::word("cannot write {0}", "无法写入 {0}", path.string());
  return base::word("cannot write {0}: {1}", "无法写入 {0}：{1}", path.string(), reason);
}

namespace {

std::filesystem::path beside(const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  return tmp;
}

}  // namespace

void replace_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path const tmp = beside(path);
  std::error_code ignored;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(tmp, ignored);
      throw EnvironmentError(cannot_write(path));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ignored);
    throw EnvironmentError(cannot_write(path, ec.message()));
  }
}

void check_can_replace(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw EnvironmentError(cannot_write(path, "Is a directory"));
  std::filesystem::path const tmp = beside(path);
  bool const existed = std::filesystem::exists(tmp, ec);
  {
    std::ofstream probe(tmp, std::ios::binary | std::ios::app);
    if (!probe) throw EnvironmentError(cannot_write(path, std::generic_category().message(errno)));
  }
  if (!existed) std::filesystem::remove(tmp, ec);
}

}  // namespace mpadvisor::cli
