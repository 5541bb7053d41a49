#include "kb_loading.hpp"

#include <iostream>

#include "mpadvisor/engine/profile.hpp"

namespace mpadvisor::cli {

CheckedKb load_and_check(const std::filesystem::path& path, const dsl::CheckOptions& options) {
  CheckedKb out;
  out.loaded = dsl::load(path);
  out.diagnostics = out.loaded.diagnostics;
  // Semantic checks on a partly parsed KB would only repeat the syntax errors' consequences.
  if (!out.diagnostics.has_errors()) out.diagnostics.append(dsl::check(out.loaded.kb, options));
  out.diagnostics.sort();
  return out;
}

std::shared_ptr<const engine::Model> load_model(const std::filesystem::path& path, bool colour) {
  CheckedKb kb = load_and_check(path);
  if (kb.diagnostics.has_errors()) {
    dsl::Diagnostics errors;
    for (const dsl::Diagnostic& d : kb.diagnostics.items()) {
      if (d.severity == dsl::Severity::error) errors.add(d);
    }
    std::cerr << dsl::render_text(errors, colour);
    throw UsageError("the knowledge base at " + path.string() + " has errors (run 'mpadvisor kb check')");
  }
  return engine::compile(kb.loaded.kb);
}

engine::Profile load_profile(const engine::Model& model, const std::filesystem::path& path) {
  std::string text;
  try {
    text = dsl::read_file(path);
  } catch (const std::exception&) {
    throw UsageError("cannot read profile " + path.string());
  }
  try {
    return engine::parse_profile(model, text, beijing_now());
  } catch (const engine::ProfileError& e) {
    throw UsageError(path.string() + ": " + e.what());
  }
}

std::int64_t beijing_now() { return static_cast<std::int64_t>(std::time(nullptr)) + 8 * 3600; }

dsl::ast::Date today() {
  std::int64_t const days = beijing_now() / 86400;
  std::string const s = engine::format_time(days * 86400, false);
  dsl::ast::Date d;
  d.year = std::stoi(s.substr(0, 4));
  d.month = std::stoi(s.substr(5, 2));
  d.day = std::stoi(s.substr(8, 2));
  return d;
}

engine::Lang to_engine(Language lang) { return lang == Language::zh ? engine::Lang::zh : engine::Lang::en; }

}  // namespace mpadvisor::cli
