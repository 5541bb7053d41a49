// Golden diagnostics: each tests/golden/diagnostics/NAME.mpk is loaded and checked, and the
// rendered diagnostics must equal NAME.expect (text), NAME.json.expect (JSON) and
// NAME.zh.expect (text in Chinese).
#include <gtest/gtest.h>

#include "mpadvisor/dsl/checked_kb.hpp"
#include "support/golden.hpp"

namespace mpadvisor::dsl {
namespace {

namespace fs = std::filesystem;

class GoldenDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiagnostics, MatchExpectedOutput) {
  fs::path const dir = testing::source_dir() / "tests/golden/diagnostics";
  fs::path const input = dir / (GetParam() + ".mpk");
  // Load through a relative path so the file names in the output do not depend on the checkout.
  fs::current_path(dir);
  Diagnostics const d = load_and_check(input.filename()).diagnostics;
  testing::expect_golden(dir / (GetParam() + ".expect"), render_text(d));
  testing::expect_golden(dir / (GetParam() + ".json.expect"), render_json(d));
  testing::expect_golden(dir / (GetParam() + ".zh.expect"),
                         render_text(d, false, SeverityWords{"错误", "警告", "注"}, base::Lang::zh));
}

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(testing::source_dir() / "tests/golden/diagnostics")) {
    if (e.path().extension() == ".mpk") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenDiagnostics, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// A message that quotes bytes which are not UTF-8 still renders as JSON, each such byte as
// U+FFFD (the JSON library throws on them by default: `kb check --format json` failed).
TEST(RenderJson, ReplacesBytesThatAreNotUtf8) {
  Diagnostics d;
  Diagnostic bad;
  bad.severity = Severity::warning;
  bad.code = "bare-source";
  bad.message = base::english_only("source 'guide \xe7\xa8s' is neither an address nor a declared reference");
  d.add(bad);
  std::string json;
  ASSERT_NO_THROW(json = render_json(d));
  EXPECT_NE(json.find("guide \xef\xbf\xbds"), std::string::npos) << json;
}

}  // namespace
}  // namespace mpadvisor::dsl
