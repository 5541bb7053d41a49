#include "mpadvisor/dsl/checked_kb.hpp"

#include "check/context.hpp"

namespace mpadvisor::dsl {

struct CheckedKb::Parts {
  KnowledgeBase kb;
  Symbols symbols;
  std::unique_ptr<StepGraph> graph;
};

const KnowledgeBase& CheckedKb::kb() const { return parts_->kb; }
const Symbols& CheckedKb::symbols() const { return parts_->symbols; }
const StepGraph& CheckedKb::step_graph() const { return *parts_->graph; }
KnowledgeBase* CheckedKb::sole_tree() { return parts_.use_count() == 1 ? &parts_->kb : nullptr; }

KbCheck check_loaded(LoadResult loaded, const CheckOptions& options) {
  KbCheck out;
  out.files = loaded.kb.modules.size();
  out.diagnostics = std::move(loaded.diagnostics);
  // The parts live on the heap from the start: the symbol tables and the step graph point
  // into the modules, which therefore never move again.
  auto parts = std::make_shared<CheckedKb::Parts>();
  parts->kb = std::move(loaded.kb);
  if (!out.diagnostics.has_errors()) {
    check_detail::CheckContext cx(parts->kb, options);
    check_detail::run_passes(cx);
    out.diagnostics.append(std::move(cx.diagnostics));
    parts->symbols = std::move(cx.symbols);
    parts->graph = std::move(cx.graph);
  }
  out.diagnostics.sort();
  if (out.diagnostics.has_errors()) return out;
  out.kb = CheckedKb(std::move(parts));
  return out;
}

KbCheck load_and_check(const std::filesystem::path& path, const CheckOptions& options) {
  return check_loaded(load(path), options);
}

KbCheck check_text(std::string path, std::string text, const CheckOptions& options) {
  return check_loaded(load_text(std::move(path), std::move(text)), options);
}

}  // namespace mpadvisor::dsl
