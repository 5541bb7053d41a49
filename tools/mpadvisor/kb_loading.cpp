#include "kb_loading.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <vector>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/engine/model_file.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/render/kb.hpp"

namespace mpadvisor::cli {
namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// A command's model lives until the process ends, and the process ends with it: taking apart
// its thousands of small allocations one by one was a twentieth of a whole `mpadvisor
// diagnose`, while the operating system takes the memory back at once. A process loads at most
// two models (replay impact), so nothing accumulates.
std::shared_ptr<const engine::Model> kept_until_exit(std::shared_ptr<const engine::Model> model) {
  static auto* const kept = new std::vector<std::shared_ptr<const engine::Model>>();
  kept->push_back(model);
  return model;
}

}  // namespace

void require_kb_path(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw UsageError(base::word("no such file or folder '{0}'", "没有文件或文件夹“{0}”", path.string()));
  if (std::filesystem::is_directory(path, ec)) return;
  try {
    base::check_readable(path, {"knowledge base", "知识库"});
  } catch (const base::InputError& e) {
    throw UsageError(e.wording());
  }
}

dsl::KbCheck check_kb(const std::filesystem::path& path, const dsl::CheckOptions& options) {
  auto const start = std::chrono::steady_clock::now();
  dsl::KbCheck out = dsl::load_and_check(path, options);
  spdlog::debug("loaded and checked the KB at {} ({} files, {} errors, {} warnings) in {:.1f} ms", path.string(),
                out.files, out.diagnostics.error_count(), out.diagnostics.warning_count(), ms_since(start));
  return out;
}

namespace {

// The model the build precompiled from the shipped KB, when it still describes the folder
// `root` (the same texts): loading it skips parsing, checking and compiling. Null otherwise.
std::shared_ptr<const engine::Model> precompiled_model(const GlobalOptions& g, const std::filesystem::path& root) {
  std::filesystem::path const file = g.shipped_model_path();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return nullptr;
  try {  // only for the shipped KB: another folder would never match
    if (std::filesystem::weakly_canonical(root) != std::filesystem::weakly_canonical(g.shipped_kb_path()))
      return nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
  auto const start = std::chrono::steady_clock::now();
  try {
    engine::ModelFileInfo info;
    auto model = engine::load_model_file(file, &root, &info);
    if (engine::kb_text_version(root, info.sources) != model->version()) {
      spdlog::debug("the precompiled model {} does not match the KB at {}; reading the KB text", file.string(),
                    root.string());
      return nullptr;
    }
    spdlog::debug("loaded the precompiled model {} (KB {}) in {:.1f} ms", file.string(), model->version(),
                  ms_since(start));
    return model;
  } catch (const engine::ModelFileError& e) {
    spdlog::warn("{}; reading the KB text instead", e.what());
    return nullptr;
  }
}

}  // namespace

base::Wording kb_has_errors(const std::filesystem::path& path) {
  return base::word("the knowledge base at {0} has errors (run 'mpadvisor kb check')",
                    "{0} 处的知识库有错误（请运行 mpadvisor kb check）", path.string());
}

base::Wording model_file_unusable(const std::exception& e) {
  return base::word("{0}", "模型文件无法使用：{0}", std::string(e.what()));
}

std::shared_ptr<const engine::Model> load_model(const GlobalOptions& g, const std::filesystem::path& path) {
  require_kb_path(path);
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec) && engine::looks_like_model_file(path)) {
    auto const start = std::chrono::steady_clock::now();
    try {
      auto model = engine::load_model_file(path);
      spdlog::debug("loaded the model file {} (KB {}) in {:.1f} ms", path.string(), model->version(), ms_since(start));
      return kept_until_exit(std::move(model));
    } catch (const engine::ModelFileError& e) {
      throw UsageError(model_file_unusable(e));
    }
  }
  if (auto model = precompiled_model(g, path)) return kept_until_exit(std::move(model));
  dsl::KbCheck kb = check_kb(path);
  if (!kb.kb) {
    dsl::Diagnostics errors;
    for (const dsl::Diagnostic& d : kb.diagnostics.items()) {
      if (d.severity == dsl::Severity::error) errors.add(d);
    }
    std::cerr << render::diagnostics_text(errors, g.render_options());
    throw UsageError(kb_has_errors(path));
  }
  // The warnings are for `kb check`; let their memory go before compiling, the peak of a load.
  kb.diagnostics = {};
  auto const start = std::chrono::steady_clock::now();
  auto model = engine::compile(std::move(*kb.kb));  // frees the syntax tree as it goes
  spdlog::debug("compiled KB {}: {} steps, {} rules, {} causes in {:.1f} ms", model->version(), model->steps().size(),
                model->rules().size(), model->causes().size(), ms_since(start));
  return kept_until_exit(std::move(model));
}

engine::Profile load_profile(const engine::Model& model, const std::filesystem::path& path) {
  std::string text;
  try {
    text = base::read_input(path, base::kMaxProfileBytes, {"profile", "资料"});
  } catch (const base::InputError& e) {
    throw UsageError(e.wording());
  }
  try {
    engine::Profile profile = engine::parse_profile(model, text, base::beijing_now());
    spdlog::debug("profile {}: as of {}", path.string(), base::format_datetime(profile.as_of));
    return profile;
  } catch (const engine::ProfileError& e) {
    // Named as `cases import` names it: "-" would read as a stray dash.
    std::string const name = path == "-" ? "<stdin>" : path.string();
    throw UsageError(e.wording().prefixed(name + ": ", name + "："));
  }
}

}  // namespace mpadvisor::cli
