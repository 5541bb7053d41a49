#include "file_output.hpp"

#include <fstream>

#include "cli_context.hpp"

namespace mpadvisor::cli {

void replace_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw EnvironmentError("cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw EnvironmentError("cannot write " + path.string() + ": " + ec.message());
}

}  // namespace mpadvisor::cli
