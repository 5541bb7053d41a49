// Bad and hostile input at the command line: bounded readers (no input may exhaust memory or
// hang), devices and folders refused, standard input as "-", an empty KB never passing,
// escape sequences in stored text neutralised, misspelled causes, repeated imports, lock waits.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

// Peak memory of the largest child so far, in MiB. Under AddressSanitizer every process maps
// its shadow memory, so the figure says nothing about the reader: 0 there.
double children_peak_mib() {
#if defined(__SANITIZE_ADDRESS__)
  return 0;
#else
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
#endif
}

TEST(Hardening, DevicesAreRefusedAtOnceWithExitTwo) {
  TempDir tmp;
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"diagnose", "/dev/zero"}, "mpadvisor: error: profile '/dev/zero' is a device, not a file\n"},
           {{"kb", "check", "/dev/zero"}, "mpadvisor: error: knowledge base '/dev/zero' is a device, not a file\n"},
           {with_db(tmp, {"cases", "import", "/dev/zero"}),
            "mpadvisor: error: import file '/dev/zero' is a device, not a file\n"},
           {{"--kb", "/dev/null", "diagnose", "kb/examples/clean_release.json"},
            "mpadvisor: error: knowledge base '/dev/null' is a device, not a file\n"},
           {{"diagnose", "kb"}, "mpadvisor: error: profile 'kb' is a folder, not a file\n"},
       }) {
    auto const start = std::chrono::steady_clock::now();
    RunResult const r = run_mpadvisor(c.args, tmp.path());
    double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.exit_code, 2) << c.args[0];
    EXPECT_EQ(r.err, c.message);
    EXPECT_LT(seconds, 1.0) << c.args[0];
  }
  EXPECT_LT(children_peak_mib(), 50.0);
}

TEST(Hardening, InputsOverTheirLimitAreRefusedWithoutReadingThemWhole) {
  TempDir tmp;
  std::string const zeros(3 << 20, '\0');  // 3 MiB on standard input, no newline
  RunResult const profile = run_mpadvisor({"diagnose", "-"}, tmp.path(), zeros);
  EXPECT_EQ(profile.exit_code, 2);
  EXPECT_EQ(profile.err, "mpadvisor: error: profile on standard input is larger than 1 MiB, the limit for a profile\n");
  RunResult const import = run_mpadvisor(with_db(tmp, {"cases", "import", "-"}), tmp.path(), zeros);
  EXPECT_EQ(import.exit_code, 2);
  EXPECT_NE(import.err.find("<stdin>:1: line is longer than 1 MiB"), std::string::npos) << import.err;
  // A KB file over 8 MiB.
  { std::ofstream(tmp.path() / "big.mpk") << std::string(9 << 20, '#'); }
  RunResult const kb = run_mpadvisor({"kb", "check", (tmp.path() / "big.mpk").string()}, tmp.path());
  EXPECT_EQ(kb.exit_code, 1);
  EXPECT_NE(kb.err.find("is larger than 8 MiB, the limit for a knowledge base file"), std::string::npos) << kb.err;
  // A rejection message over 64 KiB.
  RunResult const message = run_mpadvisor(
      {"diagnose", "kb/examples/yoga_name_rejected.json", "--rejection", std::string(70000, 'x')}, tmp.path());
  EXPECT_EQ(message.exit_code, 2);
  EXPECT_NE(message.err.find("larger than 64 KiB"), std::string::npos) << message.err;
  EXPECT_LT(children_peak_mib(), 50.0);
}

TEST(Hardening, AnEmptyKnowledgeBaseNeverPasses) {
  TempDir tmp;
  { std::ofstream(tmp.path() / "empty.mpk") << "# nothing but a comment\n"; }
  std::string const empty = (tmp.path() / "empty.mpk").string();
  RunResult const check = run_mpadvisor({"kb", "check", empty}, tmp.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("declares nothing: it is not a knowledge base [empty-kb]"), std::string::npos) << check.err;
  RunResult const diagnose = run_mpadvisor({"--kb", empty, "diagnose", "kb/examples/clean_release.json"}, tmp.path());
  EXPECT_EQ(diagnose.exit_code, 2);
  RunResult const test = run_mpadvisor({"--kb", "/dev/null", "kb", "test"}, tmp.path());
  EXPECT_EQ(test.exit_code, 2);
}

TEST(Hardening, StandardInputIsAProfileLikeAFile) {
  TempDir tmp;
  std::string const text = read_text(source_dir() / "kb/examples/yoga_name_rejected.json");
  RunResult const from_stdin = run_mpadvisor({"--format", "json", "diagnose", "-"}, tmp.path(), text);
  RunResult const from_file =
      run_mpadvisor({"--format", "json", "diagnose", "kb/examples/yoga_name_rejected.json"}, tmp.path());
  EXPECT_EQ(from_stdin.exit_code, from_file.exit_code);
  EXPECT_EQ(from_stdin.out, from_file.out);
  RunResult const plan = run_mpadvisor({"--format", "json", "plan", "-"}, tmp.path(), text);
  EXPECT_EQ(plan.out,
            run_mpadvisor({"--format", "json", "plan", "kb/examples/yoga_name_rejected.json"}, tmp.path()).out);
}

