// The documentation holds together: in the Markdown every code fence is closed and every link
// to a heading (`#anchor`, in the same file or in another of the project's Markdown files) finds
// one; and docs/profile.md names every fact of the shipped KB. A lost heading or fence otherwise
// goes unnoticed until a reader sees prose rendered as code and a contents entry that leads
// nowhere.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/kb.hpp"
#include "support/run.hpp"

namespace mpadvisor::testing {
namespace {

namespace fs = std::filesystem;

// A heading's anchor as GitHub makes it: lower case, punctuation other than `-` and `_`
// dropped, each space a `-`; bytes of non-ASCII characters kept.
std::string slug(const std::string& heading) {
  std::string out;
  for (char c : heading) {
    auto const u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) != 0 || c == '-' || c == '_') {
      out += static_cast<char>(std::tolower(u));
    } else if (c == ' ') {
      out += '-';
    }
  }
  return out;
}

struct MarkdownFile {
  std::set<std::string> anchors;
  std::vector<std::pair<int, std::string>> links;  // line, target as written
  int open_fence_line = 0;                         // a fence still open at the end, or 0
};

MarkdownFile read_markdown(const fs::path& file) {
  static const std::regex heading(R"(^#{1,6} +(.*?) *$)");
  static const std::regex explicit_anchor(R"re(<a id="([^"]+)"></a>)re");
  static const std::regex link(R"(\]\(([^) ]*#[^) ]*)\))");
  MarkdownFile md;
  std::map<std::string, int> seen;  // a repeated heading's anchor gets -1, -2, …
  std::istringstream in(read_text(file));
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(' ') != std::string::npos && line.substr(line.find_first_not_of(' '), 3) == "```") {
      md.open_fence_line = md.open_fence_line == 0 ? number : 0;
      continue;
    }
    if (md.open_fence_line != 0) continue;
    std::smatch m;
    if (std::regex_match(line, m, heading)) {
      std::string const base = slug(m[1].str());
      int const n = seen[base]++;
      md.anchors.insert(n == 0 ? base : base + "-" + std::to_string(n));
    }
    for (auto it = std::sregex_iterator(line.begin(), line.end(), explicit_anchor); it != std::sregex_iterator(); ++it)
      md.anchors.insert((*it)[1].str());
    for (auto it = std::sregex_iterator(line.begin(), line.end(), link); it != std::sregex_iterator(); ++it)
      md.links.emplace_back(number, (*it)[1].str());
  }
  return md;
}

std::vector<fs::path> project_markdown() {
  std::vector<fs::path> files{source_dir() / "README.md"};
  for (const fs::directory_entry& e : fs::directory_iterator(source_dir() / "docs"))
    if (e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(DocsMarkdown, EveryCodeFenceIsClosed) {
  for (const fs::path& file : project_markdown()) {
    EXPECT_EQ(read_markdown(file).open_fence_line, 0)
        << file.filename().string() << ": the code fence opened on this line is never closed";
  }
}

TEST(DocsMarkdown, EveryLinkToAHeadingFindsIt) {
  std::map<fs::path, MarkdownFile> files;
  for (const fs::path& file : project_markdown()) files.emplace(fs::weakly_canonical(file), read_markdown(file));
  std::size_t checked = 0;
  for (const auto& [file, md] : files) {
    for (const auto& [line, target] : md.links) {
      std::size_t const hash = target.find('#');
      std::string const path = target.substr(0, hash), anchor = target.substr(hash + 1);
      if (path.find("://") != std::string::npos) continue;  // another site's page
      fs::path const other = path.empty() ? file : fs::weakly_canonical(file.parent_path() / path);
      auto const it = files.find(other);
      ASSERT_NE(it, files.end()) << file.filename().string() << ":" << line << ": links to " << target
                                 << ", which is not one of the project's Markdown files";
      EXPECT_TRUE(it->second.anchors.count(anchor) != 0)
          << file.filename().string() << ":" << line << ": no heading gives the anchor #" << anchor;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20u) << "the links were not found: has the documentation moved?";
}

TEST(DocsMarkdown, HeadingsGiveTheAnchorsGitHubGives) {
  EXPECT_EQ(slug("diagnose --batch"), "diagnose---batch");
  EXPECT_EQ(slug("why and why-not"), "why-and-why-not");
  EXPECT_EQ(slug("Against CLIPS and SWI-Prolog (2026-12-06)"), "against-clips-and-swi-prolog-2026-12-06");
  EXPECT_EQ(slug("Exit codes"), "exit-codes");
}

// docs/profile.md says it lists every fact a profile may give: each of the shipped KB's facts,
// and each value an enumeration or a set takes, is named there.
TEST(DocsProfile, EveryFactAndEveryValueOfTheShippedKbIsDocumented) {
  std::string const doc = read_text(source_dir() / "docs/profile.md");
  auto const model = model_at(source_dir() / "kb");
  ASSERT_TRUE(model);
  for (const engine::FactInfo& f : model->facts()) {
    EXPECT_NE(doc.find("`" + f.name + "`"), std::string::npos) << "docs/profile.md does not describe " << f.name;
    for (const std::string& v : f.values)
      EXPECT_NE(doc.find("`" + v + "`"), std::string::npos)
          << "docs/profile.md does not name " << f.name << "'s value " << v;
  }
}

}  // namespace
}  // namespace mpadvisor::testing
