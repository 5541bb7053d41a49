// Importing JSON Lines: all or nothing, --skip-bad, line numbers, streaming.
#include <gtest/gtest.h>

#include <sstream>

#include "case_generator.hpp"
#include "mpadvisor/casebase/store.hpp"
#include "support.hpp"

namespace cb = mpadvisor::casebase;
using cb::testing::data_dir;
using cb::testing::TempDir;

namespace {

const std::string kLine =
    R"({"date":"2024-03-02","stage":"filing.submit","entity":"personal","profile":{},"message":"ok","causes":[],"fix":null,"outcome":"rejected","source":"t"})";

}  // namespace

TEST(Import, AMalformedLineRollsBackTheWholeImport) {
  TempDir tmp;
  auto store = cb::Store::open(tmp / "cases.db");
  store.import_jsonl(data_dir() / "seed/01_first.jsonl");  // earlier imports are kept
  try {
    store.import_jsonl(data_dir() / "malformed_line4.jsonl");
    FAIL() << "expected an ImportError";
  } catch (const cb::ImportError& e) {
    EXPECT_EQ(e.line(), 4u);
    EXPECT_NE(e.source().find("malformed_line4.jsonl"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("malformed_line4.jsonl:4: outcome must be approved, rejected or unknown"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(store.count(), 2);  // lines 1 and 2 of the bad file were rolled back
  // The connection is usable afterwards.
  std::istringstream good(kLine);
  EXPECT_EQ(store.import_jsonl(good).imported, 1u);
}

TEST(Import, SkipBadReportsAndSkipsBadLines) {
  TempDir tmp;
  auto store = cb::Store::open(tmp / "cases.db");
  cb::ImportOptions options;
  options.skip_bad = true;
  const auto report = store.import_jsonl(data_dir() / "malformed_line4.jsonl", options);
  EXPECT_EQ(report.imported, 3u);
  EXPECT_EQ(report.skipped, 1u);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 4u);
  EXPECT_NE(report.errors[0].message.find("maybe"), std::string::npos);
  EXPECT_EQ(store.count(), 3);
}

TEST(Import, EveryKindOfBadLineHasItsLineNumber) {
  TempDir tmp;
  auto store = cb::Store::open(tmp / "cases.db");
  std::string text = kLine + "\n";                                                      // 1 ok
  text += "{\"date\": \n";                                                              // 2 bad JSON
  text += std::string(kLine).replace(kLine.find("2024-03-02"), 10, "2024-3-2") + "\n";  // 3 bad date
  text += "\r\n";                                                                       // 4 blank (CRLF)
  text += R"({"id":1,)" + kLine.substr(1) + "\r\n";                                     // 5 duplicate id
  text += "42\n";                                                                       // 6 not an object
  text += kLine;                                                                        // 7 ok, no final newline
  cb::ImportOptions options;
  options.skip_bad = true;
  options.source_name = "mixed.jsonl";
  std::istringstream in(text);
  const auto report = store.import_jsonl(in, options);
  EXPECT_EQ(report.lines, 7u);
  EXPECT_EQ(report.imported, 2u);
  EXPECT_EQ(report.skipped, 4u);
  std::vector<std::size_t> lines;
  for (const auto& error : report.errors) lines.push_back(error.line);
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 3, 5, 6}));
  EXPECT_NE(report.errors[0].message.find("invalid JSON"), std::string::npos);
  EXPECT_NE(report.errors[2].message.find("duplicate id 1"), std::string::npos);

  std::istringstream strict(text);
  try {
    store.import_jsonl(strict, {});
    FAIL();
  } catch (const cb::ImportError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(std::string(e.what()).rfind("<input>:2: invalid JSON", 0), 0u) << e.what();
  }
  EXPECT_EQ(store.count(), 2);
}

TEST(Import, AnOverlongLineIsABadLineNotAMemoryProblem) {
  TempDir tmp;
  auto store = cb::Store::open(tmp / "cases.db");
  // 3 MiB over a 1 MiB limit, spread over many read buffers.
  std::string huge = kLine + "\n{\"message\":\"" + std::string(3 * 1024 * 1024, 'x') + "\"}\n" + kLine + "\n";
  std::istringstream in(huge);
  cb::ImportOptions options;
  options.skip_bad = true;
  options.max_line_bytes = 1024 * 1024;
  const auto report = store.import_jsonl(in, options);
  EXPECT_EQ(report.imported, 2u);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 2u);
  EXPECT_NE(report.errors[0].message.find("longer than"), std::string::npos);
}

TEST(Import, AMissingFileIsAnIoError) {
  TempDir tmp;
  auto store = cb::Store::open(tmp / "cases.db");
  try {
    store.import_jsonl(tmp / "nope.jsonl");
    FAIL();
  } catch (const cb::Error& e) {
    EXPECT_EQ(e.code(), cb::Errc::io);
    EXPECT_NE(std::string(e.what()).find("nope.jsonl"), std::string::npos);
  }
}

TEST(Import, StreamsAGeneratedInputWithProgress) {
  TempDir tmp;
  auto store = cb::Store::open(tmp / "cases.db");
  cb::testing::GeneratedCases source(12000);
  std::istream in(&source);
  std::vector<std::size_t> progress;
  cb::ImportOptions options;
  options.progress_every = 5000;
  options.on_progress = [&](std::size_t n) { progress.push_back(n); };
  const auto report = store.import_jsonl(in, options);
  EXPECT_EQ(report.imported, 12000u);
  EXPECT_EQ(progress, (std::vector<std::size_t>{5000, 10000}));
  EXPECT_EQ(store.count(), 12000);
}
