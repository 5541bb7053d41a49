#include "cli_context.hpp"

#include <cstdlib>
#include <system_error>

namespace mpadvisor::cli {

Language GlobalOptions::language() const {
  if (lang == "zh") return Language::zh;
  if (lang == "en") return Language::en;
  // The usual precedence of the C library: LC_ALL, then LC_MESSAGES, then LANG.
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (value && *value) return std::string(value).rfind("zh", 0) == 0 ? Language::zh : Language::en;
  }
  return Language::en;
}

render::Options GlobalOptions::render_options(bool explain) const {
  return {language() == Language::zh ? engine::Lang::zh : engine::Lang::en, colour && output_format() == Format::text,
          explain};
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path();
}

std::filesystem::path GlobalOptions::kb_path() const {
  if (!kb.empty()) return kb;
  // Build tree: build/bin/mpadvisor → ../../kb; installed: <prefix>/bin → ../share/mpadvisor/kb;
  // a build tree outside the checkout falls back to the sources it was built from.
  const auto dir = executable_dir();
  for (const auto& candidate :
       {dir / "../../kb", dir / "../share/mpadvisor/kb", std::filesystem::path(MPADVISOR_SOURCE_KB)}) {
    std::error_code ec;
    if (std::filesystem::is_directory(candidate, ec)) return std::filesystem::weakly_canonical(candidate);
  }
  throw UsageError("cannot find the shipped knowledge base next to " + dir.string() + "; give one with --kb PATH");
}

std::filesystem::path GlobalOptions::db_path() const {
  if (!db.empty()) return db;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "mpadvisor/cases.db";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local/share/mpadvisor/cases.db";
  throw UsageError("neither XDG_DATA_HOME nor HOME is set; give the case database with --db PATH");
}

}  // namespace mpadvisor::cli
