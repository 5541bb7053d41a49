// The sources pass: every source is an address (https://…) or names a declared reference,
// and its `checked` date is a real day. Applicants see the reference's title, never an
// internal label, so an unknown name is an error rather than text shown as it is.
#include "check/context.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

void check_one(CheckContext& cx, const ast::Module& m, const ast::Source& source) {
  if (source.checked) cx.valid_date(m, source.span, *source.checked);
  if (source.ref.find("://") != std::string::npos) return;
  ast::Name reference;
  reference.text = std::string(source_reference(source.ref));
  reference.span = source.span;
  if (reference.text.empty()) {
    cx.report(m, source.span, Severity::error, code::kUndefinedName,
              "a source is an address (https://…) or the name of a declared reference, not '" + source.ref + "'");
    return;
  }
  cx.resolve(m, reference, "reference", cx.symbols.references);
}

}  // namespace

void check_sources(CheckContext& cx) {
  for (const ast::Module& m : cx.kb.modules) {
    for (const ast::Declaration& decl : m.declarations) {
      std::visit(
          [&](const auto& d) {
            if constexpr (requires { d.sources; }) {
              for (const ast::Source& source : d.sources) check_one(cx, m, source);
            }
          },
          decl);
    }
  }
}

}  // namespace mpadvisor::dsl::check_detail
