// The command line's contract: version, help, exit codes, one-line errors.
#include <gtest/gtest.h>

#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

TEST(Cli, VersionPrintsTheVersion) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"--version"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "mpadvisor 0.1.0\n");
}

TEST(Cli, HelpListsEverySubcommandWithALine) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"--help"}, tmp.path());
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"diagnose", "why", "why-not", "whatif", "kb", "cases"}) {
    EXPECT_NE(r.out.find(std::string("\n  ") + cmd + " "), std::string::npos) << cmd << " missing from:\n" << r.out;
  }
  RunResult kb = run_mpadvisor({"kb", "--help"}, tmp.path());
  for (const char* cmd : {"check", "fmt", "test", "graph", "doc", "impact"}) {
    EXPECT_NE(kb.out.find(std::string("\n  ") + cmd + " "), std::string::npos) << cmd;
  }
}

TEST(Cli, UnknownCommandIsOneLineAndExitTwo) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"nosuchcommand"}, tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "mpadvisor: error: unknown command 'nosuchcommand' (see 'mpadvisor --help')\n");
  EXPECT_EQ(r.out, "");
}

TEST(Cli, BadOptionValueIsExitTwo) {
  TempDir tmp;
  RunResult r = run_mpadvisor({"--format", "xml", "kb", "check"}, tmp.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(Cli, BadProfilesAreOneLineAndExitTwo) {
  TempDir tmp;
  auto write = [&](const char* name, const char* text) {
    std::ofstream(tmp.path() / name) << text;
    return (tmp.path() / name).string();
  };
  struct Case {
    std::string file, expected;
  };
  for (const Case& c :
       {Case{write("a.json", R"({"entity": "company"})"),
             "fact 'entity' has no value 'company' (expected one of personal, enterprise, individual_business, other)"},
        Case{write("b.json", R"({"nmae": "x"})"), "unknown fact 'nmae'; did you mean 'name'?"},
        Case{write("c.json", R"({"filed_count": "three"})"), "fact 'filed_count' expects a number, got a string"},
        Case{write("d.json", "{"), "the profile is not valid JSON"}}) {
    RunResult r = run_mpadvisor({"diagnose", c.file}, tmp.path());
    EXPECT_EQ(r.exit_code, 2) << c.file;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(Cli, GlobalOptionsGoBeforeOrAfterTheCommand) {
  TempDir tmp;
  RunResult before =
      run_mpadvisor({"--format", "json", "--lang", "en", "diagnose", "kb/examples/clean_release.json"}, tmp.path());
  RunResult after =
      run_mpadvisor({"diagnose", "kb/examples/clean_release.json", "--format", "json", "--lang", "en"}, tmp.path());
  EXPECT_EQ(before.exit_code, 0);
  EXPECT_EQ(before.out, after.out);
  EXPECT_EQ(before.out.front(), '{');
}

TEST(Cli, LanguageComesFromTheLocaleUnlessGiven) {
  TempDir tmp;
  RunResult zh = run_mpadvisor({"--lang", "zh", "diagnose", "kb/examples/yoga_name_rejected.json"}, tmp.path());
  EXPECT_NE(zh.out.find("受阻"), std::string::npos);
  RunResult en = run_mpadvisor({"diagnose", "kb/examples/yoga_name_rejected.json"}, tmp.path());  // LANG=C.UTF-8
  EXPECT_NE(en.out.find("BLOCKED"), std::string::npos);
}

}  // namespace
}  // namespace mpadvisor::testing
