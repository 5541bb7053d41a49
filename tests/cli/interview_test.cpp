// mpadvisor interview, as scripts and people use it: the JSON Lines protocol on every shipped
// example, and one Chinese interview in a real terminal (tmux).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "support/examples.hpp"
#include "support/process.hpp"

namespace mpadvisor::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// The verdict and the root blockers' causes of a diagnosis JSON.
std::set<std::string> outcome(const Json& d) {
  std::set<std::string> out{d["verdict"].get<std::string>()};
  for (const Json& b : d["blockers"]) {
    if (!b["root"].get<bool>()) continue;
    for (const Json& c : b["causes"]) out.insert(b["step"].get<std::string>() + ":" + c["cause"].get<std::string>());
  }
  return out;
}

// For every example: an interview from a profile without facts (only the steps done and the
// moment), each question answered from the example or skipped, stopping once the verdict is
// settled, ends where `diagnose` on the whole example ends; no question twice.
TEST(InterviewProtocol, EveryExampleEndsWithItsVerdictAndRoots) {
  std::size_t total = 0, askable_facts = 0;
  {
    TempDir tmp;
    RunResult kb = run_mpadvisor({"--format", "json", "kb", "check"}, tmp.path());
    ASSERT_EQ(kb.exit_code, 0);
  }
  for (const fs::path& example : example_paths()) {
    TempDir tmp;
    Json const full = Json::parse(read_text(example));
    Json start = Json::object();
    for (const char* key : {"done", "as_of"}) {
      if (full.contains(key)) start[key] = full[key];
    }
    fs::path const saved = tmp.path() / "profile.json";
    std::ofstream(saved) << start.dump();
    Conversation talk({"--format", "json", "interview", saved.string()}, tmp.path());
    std::set<std::string> asked;
    std::vector<std::string> answered, skipped;
    Json done;
    for (std::string line; talk.read(line);) {
      Json const message = Json::parse(line);
      if (message.contains("done")) {
        done = message["done"];
        break;
      }
      ASSERT_TRUE(message.contains("question")) << line;
      const Json& q = message["question"];
      if (q["settled"].get<bool>()) {
        talk.write(R"({"stop": true})");
        continue;
      }
      std::string const fact = q["fact"];
      EXPECT_TRUE(asked.insert(fact).second) << example << ": asked twice: " << fact;
      EXPECT_FALSE(q["why"].empty()) << fact << " is asked without a rule depending on it";
      if (full.contains(fact)) {
        talk.write(Json{{"value", full[fact]}}.dump());
        answered.push_back(fact);
      } else {
        talk.write(R"({"skip": true})");
        skipped.push_back(fact);
      }
    }
    ASSERT_FALSE(done.is_null()) << example;
    EXPECT_EQ(talk.finish(), 0);
    RunResult whole = run_mpadvisor({"--format", "json", "diagnose", example.string()}, tmp.path());
    EXPECT_EQ(outcome(done["diagnosis"]), outcome(Json::parse(whole.out))) << example;
    // The saved profile is the interview's answers and reads back as a profile.
    RunResult again = run_mpadvisor({"--format", "json", "diagnose", saved.string()}, tmp.path());
    EXPECT_LE(again.exit_code, 1) << again.err;
    EXPECT_EQ(outcome(Json::parse(again.out)), outcome(done["diagnosis"])) << example;
    std::cout << example.filename().string() << ": asked " << asked.size() << " (answered " << answered.size()
              << ", skipped " << skipped.size() << ")";
    for (const std::string& f : answered) std::cout << " +" << f;
    for (const std::string& f : skipped) std::cout << " ?" << f;
    std::cout << "\n";
    total += asked.size();
  }
  // The facts a form would ask: every declared fact but the derived ones.
  std::string const facts = read_text(source_dir() / "kb/facts.mpk");
  std::size_t declared = 0, derived = 0;
  for (std::size_t at = 0; (at = facts.find("\nfact ", at)) != std::string::npos; ++at) ++declared;
  for (std::size_t at = 0; (at = facts.find("\n  derived\n", at)) != std::string::npos; ++at) ++derived;
  askable_facts = declared - derived;
  ASSERT_GT(askable_facts, 20u);
  EXPECT_LE(total * 4, example_paths().size() * askable_facts * 3) << total << " questions";
}

TEST(InterviewProtocol, BadLinesGetAnErrorAndTheSameQuestion) {
  TempDir tmp;
  Conversation talk({"interview"}, tmp.path());
  std::string line;
  ASSERT_TRUE(talk.read(line));
  std::string const fact = Json::parse(line)["question"]["fact"];
  talk.write("not json");
  ASSERT_TRUE(talk.read(line));
  EXPECT_TRUE(Json::parse(line).contains("error")) << line;
  ASSERT_TRUE(talk.read(line));
  EXPECT_EQ(Json::parse(line)["question"]["fact"], fact) << "the same question again";
  talk.write(R"({"value": {"an": "object"}})");
  ASSERT_TRUE(talk.read(line));
  EXPECT_NE(Json::parse(line)["error"].get<std::string>().find(fact), std::string::npos) << line;
  ASSERT_TRUE(talk.read(line));
  EXPECT_EQ(Json::parse(line)["question"]["fact"], fact);
  talk.write(R"({"stop": true})");
  ASSERT_TRUE(talk.read(line));
  EXPECT_TRUE(Json::parse(line).contains("done"));
}