TEST(Hardening, EscapeSequencesInStoredCasesAreNeutralised) {
  TempDir tmp;
  std::string const hostile =
      "名称不规范 \x1b]8;;http://x\x07link\x1b]8;;\x07 and \x1b[2J cleared \xe2\x80\xae reversed";
  std::string line =
      R"({"date": "2026-11-01", "stage": "filing.submit", "entity": "personal", "profile": {}, "message": ")";
  for (char c : hostile) {
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
      line += buffer;
    } else {
      line += c;
    }
  }
  line += R"(", "causes": [], "fix": "\u001b[31mred\u001b[0m", "outcome": "rejected", "source": "test"})";
  RunResult const import = run_mpadvisor(with_db(tmp, {"cases", "import", "-"}), tmp.path(), line + "\n");
  ASSERT_EQ(import.exit_code, 0) << import.err;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"cases", "list"}, std::vector<std::string>{"cases", "similar", "名称不规范"}}) {
    RunResult const r = run_mpadvisor(with_db(tmp, args), tmp.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << args[1];
    EXPECT_EQ(r.out.find('\x07'), std::string::npos) << args[1];
    EXPECT_EQ(r.out.find("\xe2\x80\xae"), std::string::npos) << args[1];
    EXPECT_NE(r.out.find("\\x1b"), std::string::npos) << args[1] << ": " << r.out;
  }
  // The new case is the last one: find its id in the list and show it.
  RunResult const list = run_mpadvisor(with_db(tmp, {"cases", "list", "--stage", "filing.submit"}), tmp.path());
  std::size_t const hash = list.out.rfind('#');
  ASSERT_NE(hash, std::string::npos) << list.out;
  std::string const case_id = list.out.substr(hash + 1, list.out.find(' ', hash) - hash - 1);
  RunResult const show = run_mpadvisor(with_db(tmp, {"cases", "show", case_id}), tmp.path());
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.find('\x1b'), std::string::npos);
  EXPECT_NE(show.out.find("\\x1b]8;;http://x\\x07link"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("\\x1b[31mred"), std::string::npos) << show.out;
}

TEST(Hardening, ImportingTheSameFileTwiceStoresItOnce) {
  TempDir tmp;
  std::ofstream(tmp.path() / "one.jsonl")
      << R"({"date": "2026-11-01", "stage": "filing.submit", "entity": "personal", "profile": {}, )"
      << R"("message": "名称不规范，请修改", "causes": [], "fix": null, "outcome": "rejected", "source": "test"})"
      << "\n";
  std::string const file = (tmp.path() / "one.jsonl").string();
  RunResult const first = run_mpadvisor(with_db(tmp, {"cases", "import", file, "--lang", "en"}), tmp.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  RunResult const second = run_mpadvisor(with_db(tmp, {"cases", "import", file, "--lang", "en"}), tmp.path());
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("imported 0 cases from " + file + ", 1 already in the case base (not stored again)"),
            std::string::npos)
      << second.out;
}

TEST(Hardening, MisspelledCausesAndStagesGetADidYouMean) {
  TempDir tmp;
  RunResult const label = run_mpadvisor(with_db(tmp, {"cases", "label", "1", "--cause", "name_comercial"}), tmp.path());
  EXPECT_EQ(label.exit_code, 2);
  EXPECT_EQ(label.err,
            "mpadvisor: error: 'name_comercial' is not a cause of the knowledge base; did you mean "
            "'name_commercial'?\n");
  RunResult const list = run_mpadvisor(with_db(tmp, {"cases", "list", "--stage", "filing.sumbit"}), tmp.path());
  EXPECT_EQ(list.exit_code, 2);
  EXPECT_NE(list.err.find("did you mean 'filing.submit'?"), std::string::npos) << list.err;
}

TEST(Hardening, BadProfileValuesNameTheFact) {
  TempDir tmp;
  struct Case {
    std::string profile, message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"as_of": "2026-02-30"})", "'2026-02-30' is not a date"},
           {R"({"filed_count": 1.5})", "fact 'filed_count' counts something: give a whole number, not 1.5"},
           {R"({"features": ["forum", "forum"]})", "fact 'features' lists 'forum' twice"},
           {R"({"name": "  　 "})", "fact 'name' is blank"},
           {R"({"entity": "personal", "entity": "enterprise"})", "'entity' is given more than once"},
       }) {
    RunResult const r = run_mpadvisor({"diagnose", "-"}, tmp.path(), c.profile);
    EXPECT_EQ(r.exit_code, 2) << c.profile;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  // A repeated key in an import line is a bad line too, at any depth.
  RunResult const import = run_mpadvisor(
      with_db(tmp, {"cases", "import", "-"}), tmp.path(),
      R"({"date": "2026-11-01", "stage": "filing.submit", "entity": "personal", "profile": {"a": 1, "a": 2}, )"
      R"("message": "m", "causes": [], "fix": null, "outcome": "rejected", "source": "test"})");
  EXPECT_EQ(import.exit_code, 2);
  EXPECT_NE(import.err.find("key \"a\" is given twice"), std::string::npos) << import.err;
}

