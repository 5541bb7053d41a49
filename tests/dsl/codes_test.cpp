// One failing example per diagnostic code: tests/dsl/codes/<code>/ holds a KB that must be
// reported with that code, and the full report it gives in English (expected.txt) and in
// Chinese (expected.zh.txt), every message of which says something in Chinese. A code added to
// diagnostic_codes.hpp without an example fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/dsl/diagnostic_codes.hpp"
#include "support/golden.hpp"

namespace mpadvisor::dsl {
namespace {

namespace fs = std::filesystem;

// `options`: "stale-after DAYS today YYYY-MM-DD".
CheckOptions options_in(const fs::path& dir) {
  CheckOptions options;
  options.today = std::chrono::year{2026} / 11 / 27;
  std::ifstream in(dir / "options");
  std::string word;
  while (in >> word) {
    if (word == "stale-after") {
      int days = 0;
      in >> days;
      options.stale_after_days = days;
    } else if (word == "today") {
      std::string date;
      in >> date;
      options.today = base::date_of(base::parse_time(date).seconds);
    }
  }
  return options;
}

// Some of `text` is in a CJK script (the UTF-8 of U+3000–U+9FFF and the full-width forms
// start with 0xE3–0xE9 or 0xEF).
bool has_chinese(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto const byte = static_cast<unsigned char>(c);
    return (byte >= 0xE3 && byte <= 0xE9) || byte == 0xEF;
  });
}

class DiagnosticCode : public ::testing::TestWithParam<std::string_view> {};

TEST_P(DiagnosticCode, HasAFailingExample) {
  fs::path const dir = testing::source_dir() / "tests/dsl/codes" / std::string(GetParam());
  ASSERT_TRUE(fs::is_directory(dir)) << "no example for the code " << GetParam() << " in " << dir;
  // Checked from inside the folder, so that the report names short relative paths.
  fs::path const before = fs::current_path();
  fs::current_path(dir);
  KbCheck const checked = load_and_check(fs::exists("kb.mpk") ? "kb.mpk" : "kb", options_in(dir));
  fs::current_path(before);
  bool const reported = std::any_of(checked.diagnostics.items().begin(), checked.diagnostics.items().end(),
                                    [&](const Diagnostic& d) { return d.code == GetParam(); });
  EXPECT_TRUE(reported) << render_text(checked.diagnostics);
  testing::expect_golden(dir / "expected.txt", render_text(checked.diagnostics));
  SeverityWords const chinese{"错误", "警告", "注"};
  testing::expect_golden(dir / "expected.zh.txt", render_text(checked.diagnostics, false, chinese, base::Lang::zh));
  for (const Diagnostic& d : checked.diagnostics.items()) {
    EXPECT_TRUE(has_chinese(d.message.zh)) << d.message.zh;
    for (const base::Wording& note : d.notes) EXPECT_TRUE(has_chinese(note.zh)) << note.zh;
  }
}

INSTANTIATE_TEST_SUITE_P(Codes, DiagnosticCode, ::testing::ValuesIn(code::kAll),
                         [](const ::testing::TestParamInfo<std::string_view>& info) {
                           std::string name(info.param);
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace mpadvisor::dsl