// Where the answers cannot be saved (a folder, a folder that does not exist) is found before
// the first question, so no answer is typed in vain, and nothing is left beside the path.
TEST(InterviewProtocol, AnUnwritableSavePathIsRefusedBeforeTheFirstQuestion) {
  TempDir tmp;
  std::filesystem::create_directories(tmp.path() / "adir");
  for (const std::filesystem::path& save : {tmp.path() / "adir", tmp.path() / "missing/x.json"}) {
    RunResult r = run_mpadvisor({"interview", "--save", save.string()}, tmp.path(), "{\"value\": []}\n");
    EXPECT_EQ(r.exit_code, 3) << save << ": " << r.err;
    EXPECT_EQ(r.out.find("question"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(tmp.path() / "adir.tmp"));
}

TEST(InterviewProtocol, ErrorsAreInTheInterviewsLanguage) {
  TempDir tmp;
  Conversation talk({"--lang", "zh", "interview"}, tmp.path());
  std::string line;
  ASSERT_TRUE(talk.read(line));
  std::string const fact = Json::parse(line)["question"]["fact"];
  talk.write("[1]");
  ASSERT_TRUE(talk.read(line));
  EXPECT_EQ(Json::parse(line)["error"],
            R"(每一行须为一个 JSON 对象：{"value": …}、{"skip": true}、{"back": true} 或 {"stop": true})");
  ASSERT_TRUE(talk.read(line));
  talk.write(R"({"value": {"an": "object"}})");
  ASSERT_TRUE(talk.read(line));
  std::string const error = Json::parse(line)["error"];
  EXPECT_EQ(error.rfind("字段“" + fact + "”应为", 0), 0u) << error;
  ASSERT_TRUE(talk.read(line));
  talk.write(R"({"stop": true})");
  ASSERT_TRUE(talk.read(line));
}

// A Chinese interview in a real terminal: the choices are shown, `?` says why, `back` returns
// to the previous question, and the profile saved on the way is valid.
TEST(InterviewTerminal, ChineseInTmux) {
  if (std::system("command -v tmux >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "tmux is not installed (scripts/bootstrap installs it)";
  TempDir tmp;
  fs::path const saved = tmp.path() / "answers.json";
  std::string const session = "mpadvisor-test-" + std::to_string(::getpid());
  auto tmux = [&](const std::string& args) {
    return std::system(("tmux -L " + session + " " + args + " >/dev/null 2>&1").c_str());
  };
  auto screen = [&] {
    fs::path const out = tmp.path() / "screen.txt";
    std::system(("tmux -L " + session + " capture-pane -p -S - -t t > " + shell_quote(out.string())).c_str());
    return read_text(out);
  };
  auto wait_for = [&](const std::string& text) {
    for (int i = 0; i < 100; ++i) {
      if (screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  std::string const command = "cd " + shell_quote(source_dir().string()) +
                              " && env XDG_DATA_HOME=" + shell_quote(tmp.path().string()) + " " +
                              shell_quote(MPADVISOR_BINARY) + " --lang zh interview " + shell_quote(saved.string()) +
                              "; sleep 60";  // keeps the pane after the interview ends, to read it
  ASSERT_EQ(tmux("new-session -d -s t -x 160 -y 50 " + shell_quote(command)), 0);
  ASSERT_TRUE(wait_for("最多还有")) << screen();
  EXPECT_NE(screen().find("也可输入"), std::string::npos);
  EXPECT_NE(screen().find("  1. "), std::string::npos) << "the choices are numbered";
  auto questions = [&] {  // question headers on the screen so far
    std::string const s = screen();
    std::size_t n = 0;
    for (std::size_t at = 0; (at = s.find("最多还有", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  tmux("send-keys -t t '?' Enter");
  EXPECT_TRUE(wait_for("这个回答可以确定")) << screen();
  // After the reason the same question is asked again; count from there (under a sanitizer
  // the question can come well after the reason).
  for (int i = 0; i < 50 && questions() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(questions(), 2u) << screen();
  // An answer for whatever the last question on the screen asks, from its hint.
  auto answer_for = [&](const std::string& s) -> std::string {
    std::size_t const last = s.rfind("最多还有");
    std::string const tail = last == std::string::npos ? s : s.substr(last);
    if (tail.find("都没有请输入 0") != std::string::npos) return "0";
    if (tail.find("请输入一个序号") != std::string::npos) return "1";
    if (tail.find("y（是）") != std::string::npos) return "y";
    if (tail.find("请输入一个数字") != std::string::npos) return "0";
    return "skip";
  };
  // Answer the first question, then go back to it: it is asked again.
  std::size_t const before = questions();
  tmux("send-keys -t t " + answer_for(screen()) + " Enter");
  for (int i = 0; i < 50 && questions() == before; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  tmux("send-keys -t t back Enter");
  for (int i = 0; i < 50 && questions() == before + 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(questions(), before + 2) << screen();
  // Then answer everything until the interview ends (declining the optional risk questions).
  for (int i = 0; i < 60 && screen().find("回答已保存到") == std::string::npos; ++i) {
    std::string const s = screen();
    std::size_t const n = questions();
    std::size_t const asked = s.rfind("最多还有"), offer = s.rfind("继续吗");
    if (offer != std::string::npos && (asked == std::string::npos || offer > asked))
      tmux("send-keys -t t n Enter");
    else
      tmux("send-keys -t t " + answer_for(s) + " Enter");
    for (int k = 0; k < 30 && questions() == n && screen().find("回答已保存到") == std::string::npos; ++k)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(wait_for("回答已保存到")) << screen();
  tmux("kill-server");
  // The saved profile is valid: diagnose reads it.
  RunResult r = run_mpadvisor({"diagnose", saved.string()}, tmp.path());
  EXPECT_LE(r.exit_code, 1) << r.err;
  Json const profile = Json::parse(read_text(saved));
  EXPECT_TRUE(profile.contains("_interview"));
}

}  // namespace
}  // namespace mpadvisor::testing
