// The model file: a model decoded from its bytes answers exactly as the one compiled from the
// KB's text, and damaged, truncated, foreign or forged bytes are refused with a reason.
#include "mpadvisor/engine/model_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>

#include "compiled.hpp"
#include "mpadvisor/engine/diagnosis.hpp"
#include "mpadvisor/engine/interview.hpp"
#include "mpadvisor/engine/rejection.hpp"
#include "mpadvisor/engine/scenario.hpp"
#include "places.hpp"
#include "support/golden.hpp"
#include "support/kb.hpp"
#include "support/run.hpp"

namespace mpadvisor::engine {
namespace {

struct Shipped {
  std::shared_ptr<const Model> model;
  std::string bytes;
};

const Shipped& shipped() {
  static Shipped s = [] {
    auto const root = testing::source_dir() / "kb";
    dsl::KbCheck checked = dsl::load_and_check(root);
    Shipped out;
    out.model = compile(*checked.kb);
    out.bytes = encode_model(*out.model, kb_sources(*checked.kb, root));
    return out;
  }();
  return s;
}

std::string refusal(std::string_view bytes) {
  try {
    decode_model(bytes, "test.mpm");
  } catch (const ModelFileError& e) {
    return e.what();
  }
  return "";
}

// The command line compiles a KB's text freeing the syntax tree as it goes: the model is the
// same, byte for byte.
TEST(ModelFile, CompilingWhileFreeingTheTreeGivesTheSameModel) {
  auto const root = testing::source_dir() / "kb";
  dsl::KbCheck checked = dsl::load_and_check(root);
  ASSERT_TRUE(checked.kb);
  auto const sources = kb_sources(*checked.kb, root);
  ASSERT_NE(checked.kb->sole_tree(), nullptr);
  auto const model = compile(std::move(*checked.kb));
  EXPECT_EQ(encode_model(*model, sources), shipped().bytes);
}

// A tree another CheckedKb shares is only read: the copy still compiles to the same model.
TEST(ModelFile, ASharedTreeIsNotFreed) {
  auto const root = testing::source_dir() / "kb";
  dsl::KbCheck checked = dsl::load_and_check(root);
  ASSERT_TRUE(checked.kb);
  dsl::CheckedKb copy = *checked.kb;
  EXPECT_EQ(checked.kb->sole_tree(), nullptr);
  auto const first = compile(std::move(*checked.kb));
  auto const sources = kb_sources(copy, root);
  EXPECT_EQ(encode_model(*first, sources), shipped().bytes);
  EXPECT_EQ(encode_model(*compile(copy), sources), shipped().bytes);
}

TEST(ModelFile, EncodingTheDecodedModelGivesTheSameBytes) {
  auto const root = testing::source_dir() / "kb";
  ModelFileInfo info;
  auto decoded = decode_model(shipped().bytes, "kb.mpm", nullptr, &info);
  EXPECT_EQ(encode_model(*decoded, info.sources), shipped().bytes);
  EXPECT_EQ(decoded->version(), shipped().model->version());
  EXPECT_EQ(info.format, kModelFormatVersion);
  EXPECT_EQ(kb_text_version(root, info.sources), shipped().model->version());
}

TEST(ModelFile, TheDecodedModelAnswersAsTheCompiledOne) {
  const Model& text = *shipped().model;
  auto decoded = decode_model(shipped().bytes, "kb.mpm");
  std::int64_t const now = base::parse_time("2026-11-27T10:00").seconds;
  // The shipped KB names every fact in both languages (evidence shows the title), and the
  // model file keeps the names.
  ASSERT_EQ(text.facts().size(), decoded->facts().size());
  for (std::size_t f = 0; f < text.facts().size(); ++f) {
    EXPECT_FALSE(text.facts()[f].title.zh.empty() || text.facts()[f].title.en.empty()) << text.facts()[f].name;
    EXPECT_EQ(text.facts()[f].title.zh, decoded->facts()[f].title.zh);
    EXPECT_EQ(text.facts()[f].title.en, decoded->facts()[f].title.en);
  }
  ScenarioReport const a = run_scenarios(text, now), b = run_scenarios(*decoded, now);
  ASSERT_EQ(a.results.size(), b.results.size());
  EXPECT_EQ(a.failed(), 0u);
  EXPECT_EQ(b.failed(), 0u);
  for (const char* profile : {R"({"entity": "personal", "name": "悦心瑜伽预约", "residence_region": "义乌",
                                  "id_region": "湖南长沙", "features": ["user_posts"]})",
                              R"({"entity": "enterprise", "residence_region": "火星"})", "{}"}) {
    Diagnosis const x = diagnose(text, testing::profile_from(text, profile));
    Diagnosis const y = diagnose(*decoded, testing::profile_from(*decoded, profile));
    EXPECT_EQ(x.verdict, y.verdict) << profile;
    EXPECT_EQ(x.rule_values, y.rule_values) << profile;
    EXPECT_EQ(x.ruled_out, y.ruled_out) << profile;
    ASSERT_EQ(x.needs_info.size(), y.needs_info.size()) << profile;
    for (std::size_t i = 0; i < x.needs_info.size(); ++i) {
      EXPECT_EQ(x.needs_info[i].unplaced, y.needs_info[i].unplaced);
      EXPECT_EQ(x.needs_info[i].did_you_mean, y.needs_info[i].did_you_mean);
    }
    for (const char* message : {"小程序名称含有商业性质词汇", "服务类目与内容不符", "代码中含有getLocation"}) {
      RejectionRanking const p = rank_rejection(text, x, message, std::nullopt, {});
      RejectionRanking const q = rank_rejection(*decoded, y, message, std::nullopt, {});
      ASSERT_EQ(p.causes.size(), q.causes.size()) << message;
      for (std::size_t i = 0; i < p.causes.size(); ++i) {
        EXPECT_EQ(p.causes[i].cause, q.causes[i].cause) << message;
        EXPECT_EQ(p.causes[i].confidence, q.causes[i].confidence) << message;
      }
    }
  }
}

