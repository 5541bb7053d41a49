#include "kb_loading.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/engine/profile.hpp"
#include "mpadvisor/render/kb.hpp"

namespace mpadvisor::cli {

void require_kb_path(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw UsageError("no such file or folder '" + path.string() + "'");
  if (std::filesystem::is_directory(path, ec)) return;
  try {
    base::check_readable(path, "knowledge base");
  } catch (const base::InputError& e) {
    throw UsageError(e.what());
  }
}

dsl::KbCheck check_kb(const std::filesystem::path& path, const dsl::CheckOptions& options) {
  auto const start = std::chrono::steady_clock::now();
  dsl::KbCheck out = dsl::load_and_check(path, options);
  spdlog::debug("loaded and checked the KB at {} ({} files, {} errors, {} warnings) in {:.1f} ms", path.string(),
                out.files, out.diagnostics.error_count(), out.diagnostics.warning_count(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  return out;
}

std::shared_ptr<const engine::Model> load_model(const GlobalOptions& g, const std::filesystem::path& path) {
  require_kb_path(path);
  dsl::KbCheck kb = check_kb(path);
  if (!kb.kb) {
    dsl::Diagnostics errors;
    for (const dsl::Diagnostic& d : kb.diagnostics.items()) {
      if (d.severity == dsl::Severity::error) errors.add(d);
    }
    std::cerr << render::diagnostics_text(errors, g.render_options());
    throw UsageError("the knowledge base at " + path.string() + " has errors (run 'mpadvisor kb check')");
  }
  auto const start = std::chrono::steady_clock::now();
  auto model = engine::compile(*kb.kb);
  spdlog::debug("compiled KB {}: {} steps, {} rules, {} causes in {:.1f} ms", model->version(), model->steps().size(),
                model->rules().size(), model->causes().size(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  return model;
}

engine::Profile load_profile(const engine::Model& model, const std::filesystem::path& path) {
  std::string text;
  try {
    text = base::read_input(path, base::kMaxProfileBytes, "profile");
  } catch (const base::InputError& e) {
    throw UsageError(e.what());
  }
  try {
    engine::Profile profile = engine::parse_profile(model, text, base::beijing_now());
    spdlog::debug("profile {}: as of {}", path.string(), base::format_datetime(profile.as_of));
    return profile;
  } catch (const engine::ProfileError& e) {
    throw UsageError(path.string() + ": " + e.what());
  }
}

}  // namespace mpadvisor::cli
