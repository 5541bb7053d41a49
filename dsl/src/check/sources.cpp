// The sources pass: every source should be an address (https://…) or name a declared
// reference, and its `checked` date must be a real day. Applicants see the reference's title,
// so a source that is neither is shown to them as written: a warning (with a did-you-mean
// when it is close to a declared reference), not an error, so that a KB written for another
// purpose (a benchmark's generated KB) still loads.
#include "check/context.hpp"
#include "mpadvisor/dsl/suggest.hpp"

namespace mpadvisor::dsl::check_detail {
namespace {

void check_one(CheckContext& cx, const ast::Module& m, const ast::Source& source) {
  if (source.checked) cx.valid_date(m, source.span, *source.checked);
  if (source.ref.find("://") != std::string::npos) return;
  std::string_view const name = source_reference(source.ref);
  if (!name.empty() && cx.symbols.references.count(name)) return;
  std::vector<std::string> candidates;
  for (const auto& [declared, d] : cx.symbols.references) candidates.push_back(declared);
  std::string const first_word = source.ref.substr(0, source.ref.find(' '));
  cx.report(
      m, source.span, Severity::warning, code::kBareSource,
      base::with_closest(
          base::word("source '{0}' is neither an address (https://…) nor a declared reference; "
                     "applicants will see it as written",
                     "来源“{0}”既不是网址（https://…），也不是已声明的参考资料；申请人会看到它的原样", source.ref),
          closest_match(first_word, candidates)));
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