// Loaded from a file, a model uses its automata and condition nodes where they lie in the
// mapped file; decoded from bytes in memory, it copies them. The mapping is the model's own:
// the file may go.
TEST(ModelFile, ALoadedModelUsesItsLargestTablesWhereTheyLieInTheFile) {
  testing::TempDir tmp;
  auto const path = tmp.path() / "kb.mpm";
  std::ofstream(path, std::ios::binary) << shipped().bytes;
  auto loaded = load_model_file(path);
  auto copied = decode_model(shipped().bytes, "kb.mpm");
  const MatchTables& borrowed = loaded->match_tables();
  EXPECT_TRUE(borrowed.places.borrows_file());
  EXPECT_TRUE(borrowed.regions.borrows_file());
  ASSERT_FALSE(borrowed.term_lists.empty());
  EXPECT_TRUE(borrowed.term_lists.front().borrows_file());
  EXPECT_FALSE(copied->match_tables().places.borrows_file());
  EXPECT_FALSE(shipped().model->match_tables().places.borrows_file());
  EXPECT_TRUE(loaded->conditions().hot.borrowed());
  EXPECT_TRUE(loaded->conditions().cold.borrowed());
  EXPECT_TRUE(loaded->conditions().text.borrowed());
  EXPECT_FALSE(copied->conditions().hot.borrowed());

  std::filesystem::remove(path);
  ModelFileInfo info;
  (void)decode_model(shipped().bytes, "kb.mpm", nullptr, &info);
  EXPECT_EQ(encode_model(*loaded, info.sources), shipped().bytes);
  for (const auto& example : std::filesystem::directory_iterator(testing::source_dir() / "kb/examples")) {
    std::string const json = dsl::read_file(example.path());
    std::int64_t const now = base::parse_time("2026-11-27T10:00").seconds;
    Diagnosis const a = diagnose(*loaded, parse_profile(*loaded, json, now));
    Diagnosis const b = diagnose(*shipped().model, parse_profile(*shipped().model, json, now));
    EXPECT_EQ(a.verdict, b.verdict) << example.path();
    EXPECT_EQ(a.blockers.size(), b.blockers.size()) << example.path();
    EXPECT_EQ(a.undetermined.size(), b.undetermined.size()) << example.path();
  }
}

