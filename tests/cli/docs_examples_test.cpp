// The JSON examples of docs/json.md are generated, like docs/kb.md: each block after a
// `<!-- generated: ARGS | keep KEY=N … | drop KEY … | pick /json/pointer -->` marker must
// equal what `mpadvisor ARGS` prints today (run from the repository root on a freshly seeded
// case base), trimmed as the marker says. MPADVISOR_UPDATE_GOLDEN=1 rewrites the blocks.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  bool quoted = false, any = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) out.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) out.push_back(word);
  return out;
}

// Arrays under `key` (at any depth) keep their first n items, or their last -n.
void keep(Json& j, const std::string& key, long n) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (k == key && v.is_array() && static_cast<long>(v.size()) > std::labs(n)) {
        Json cut = Json::array();
        std::size_t const from = n >= 0 ? 0 : v.size() - static_cast<std::size_t>(-n);
        for (std::size_t i = from; i < from + static_cast<std::size_t>(std::labs(n)); ++i) cut.push_back(v[i]);
        v = std::move(cut);
      }
      keep(v, key, n);
    }
  } else if (j.is_array()) {
    for (Json& v : j) keep(v, key, n);
  }
}

void drop(Json& j, const std::string& key) {
  if (j.is_object()) {
    j.erase(key);
    for (auto& [k, v] : j.items()) drop(v, key);
  } else if (j.is_array()) {
    for (Json& v : j) drop(v, key);
  }
}

std::string generate(const std::string& spec) {
  std::vector<std::string> parts;
  std::istringstream in(spec);
  for (std::string part; std::getline(in, part, '|');) parts.push_back(part);
  TempDir tmp;
  RunResult r = run_mpadvisor(words(parts.at(0)), tmp.path());
  Json j = Json::parse(r.out);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::vector<std::string> w = words(parts[i]);
    if (w.empty()) continue;
    for (std::size_t k = 1; k < w.size(); ++k) {
      if (w[0] == "keep") {
        auto eq = w[k].find('=');
        keep(j, w[k].substr(0, eq), std::stol(w[k].substr(eq + 1)));
      } else if (w[0] == "drop") {
        drop(j, w[k]);
      } else if (w[0] == "pick") {
        j = Json(j.at(Json::json_pointer(w[k])));
      }
    }
  }
  return with_holes(j.dump(2));
}

TEST(DocsJson, GeneratedExamplesAreCurrent) {
  std::filesystem::path const doc = source_dir() / "docs/json.md";
  std::string const text = read_text(doc);
  static const std::regex marker(R"(<!-- generated: (.*?) -->\n\n```json\n([\s\S]*?)\n```)");
  std::string updated;
  std::size_t last = 0, count = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), marker); it != std::sregex_iterator(); ++it) {
    ++count;
    std::string const spec = (*it)[1].str(), shown = (*it)[2].str();
    std::string const current = generate(spec);
    EXPECT_EQ(shown, current) << "docs/json.md is out of date for: " << spec
                              << " (run the tests with MPADVISOR_UPDATE_GOLDEN=1)";
    updated += text.substr(last, static_cast<std::size_t>((*it)[2].first - text.begin()) - last) + current;
    last = static_cast<std::size_t>((*it)[2].second - text.begin());
  }
  updated += text.substr(last);
  EXPECT_GE(count, 10u) << "docs/json.md lost its generated examples";
  const char* update = std::getenv("MPADVISOR_UPDATE_GOLDEN");
  if (update && std::string(update) == "1" && updated != text) std::ofstream(doc, std::ios::binary) << updated;
}

}  // namespace
}  // namespace mpadvisor::testing
