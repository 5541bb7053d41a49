// libFuzzer target for the parser, the checker and the formatter. Besides "no crash, no
// sanitizer report", it checks the formatter's contract on every input that parses:
// the formatted text parses again, to as many declarations, and formatting it is a no-op.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mpadvisor/dsl/check.hpp"
#include "mpadvisor/dsl/format.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/dsl/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mpadvisor::dsl;
  std::string text(reinterpret_cast<const char*>(data), size);
  LoadResult loaded = load_text("fuzz.mpk", text);
  (void)render_text(loaded.diagnostics);
  if (loaded.diagnostics.has_errors()) return 0;
  Diagnostics checked = check(loaded.kb);
  (void)render_json(checked);
  const ast::Module& module = loaded.kb.modules.front();
  std::string const once = format(module);
  ParseResult again = parse("fuzz.mpk", once);
  if (again.diagnostics.has_errors() || again.module.declarations.size() != module.declarations.size()) std::abort();
  if (format(again.module) != once) std::abort();
  return 0;
}