TEST(Hardening, ColourFollowsTheColorOption) {
  TempDir tmp;
  RunResult const always =
      run_mpadvisor({"--color", "always", "diagnose", "kb/examples/yoga_name_rejected.json"}, tmp.path());
  EXPECT_NE(always.out.find("\x1b["), std::string::npos);
  RunResult const never =
      run_mpadvisor({"--color", "never", "diagnose", "kb/examples/yoga_name_rejected.json"}, tmp.path());
  EXPECT_EQ(never.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(run_mpadvisor({"--color", "sometimes", "kb", "check"}, tmp.path()).exit_code, 2);
}

// A second import waits for the first (up to --wait), saying so once; with too short a wait it
// fails with exit 3 and stores nothing.
TEST(Hardening, ASecondImportWaitsForTheLock) {
  TempDir tmp;
  RunResult const created = run_mpadvisor(with_db(tmp, {"cases", "stats"}), tmp.path());
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string const db = (tmp.path() / "cases.db").string();
  std::ofstream(tmp.path() / "one.jsonl")
      << R"({"date": "2026-11-01", "stage": "filing.submit", "entity": "personal", "profile": {}, )"
      << R"("message": "等待锁的案例", "causes": [], "fix": null, "outcome": "rejected", "source": "test"})"
      << "\n";
  std::string const file = (tmp.path() / "one.jsonl").string();
  // Another process holds the write lock for two seconds (Python's sqlite3, as another writer).
  std::string const holder = "/usr/bin/python3 -c \"import sqlite3,time; c=sqlite3.connect('" + db +
                             "', isolation_level=None); c.execute('BEGIN IMMEDIATE'); "
                             "open('" +
                             (tmp.path() / "locked").string() +
                             "','w').close(); time.sleep(2); "
                             "c.execute('COMMIT')\" &";
  ASSERT_EQ(std::system(holder.c_str()), 0);
  for (int i = 0; i < 100 && !std::filesystem::exists(tmp.path() / "locked"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(std::filesystem::exists(tmp.path() / "locked"));
  RunResult const impatient = run_mpadvisor(with_db(tmp, {"cases", "import", file, "--wait", "300ms"}), tmp.path());
  EXPECT_EQ(impatient.exit_code, 3) << impatient.err;
  RunResult const patient = run_mpadvisor(with_db(tmp, {"cases", "import", file, "--wait", "20s"}), tmp.path());
  EXPECT_EQ(patient.exit_code, 0) << patient.err;
  EXPECT_NE(patient.err.find("waiting for another import to finish"), std::string::npos) << patient.err;
  EXPECT_NE(patient.out.find("imported 1 case"), std::string::npos) << patient.out;
}

// Long work shows its progress on a terminal (here a pseudo-terminal from script(1)), and
// nothing when standard error is a pipe.
TEST(Hardening, ProgressOnlyOnATerminal) {
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) is not installed";
  TempDir tmp;
  {
    std::ofstream out(tmp.path() / "many.jsonl");
    for (int i = 0; i < 250000; ++i) {
      out << R"({"date": "2026-11-01", "stage": "filing.submit", "entity": "personal", "profile": {}, "message": "第)"
          << i << R"(个案例：名称不规范", "causes": [], "fix": null, "outcome": "rejected", "source": "gen"})"
          << "\n";
    }
  }
  std::string const db = (tmp.path() / "cases.db").string();
  std::string const file = (tmp.path() / "many.jsonl").string();
  RunResult const piped = run_mpadvisor({"cases", "import", file, "--db", db, "--lang", "en"}, tmp.path());
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err.find("cases, "), std::string::npos) << piped.err;
  // The same import again (all duplicates, as slow) on a terminal.
  std::string const log = (tmp.path() / "tty.log").string();
  std::string const command = "cd " + shell_quote(source_dir().string()) +
                              " && XDG_DATA_HOME=" + shell_quote(tmp.path().string()) + " script -qec " +
                              shell_quote(shell_quote(MPADVISOR_BINARY) + " cases import " + shell_quote(file) +
                                          " --db " + shell_quote(db) + " --lang en") +
                              " /dev/null > " + shell_quote(log);
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::string const seen = read_text(log);
  EXPECT_NE(seen.find(" cases, "), std::string::npos) << seen.substr(0, 400);
  EXPECT_NE(seen.find("/s"), std::string::npos);
  EXPECT_NE(seen.find("\r\x1b[K"), std::string::npos);  // the line is erased before the result
  EXPECT_NE(seen.find("250000 already in the case base"), std::string::npos) << seen.substr(seen.size() - 300);
}

}  // namespace
}  // namespace mpadvisor::testing