TEST(ModelFile, ForeignTruncatedAndDamagedFilesAreRefusedWithAReason) {
  const std::string& bytes = shipped().bytes;
  EXPECT_NE(refusal("{\"not\": \"a model\"}").find("not a model file"), std::string::npos);
  EXPECT_NE(refusal(bytes.substr(0, 12)).find("truncated (in its header)"), std::string::npos);
  for (std::size_t cut : {std::size_t{40}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_NE(refusal(bytes.substr(0, cut)).find("truncated"), std::string::npos) << cut;
  EXPECT_NE(refusal(bytes + "x").find("longer than its header says"), std::string::npos);
  std::string other = bytes;
  other[8] = static_cast<char>(kModelFormatVersion + 1);
  EXPECT_NE(refusal(other).find("this mpadvisor reads format"), std::string::npos);
  std::mt19937 random(7);
  for (int i = 0; i < 20; ++i) {
    std::string damaged = bytes;
    std::size_t const at = 32 + random() % (bytes.size() - 32);
    damaged[at] = static_cast<char>(damaged[at] ^ (1 + random() % 255));
    EXPECT_NE(refusal(damaged).find("checksum does not match"), std::string::npos) << at;
  }
}

// Behind the checksum: a payload whose counts or ids were forged is refused, never used.
TEST(ModelFile, ForgedPayloadsAreRefusedNotTrusted) {
  std::string_view const payload = model_payload(shipped().bytes, "kb.mpm");
  EXPECT_NE(decode_model_payload(payload, "kb.mpm"), nullptr);
  std::mt19937 random(11);
  std::size_t refused = 0;
  for (int i = 0; i < 150; ++i) {
    std::string forged(payload);
    for (int k = 0; k < 4; ++k) {
      std::size_t const at = random() % forged.size();
      forged[at] = static_cast<char>(random());
    }
    try {
      auto m = decode_model_payload(forged, "forged.mpm");
      // Whatever got through must be safe to use, the parts decoded when first read too.
      (void)m->scenarios();
      Diagnosis const d = diagnose(*m, empty_profile(*m, 0));
      rank_rejection(*m, d, "名称含商业词汇，类目不符", std::nullopt, {});
      (void)next_question(*m, empty_profile(*m, 0));
      (void)closest_places(*m, "义鸟市");
    } catch (const ModelFileError& e) {
      EXPECT_NE(std::string(e.what()).find("not a valid model file"), std::string::npos);
      ++refused;
    }
  }
  EXPECT_GT(refused, 0u);
  // A count far beyond the file is refused before anything is allocated for it.
  std::string huge(payload);
  huge[0] = huge[1] = huge[2] = huge[3] = '\xff';
  EXPECT_THROW(decode_model_payload(huge, "huge.mpm"), ModelFileError);
}

// The parts only some commands read (the scenarios, the interview's tables, the place names
// behind "did you mean", the message patterns' expressions) are decoded when first asked
// for: a forged section lets the model load, since a diagnosis never reads it, and is refused
// with a reason by the first command that does, and by every later one.
TEST(ModelFile, AForgedSectionIsRefusedWhenItIsFirstRead) {
  std::string_view const payload = model_payload(shipped().bytes, "kb.mpm");
  std::map<std::string, std::function<void(const Model&)>> const readers = {
      {"scenarios", [](const Model& m) { (void)m.scenarios(); }},
      {"interview", [](const Model& m) { (void)next_question(m, empty_profile(m, 0)); }},
      {"place names", [](const Model& m) { (void)closest_places(m, "义鸟市"); }},
      {"patterns", [](const Model& m) { (void)m.match_tables().regexes.get(); }},
  };
  std::mt19937 random(5);
  std::map<std::string, std::size_t> refused_late;
  for (int i = 0; i < 600; ++i) {
    std::string forged(payload);
    std::size_t const at = random() % forged.size();
    forged[at] = static_cast<char>(random());
    std::shared_ptr<const Model> m;
    try {
      m = decode_model_payload(forged, "forged.mpm");
    } catch (const ModelFileError&) {
      continue;
    }
    for (const auto& [part, read] : readers) {
      try {
        read(*m);
      } catch (const ModelFileError& e) {
        EXPECT_NE(std::string(e.what()).find("forged.mpm: not a valid model file"), std::string::npos) << part;
        EXPECT_THROW(read(*m), ModelFileError) << part;  // and again: never half-decoded
        ++refused_late[part];
      }
    }
  }
  EXPECT_GT(refused_late["scenarios"], 0u);
  EXPECT_GT(refused_late["interview"], 0u);
  auto const decoded = decode_model_payload(payload, "kb.mpm");
  EXPECT_EQ(decoded->scenarios().size(), shipped().model->scenarios().size());
}

// Loading a model file and diagnosing leaves those parts as they lie in the file; each is
// decoded by the first command that reads it, and then equals the compiled model's.
TEST(ModelFile, ADiagnosisLeavesThePartsItDoesNotReadInTheFile) {
  testing::TempDir tmp;
  auto const path = tmp.path() / "kb.mpm";
  std::ofstream(path, std::ios::binary) << shipped().bytes;
  auto const loaded = load_model_file(path);
  const Model& compiled = *shipped().model;
  const MatchTables& t = loaded->match_tables();
  std::int64_t const now = base::parse_time("2026-11-27T10:00").seconds;
  std::string const json = dsl::read_file(testing::source_dir() / "kb/examples/clean_release.json");
  Diagnosis const d = diagnose(*loaded, parse_profile(*loaded, json, now));
  EXPECT_EQ(d.verdict, diagnose(compiled, parse_profile(compiled, json, now)).verdict);
  EXPECT_FALSE(t.interview.made());
  EXPECT_FALSE(t.place_names.made());
  EXPECT_FALSE(t.regexes.made());

  InterviewState const asked = next_question(*loaded, empty_profile(*loaded, now));
  InterviewState const expected_question = next_question(compiled, empty_profile(compiled, now));
  ASSERT_TRUE(asked.next && expected_question.next);
  EXPECT_EQ(asked.next->fact, expected_question.next->fact);
  EXPECT_EQ(asked.remaining_max, expected_question.remaining_max);
  EXPECT_TRUE(t.interview.made());
  EXPECT_EQ(closest_places(*loaded, "义鸟市"), closest_places(compiled, "义鸟市"));
  EXPECT_FALSE(closest_places(*loaded, "义鸟市").empty());
  EXPECT_TRUE(t.place_names.made());
  EXPECT_EQ(t.place_names.get(), compiled.match_tables().place_names.get());
  const PatternRegexes& expressions = t.regexes.get();
  const PatternRegexes& expected = compiled.match_tables().regexes.get();
  ASSERT_EQ(expressions.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(expressions[i] == nullptr, expected[i] == nullptr) << i;
    if (expected[i]) {
      EXPECT_TRUE(*expressions[i] == *expected[i]) << t.patterns[i].source;
    }
  }
}

}  // namespace
}  // namespace mpadvisor::engine
