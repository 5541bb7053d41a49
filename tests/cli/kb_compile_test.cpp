// kb compile and --kb FILE.mpm: the precompiled model gives the same answers as the KB's text,
// a damaged model file is a one-line error (exit 2, or exit 3 when the damage is found only
// by the command that first reads the part), and the build's precompiled shipped KB is what a
// plain `mpadvisor diagnose` loads.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "content_hash.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(KbCompile, TheModelFileAnswersAsTheKbText) {
  TempDir tmp;
  std::string const model = (tmp.path() / "kb.mpm").string();
  RunResult compiled = run_mpadvisor({"kb", "compile", "kb", "-o", model}, tmp.path());
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  EXPECT_NE(compiled.out.find("compiled kb into"), std::string::npos) << compiled.out;
  std::vector<std::vector<std::string>> const commands = {
      {"--format", "json", "diagnose", "kb/examples/yoga_name_rejected.json"},
      {"--lang", "zh", "diagnose", "kb/examples/unknown_facts.json", "--explain"},
      {"--lang", "en", "why", "kb/examples/yoga_name_rejected.json", "filing.name_commercial"},
      {"--format", "json", "plan", "kb/examples/nonlocal_no_proof.json"},
      {"kb", "test", "--require-coverage"},
      {"--format", "json", "kb", "eval", "kb/eval"},
      {"kb", "doc"},
  };
  for (std::vector<std::string> args : commands) {
    std::vector<std::string> with_text = {"--kb", "kb"}, with_model = {"--kb", model};
    with_text.insert(with_text.end(), args.begin(), args.end());
    with_model.insert(with_model.end(), args.begin(), args.end());
    RunResult const a = run_mpadvisor(with_text, tmp.path()), b = run_mpadvisor(with_model, tmp.path());
    EXPECT_EQ(a.exit_code, b.exit_code) << args.back();
    EXPECT_EQ(a.out, b.out) << args.back();
    EXPECT_FALSE(a.out.empty()) << args.back();
  }
}

TEST(KbCompile, ADamagedModelFileIsAOneLineErrorWithExitTwo) {
  TempDir tmp;
  std::filesystem::path const model = tmp.path() / "kb.mpm";
  ASSERT_EQ(run_mpadvisor({"kb", "compile", "kb", "-o", model.string()}, tmp.path()).exit_code, 0);
  std::string bytes = read_all(model);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  std::ofstream(tmp.path() / "damaged.mpm", std::ios::binary) << bytes;
  std::ofstream(tmp.path() / "cut.mpm", std::ios::binary) << bytes.substr(0, 100);
  RunResult damaged = run_mpadvisor(
      {"--kb", (tmp.path() / "damaged.mpm").string(), "diagnose", "kb/examples/clean_release.json"}, tmp.path());
  EXPECT_EQ(damaged.exit_code, 2);
  EXPECT_NE(damaged.err.find("damaged (its checksum does not match)"), std::string::npos) << damaged.err;
  EXPECT_EQ(std::count(damaged.err.begin(), damaged.err.end(), '\n'), 1) << damaged.err;
  RunResult cut = run_mpadvisor(
      {"--kb", (tmp.path() / "cut.mpm").string(), "diagnose", "kb/examples/clean_release.json"}, tmp.path());
  EXPECT_EQ(cut.exit_code, 2);
  EXPECT_NE(cut.err.find("truncated"), std::string::npos) << cut.err;
  // In Chinese the refusal leads in Chinese; the decoder's reason is quoted as it comes.
  RunResult cut_zh = run_mpadvisor(
      {"--lang", "zh", "--kb", (tmp.path() / "cut.mpm").string(), "diagnose", "kb/examples/clean_release.json"},
      tmp.path());
  EXPECT_EQ(cut_zh.exit_code, 2);
  EXPECT_NE(cut_zh.err.find("mpadvisor：错误：模型文件无法使用："), std::string::npos) << cut_zh.err;
  RunResult nowhere =
      run_mpadvisor({"kb", "compile", "kb", "-o", (tmp.path() / "no/such/dir/kb.mpm").string()}, tmp.path());
  EXPECT_EQ(nowhere.exit_code, 3) << nowhere.err;
}

// The interview's tables are decoded when a command first reads them, and they are the
// payload's last section. Forged there behind a checksum that holds, the model loads and
// diagnoses; the interview stops at its first question with a one-line error and exit 3.
TEST(KbCompile, APartForgedBehindAGoodChecksumStopsTheCommandThatReadsIt) {
  TempDir tmp;
  std::filesystem::path const model = tmp.path() / "kb.mpm", forged = tmp.path() / "forged.mpm";
  ASSERT_EQ(run_mpadvisor({"kb", "compile", "kb", "-o", model.string()}, tmp.path()).exit_code, 0);
  std::string bytes = read_all(model);
  constexpr std::size_t kHeader = 32, kChecksumAt = 24;  // model_file.cpp: magic, format, reserved, size, checksum
  bytes.back() = '\x07';  // the last answer's flag, or the count of the last fact's flags
  std::uint64_t const sum = engine::content_hash(std::string_view(bytes).substr(kHeader));
  std::memcpy(bytes.data() + kChecksumAt, &sum, sizeof sum);
  std::ofstream(forged, std::ios::binary) << bytes;

  RunResult diagnosed =
      run_mpadvisor({"--kb", forged.string(), "diagnose", "kb/examples/clean_release.json"}, tmp.path());
  EXPECT_EQ(diagnosed.exit_code, 0) << diagnosed.err;
  for (const char* lang : {"en", "zh"}) {
    RunResult asked = run_mpadvisor(
        {"--lang", lang, "--kb", forged.string(), "interview", "kb/examples/clean_release.json"}, tmp.path());
    EXPECT_EQ(asked.exit_code, 3) << asked.err;
    EXPECT_NE(asked.err.find("forged.mpm: not a valid model file"), std::string::npos) << asked.err;
    EXPECT_EQ(std::count(asked.err.begin(), asked.err.end(), '\n'), 1) << asked.err;
    if (std::string(lang) == "zh") {
      EXPECT_NE(asked.err.find("模型文件无法使用"), std::string::npos) << asked.err;
    }
  }
}

TEST(KbCompile, ThePlainCommandLineLoadsTheBuildsPrecompiledModel) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"-vv", "diagnose", "kb/examples/clean_release.json"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("loaded the precompiled model"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("compiled KB"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mpadvisor::testing
