#include "cli_context.hpp"

#include <cstdlib>
#include <system_error>
#include <vector>

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

void GlobalOptions::decide_colour(bool stdout_is_terminal) {
  if (color == "always" || color == "never") {
    colour = color == "always";
    return;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  colour = stdout_is_terminal && (no_color == nullptr || *no_color == '\0') &&
           !(term != nullptr && std::string_view(term) == "dumb");
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
  return kb.empty() ? shipped_kb_path() : std::filesystem::path(kb);
}

std::filesystem::path GlobalOptions::shipped_kb_path() const {
  // Installed: <prefix>/bin/mpadvisor → <prefix>/share/mpadvisor/kb, always first. A build tree
  // (build/bin/mpadvisor, next to build/CMakeCache.txt) uses the checkout's kb/, or the sources
  // it was built from. An installed binary never looks at a stray kb/ folder near its prefix.
  const auto dir = executable_dir();
  std::error_code ec;
  std::vector<std::filesystem::path> candidates{dir / "../share/mpadvisor/kb"};
  if (std::filesystem::exists(dir / "../CMakeCache.txt", ec)) {
    candidates.push_back(dir / "../../kb");
    candidates.emplace_back(MPADVISOR_SOURCE_KB);
  }
  for (const auto& candidate : candidates) {
    if (std::filesystem::is_directory(candidate, ec)) return std::filesystem::weakly_canonical(candidate);
  }
  throw UsageError(base::word("cannot find the shipped knowledge base next to {0}; give one with --kb PATH",
                              "在 {0} 旁找不到随附的知识库；请用 --kb PATH 指定", dir.string()));
}

std::filesystem::path GlobalOptions::shipped_model_path() const {
  return (executable_dir() / "../share/mpadvisor/kb.mpm").lexically_normal();
}

std::string GlobalOptions::db_location() const {
  if (!db.empty()) return db;
  if (const char* env = std::getenv("MPADVISOR_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return (std::filesystem::path(xdg) / "mpadvisor/cases.db").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (std::filesystem::path(home) / ".local/share/mpadvisor/cases.db").string();
  throw UsageError({"neither XDG_DATA_HOME nor HOME is set; give the case database with --db PATH",
                    "XDG_DATA_HOME 和 HOME 都没有设置；请用 --db PATH 指定案例库"});
}

}  // namespace mpadvisor::cli
