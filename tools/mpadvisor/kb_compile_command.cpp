// `kb compile [KB] -o FILE`: the checked, compiled model written as a binary file, which
// `--kb FILE` loads without parsing, checking or compiling (engine/model_file.hpp). The build
// precompiles the shipped KB this way.
#include <filesystem>
#include <iostream>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "file_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/engine/model_file.hpp"

namespace mpadvisor::cli {
namespace {

namespace fs = std::filesystem;

struct CompileArgs {
  std::string path, output;
};

int run_compile(const GlobalOptions& g, const CompileArgs& a) {
  fs::path const root = a.path.empty() ? g.kb_path() : fs::path(a.path);
  require_kb_path(root);
  dsl::KbCheck kb = check_kb(root);
  if (!kb.kb) throw UsageError(kb_has_errors(root));
  // The sources name the files before the compiler frees the syntax tree, the peak of a load,
  // as it goes; the warnings are for `kb check`.
  std::vector<engine::KbSource> const sources = engine::kb_sources(*kb.kb, root);
  kb.diagnostics = {};
  std::string const bytes = engine::encode_model(*engine::compile(std::move(*kb.kb)), sources);
  replace_file(a.output, bytes);  // a reader never maps a half-written model
  std::cout << "compiled " << root.string() << " into " << a.output << " (" << bytes.size() << " bytes)\n";
  return kExitOk;
}

}  // namespace

void register_kb_compile(CLI::App& kb, CommandContext& context) {
  auto args = std::make_shared<CompileArgs>();
  CLI::App* compile =
      kb.add_subcommand("compile", "Write the checked, compiled KB as a model file that --kb loads without parsing");
  compile->add_option("path", args->path, "KB folder or file (default: the shipped kb/)")->type_name("");
  compile->add_option("-o,--output", args->output, "The model file to write (e.g. kb.mpm)")
      ->type_name("FILE")
      ->required();
  compile->callback(
      [&context, args] { context.action = [&context, args] { return run_compile(context.options, *args); }; });
}

}  // namespace mpadvisor::cli
