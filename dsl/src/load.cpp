#include "mpadvisor/dsl/load.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "mpadvisor/base/input.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "mpadvisor/dsl/parse.hpp"
#include "mpadvisor/dsl/source_map.hpp"

namespace mpadvisor::dsl {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  return base::read_input(path, base::kMaxKbFileBytes, {"knowledge base file", "知识库文件"});
}

namespace {

// A loaded KB is for the checker and the compiler, which read rule conditions one at a time.
constexpr ParseOptions kLoadParse{.rule_conditions_in_text = true};

class Loader {
 public:
  LoadResult result;

  void load_file(const fs::path& file, const Diagnostic* import_site) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(file, ec);
    if (ec) canonical = file;
    if (!seen_.insert(canonical.string()).second) return;
    std::string text;
    // What is left of the KB-wide budget, but never more than one file may hold.
    std::size_t const left = base::kMaxKbBytes - std::min(base::kMaxKbBytes, bytes_);
    std::size_t const budget = std::min(base::kMaxKbFileBytes, left);
    try {
      text = base::read_input(canonical, budget, {"knowledge base file", "知识库文件"});
      bytes_ += text.size();
    } catch (const base::InputError& e) {
      Diagnostic d = import_site ? *import_site : Diagnostic{};
      d.severity = Severity::error;
      d.code = code::kUnreadableFile;
      d.message = base::word("cannot read '{0}': {1}", "无法读取“{0}”：{1}", display_path(file),
                             base::Wording{reason_of(e.what()), reason_of_zh(e.message(base::Lang::zh))});
      if (budget < base::kMaxKbFileBytes && d.message.en.find(" larger than ") != std::string::npos)
        d.message = base::word("cannot read '{0}': the knowledge base would be larger than {1} in all",
                               "无法读取“{0}”：知识库总共会超过 {1}", display_path(file),
                               base::describe_size(base::kMaxKbBytes));
      if (!import_site) d.location.file = display_path(file);
      result.diagnostics.add(std::move(d));
      return;
    }
    ParseResult parsed = parse(display_path(canonical), std::move(text), kLoadParse);
    result.diagnostics.append(std::move(parsed.diagnostics));
    std::vector<std::pair<fs::path, Diagnostic>> imports;
    SourceMap map(parsed.module.path, parsed.module.text);
    for (const ast::Declaration& decl : parsed.module.declarations) {
      if (const auto* imp = std::get_if<ast::Import>(&decl)) {
        imports.emplace_back(canonical.parent_path() / imp->path,
                             make_diagnostic(map, imp->span.begin, Severity::error, "", {}));
      }
    }
    result.kb.modules.push_back(std::move(parsed.module));
    for (const auto& [path, site] : imports) load_file(path, &site);
  }

 private:
  // "knowledge base file 'x.mpk' is a folder, not a file" → "it is a folder, not a file".
  static std::string reason_of(std::string_view what) {
    std::size_t const quote = what.find("' ");
    return quote == std::string_view::npos ? std::string(what) : "it " + std::string(what.substr(quote + 2));
  }

  // "知识库文件“x.mpk”是文件夹，不是文件" → "是文件夹，不是文件".
  static std::string reason_of_zh(std::string_view what) {
    constexpr std::string_view kCloseQuote = "”";
    std::size_t const quote = what.find(kCloseQuote);
    return quote == std::string_view::npos ? std::string(what) : std::string(what.substr(quote + kCloseQuote.size()));
  }

  std::set<std::string> seen_;
  std::size_t bytes_ = 0;  // read so far, for the KB-wide limit
};

}  // namespace

// Relative to the working directory when that is shorter, so that messages read like a
// compiler's.
std::string display_path(const fs::path& p) {
  std::error_code ec;
  fs::path rel = fs::relative(p, fs::current_path(), ec);
  if (ec || rel.empty() || rel.native().rfind("..", 0) == 0) return p.lexically_normal().string();
  return rel.string();
}

LoadResult load(const fs::path& path) {
  Loader loader;
  loader.result.kb.root = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".mpk") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) loader.load_file(f, nullptr);
    if (files.empty()) {
      Diagnostic d;
      d.code = code::kEmptyKb;
      d.message = base::word("no .mpk files in '{0}'", "“{0}”里没有 .mpk 文件", display_path(path));
      d.location.file = display_path(path);
      loader.result.diagnostics.add(std::move(d));
    }
  } else if (fs::exists(path, ec)) {
    loader.load_file(path, nullptr);
    // An empty file is no knowledge base: a wrong --kb must never make a check pass.
    const auto& modules = loader.result.kb.modules;
    bool const empty =
        std::all_of(modules.begin(), modules.end(), [](const ast::Module& m) { return m.declarations.empty(); });
    if (empty && !loader.result.diagnostics.has_errors()) {
      Diagnostic d;
      d.code = code::kEmptyKb;
      d.message = base::word("'{0}' declares nothing: it is not a knowledge base", "“{0}”什么也没有声明：它不是知识库",
                             display_path(path));
      d.location.file = display_path(path);
      loader.result.diagnostics.add(std::move(d));
    }
  } else {
    Diagnostic d;
    d.code = code::kUnreadableFile;
    d.message = base::word("no such file or folder '{0}'", "没有文件或文件夹“{0}”", display_path(path));
    d.location.file = display_path(path);
    loader.result.diagnostics.add(std::move(d));
  }
  return std::move(loader.result);
}

LoadResult load_text(std::string path, std::string text) {
  LoadResult result;
  result.kb.root = path;
  ParseResult parsed = parse(std::move(path), std::move(text), kLoadParse);
  result.diagnostics = std::move(parsed.diagnostics);
  result.kb.modules.push_back(std::move(parsed.module));
  return result;
}

}  // namespace mpadvisor::dsl
