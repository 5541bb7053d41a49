// libFuzzer target for the parser, the checker and the formatter. Besides "no crash, no
// sanitizer report", it checks the formatter's contract on every input that parses:
// the formatted text parses again, to as many declarations, and formatting it is a no-op; and
// a rule condition the loader keeps as text reads back as the tree a plain parse gives.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/dsl/format.hpp"
#include "mpadvisor/dsl/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mpadvisor::dsl;
  std::string text(reinterpret_cast<const char*>(data), size);
  KbCheck checked = check_text("fuzz.mpk", text);
  (void)render_text(checked.diagnostics);
  (void)render_json(checked.diagnostics);
  // The formatter's contract holds for every text that parses, checked or not.
  ParseResult parsed = parse("fuzz.mpk", text);
  if (parsed.diagnostics.has_errors()) return 0;
  const ast::Module& module = parsed.module;
  std::string const once = format(module);
  ParseResult again = parse("fuzz.mpk", once);
  if (again.diagnostics.has_errors() || again.module.declarations.size() != module.declarations.size()) std::abort();
  if (format(again.module) != once) std::abort();
  ParseResult const lean = parse("fuzz.mpk", text, ParseOptions{.rule_conditions_in_text = true});
  if (lean.diagnostics.has_errors() || lean.module.declarations.size() != module.declarations.size()) std::abort();
  ast::Expr storage;
  for (std::size_t i = 0; i < module.declarations.size(); ++i) {
    const auto* full = std::get_if<ast::Rule>(&module.declarations[i]);
    const auto* kept = std::get_if<ast::Rule>(&lean.module.declarations[i]);
    if ((full == nullptr) != (kept == nullptr)) std::abort();
    if (full != nullptr &&
        format_condition(rule_condition(lean.module, *kept, storage)) != format_condition(full->condition))
      std::abort();
  }
  return 0;
}
