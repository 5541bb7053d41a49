// Importing JSON Lines: all or nothing, --skip-bad, line numbers, streaming.
#include <gtest/gtest.h>

#include <fstream>
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
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
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
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  cb::ImportOptions options;
  options.skip_bad = true;
  const auto report = store.import_jsonl(data_dir() / "malformed_line4.jsonl", options);
  EXPECT_EQ(report.imported, 3u);
  EXPECT_EQ(report.skipped, 1u);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 4u);
  EXPECT_NE(report.errors[0].message.en.find("maybe"), std::string::npos);
  EXPECT_EQ(store.count(), 3);
}

TEST(Import, EveryKindOfBadLineHasItsLineNumber) {
  TempDir tmp;
  std::string const other = std::string(kLine).replace(kLine.find("\"ok\""), 4, "\"other\"");  // another case
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  std::string text = kLine + "\n";                                                      // 1 ok
  text += "{\"date\": \n";                                                              // 2 bad JSON
  text += std::string(kLine).replace(kLine.find("2024-03-02"), 10, "2024-3-2") + "\n";  // 3 bad date
  text += "\r\n";                                                                       // 4 blank (CRLF)
  text += R"({"id":1,)" + other.substr(1) + "\r\n";                                     // 5 duplicate id
  text += "42\n";                                                                       // 6 not an object
  text += other;                                                                        // 7 ok, no final newline
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
  EXPECT_NE(report.errors[0].message.en.find("invalid JSON"), std::string::npos);
  EXPECT_NE(report.errors[2].message.en.find("duplicate id 1"), std::string::npos);

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
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  // 3 MiB over a 1 MiB limit, spread over many read buffers.
  std::string const other = std::string(kLine).replace(kLine.find("\"ok\""), 4, "\"other\"");
  std::string huge = kLine + "\n{\"message\":\"" + std::string(3 * 1024 * 1024, 'x') + "\"}\n" + other + "\n";
  std::istringstream in(huge);
  cb::ImportOptions options;
  options.skip_bad = true;
  options.max_line_bytes = 1024 * 1024;
  const auto report = store.import_jsonl(in, options);
  EXPECT_EQ(report.imported, 2u);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 2u);
  EXPECT_NE(report.errors[0].message.en.find("longer than"), std::string::npos);
}

// A file that is not there, a folder or a device is the caller's mistake (exit 2), found before
// anything is read: /dev/zero would otherwise never end.
TEST(Import, AMissingFileAFolderOrADeviceIsRefusedAtOnce) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  for (const auto& [path, reason] : std::vector<std::pair<std::filesystem::path, std::string>>{
           {tmp / "nope.jsonl", "does not exist"}, {tmp.path(), "is a folder"}, {"/dev/zero", "is a device"}}) {
    try {
      store.import_jsonl(path);
      ADD_FAILURE() << path;
    } catch (const cb::Error& e) {
      EXPECT_EQ(e.code(), cb::Errc::invalid_input);
      EXPECT_NE(std::string(e.what()).find(path.string() + "' " + reason), std::string::npos) << e.what();
    }
  }
}

// Without --skip-bad the first line over the limit ends the import: an endless line (a pipe
// from /dev/zero) is not read to its end.
TEST(Import, AnEndlessLineEndsTheImportAtTheLimit) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  struct Zeros : std::streambuf {
    char zeros[4096] = {};
    int_type underflow() override {
      setg(zeros, zeros, zeros + sizeof zeros);
      return 0;
    }
  } endless;
  std::istream in(&endless);
  cb::ImportOptions options;
  options.max_line_bytes = 64 * 1024;
  EXPECT_THROW(store.import_jsonl(in, options), cb::ImportError);
  EXPECT_EQ(store.count(), 0);
}

TEST(Import, StreamsAGeneratedInputWithProgress) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
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

// Importing the same file twice stores its cases once: the second import counts them as
// duplicates (same content hash), with or without their ids; another case with a taken id is
// still an error.
TEST(Import, TheSameFileTwiceStoresItsCasesOnce) {
  TempDir tmp;
  auto store = cb::Store::open(cb::testing::db(tmp, "cases.db"));
  std::string const other = std::string(kLine).replace(kLine.find("\"ok\""), 4, "\"other\"");
  std::string const text = kLine + "\n" + other + "\n";
  {
    std::istringstream in(text);
    auto const first = store.import_jsonl(in, {});
    EXPECT_EQ(first.imported, 2u);
    EXPECT_EQ(first.duplicates, 0u);
  }
  {
    std::istringstream in(text);
    auto const second = store.import_jsonl(in, {});
    EXPECT_EQ(second.imported, 0u);
    EXPECT_EQ(second.duplicates, 2u);
  }
  // An export (which carries ids) imported back: duplicates too.
  std::ostringstream exported;
  store.export_jsonl(exported);
  std::istringstream back(exported.str());
  auto const again = store.import_jsonl(back, {});
  EXPECT_EQ(again.duplicates, 2u);
  EXPECT_EQ(store.count(), 2);
  std::istringstream clash(R"({"id":1,)" + std::string(kLine).replace(kLine.find("\"ok\""), 4, "\"third\"").substr(1));
  EXPECT_THROW(store.import_jsonl(clash, {}), cb::ImportError);
}

// A damaged database is refused before anything is written: a retry after the repair cannot
// find half an import in it.
TEST(Import, ADamagedDatabaseIsRefusedBeforeWriting) {
  MPADVISOR_SQLITE_ONLY();  // PostgreSQL checks its own pages (and owns its files)
  TempDir tmp;
  auto const path = cb::testing::db(tmp, "cases.db");
  {
    auto store = cb::Store::open(path);
    std::string text;
    for (int i = 0; i < 400; ++i)
      text += std::string(kLine).replace(kLine.find("\"ok\""), 4,
                                         "\"case " + std::to_string(i) + " " + std::string(200, 'x') + "\"") +
              "\n";
    std::istringstream in(text);
    store.import_jsonl(in, {});
  }
  {
    // Overwrite a stretch in the middle of the file (not its header) with garbage.
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(16 * 4096);
    std::string const garbage(3 * 4096, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto store = cb::Store::open(path);
  std::istringstream in(std::string(kLine).replace(kLine.find("\"ok\""), 4, "\"new\""));
  try {
    store.import_jsonl(in, {});
    FAIL() << "a damaged database accepted an import";
  } catch (const cb::Error& e) {
    EXPECT_EQ(e.code(), cb::Errc::database);
    EXPECT_NE(std::string(e.what()).find("is damaged"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("nothing was imported"), std::string::npos) << e.what();
  }
}
