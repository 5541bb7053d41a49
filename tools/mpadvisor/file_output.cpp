#include "file_output.hpp"

#include <fstream>

#include "cli_context.hpp"

namespace mpadvisor::cli {

base::Wording cannot_write(const std::filesystem::path& path, std::string_view reason) {
  // The system's reason is in English either way.
  if (reason.empty()) return base::word("cannot write {0}", "无法写入 {0}", path.string());
  return base::word("cannot write {0}: {1}", "无法写入 {0}：{1}", path.string(), reason);
}

void replace_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw EnvironmentError(cannot_write(tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw EnvironmentError(cannot_write(path, ec.message()));
}

}  // namespace mpadvisor::cli
