#include "mpadvisor/dsl/pattern_plan.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

namespace mpadvisor::dsl {

namespace {

// Bounds on the planner's expansions; a pattern beyond them is left to ICU.
constexpr std::size_t kMaxTexts = 64;     // literal texts one step may be
constexpr std::size_t kMaxBranches = 64;  // ways through one pattern

constexpr Gap kAnything{0, Gap::kUnbounded};

std::uint32_t saturating_add(std::uint32_t a, std::uint32_t b) {
  return b > Gap::kUnbounded - a ? Gap::kUnbounded : a + b;
}

Gap operator+(Gap a, Gap b) { return {saturating_add(a.min, b.min), saturating_add(a.max, b.max)}; }

// One token of a way through the pattern: a gap, or one of a set of literal texts (an empty
// text means the token may be absent).
struct Token {
  bool is_gap = false;
  Gap gap;
  std::vector<std::string> texts;
};
using Path = std::vector<Token>;
using Paths = std::vector<Path>;  // alternatives

Token literal(std::vector<std::string> texts) {
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  return Token{false, {}, std::move(texts)};
}
Token gap(Gap g) { return Token{true, g, {}}; }

std::string utf8(UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), len, 4, c, error);
  return error ? std::string() : std::string(buf, static_cast<std::size_t>(len));
}

// Reads a pattern into the ways it can match. Every construct is either read exactly or
// relaxed to something every match still satisfies (and then the plan is not exact); syntax
// it does not know stops the planner.
class Planner {
 public:
  explicit Planner(std::string_view regex) : text_(regex) {}

  std::optional<Paths> run() {
    Paths paths = alternation();
    if (failed_ || pos_ != text_.size()) return std::nullopt;
    Paths out;
    for (const Path& p : paths) expand_optional(p, 0, {}, out);
    if (failed_ || out.size() > kMaxBranches) return std::nullopt;
    return out;
  }
  bool exact() const { return exact_; }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  UChar32 next() {
    UChar32 c = 0;
    auto i = static_cast<int32_t>(pos_);
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text_.data()), i, static_cast<int32_t>(text_.size()), c);
    pos_ = static_cast<std::size_t>(i);
    if (c < 0) failed_ = true;
    return c;
  }
  Paths fail() {
    failed_ = true;
    return {};
  }
  // Something every match satisfies, but not exactly what the pattern says.
  Paths relaxed(Paths paths) {
    exact_ = false;
    return paths;
  }

  Paths alternation() {
    Paths all = sequence();
    while (!failed_ && peek() == '|') {
      ++pos_;
      Paths more = sequence();
      all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
      if (all.size() > kMaxBranches) return fail();
    }
    return all;
  }

  Paths sequence() {
    Paths result{Path{}};
    while (!failed_ && !at_end() && peek() != '|' && peek() != ')') {
      Paths item = quantified(atom());
      if (failed_) return {};
      result = concat(result, item);
    }
    return result;
  }

  Paths atom() {
    UChar32 const c = next();
    if (failed_) return {};
    switch (c) {
      case '(':
        return group();
      case '[':
        return character_class();
      case '.':
        return {Path{gap({1, 1})}};
      case '^':
      case '$':
        return relaxed({Path{}});  // zero-width: dropping the anchor only admits more
      case '\\': {
        if (at_end()) return fail();
        UChar32 const e = next();
        // An escaped ASCII punctuation mark is itself; letters and digits name classes,
        // anchors or code points, which the planner does not read.
        if (failed_ || e >= 0x80 || u_isalnum(e) || e == 0) return fail();
        return char_literal(e);
      }
      case ')':
      case ']':
      case '}':
      case '{':
      case '*':
      case '+':
      case '?':
      case '|':
        return fail();
      default:
        return char_literal(c);
    }
  }

  // A character matched case-insensitively against case-folded text: ASCII letters fold to
  // lower case; an uncased character matches only itself. A cased non-ASCII character stops
  // the planner: ICU matches a run of literal characters with full case folding on both
  // sides, so it can match a text character that stands for several pattern characters,
  // even ASCII ones around it (t followed by U+0308 matches ẗ, which normalisation keeps).
  Paths char_literal(UChar32 c) {
    if (c < 0x80) return {Path{literal({std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c))})}};
    if (u_hasBinaryProperty(c, UCHAR_CASE_SENSITIVE)) return fail();
    return {Path{literal({utf8(c)})}};
  }

  Paths group() {
    if (peek() == '?') {
      if (text_.substr(pos_, 2) != "?:") return fail();  // lookaround, flags, named groups
      pos_ += 2;
    }
    Paths inner = alternation();
    if (failed_ || peek() != ')') return fail();
    ++pos_;
    // (商业|经营): alternatives that are each one literal (or nothing) become one token.
    bool const plain = std::all_of(inner.begin(), inner.end(),
                                   [](const Path& p) { return p.empty() || (p.size() == 1 && !p.front().is_gap); });
    if (!plain) return inner;
    std::vector<std::string> texts;
    for (const Path& p : inner) {
      if (p.empty())
        texts.emplace_back();
      else
        texts.insert(texts.end(), p.front().texts.begin(), p.front().texts.end());
    }
    return {Path{literal(std::move(texts))}};
  }

  // Only plain sets such as [cs] are read exactly; ranges and negation are relaxed, and
  // anything that could change where the set ends (nested sets, escapes, properties) stops
  // the planner.
  Paths character_class() {
    bool negated = false, range = false, cased = false;
    if (peek() == '^') {
      negated = true;
      ++pos_;
    }
    std::vector<std::string> texts;
    while (!failed_ && peek() != ']') {
      if (at_end()) return fail();
      UChar32 const c = next();
      if (c == '-') {
        range = true;
      } else if (c < 0x80 && !u_isalnum(c)) {
        return fail();
      } else if (c >= 0x80 && u_hasBinaryProperty(c, UCHAR_CASE_SENSITIVE)) {
        cased = true;
      } else {
        texts.push_back(c >= 'A' && c <= 'Z' ? std::string(1, static_cast<char>(c + 32)) : utf8(c));
      }
    }
    if (failed_) return {};
    ++pos_;
    if (texts.empty() && !range && !cased) return fail();
    if (negated || range || cased) return relaxed({Path{gap(kAnything)}});
    return {Path{literal(std::move(texts))}};
  }

  Paths quantified(Paths item) {
    if (failed_) return item;
    std::uint32_t min = 0, max = 0;
    switch (peek()) {
      case '?':
        max = 1;
        ++pos_;
        break;
      case '*':
        max = Gap::kUnbounded;
        ++pos_;
        break;
      case '+':
        min = 1;
        max = Gap::kUnbounded;
        ++pos_;
        break;
      case '{':
        if (!interval(min, max)) return fail();
        break;
      default:
        return item;
    }
    if (peek() == '?') {
      ++pos_;  // lazy: the same texts match, only the chosen match differs
    } else if (peek() == '+') {
      ++pos_;  // possessive: may match less than the greedy form
      return relaxed({Path{gap(kAnything)}});
    }
    if (min == 1 && max == 1) return item;
    // `.` repeated is a gap of that many characters.
    if (item.size() == 1 && item.front().size() == 1 && item.front().front().is_gap &&
        item.front().front().gap == Gap{1, 1}) {
      return {Path{gap({min, max})}};
    }
    if (min == 0 && max == 1) {
      if (item.size() == 1 && item.front().size() == 1 && !item.front().front().is_gap) {
        item.front().front().texts.emplace_back();
        return item;
      }
      item.emplace_back();
      return item;
    }
    // A repeated literal or group: every match holds it once, then anything.
    if (min == 0) return relaxed({Path{gap(kAnything)}});
    return relaxed(concat(item, {Path{gap(kAnything)}}));
  }

  // {m}, {m,} or {m,n}; pos_ is at '{' and is left after '}'.
  bool interval(std::uint32_t& min, std::uint32_t& max) {
    std::size_t i = pos_ + 1;
    auto number = [&](std::uint32_t& out) {
      std::size_t const start = i;
      out = 0;
      while (i < text_.size() && text_[i] >= '0' && text_[i] <= '9' && i - start < 6) {
        out = out * 10 + static_cast<std::uint32_t>(text_[i] - '0');
        ++i;
      }
      return i > start && !(i < text_.size() && text_[i] >= '0' && text_[i] <= '9');
    };
    if (!number(min)) return false;
    max = min;
    if (i < text_.size() && text_[i] == ',') {
      ++i;
      if (i < text_.size() && text_[i] == '}')
        max = Gap::kUnbounded;
      else if (!number(max) || max < min)
        return false;
    }
    if (i >= text_.size() || text_[i] != '}') return false;
    pos_ = i + 1;
    return true;
  }

  // Appends one token, merging it with the path's last token where they are of a kind.
  void append(Path& path, const Token& t) {
    if (path.empty() || path.back().is_gap != t.is_gap) {
      path.push_back(t);
    } else if (t.is_gap) {
      path.back().gap = path.back().gap + t.gap;
    } else {
      std::vector<std::string> texts;
      for (const std::string& a : path.back().texts)
        for (const std::string& b : t.texts) texts.push_back(a + b);
      if (texts.size() > kMaxTexts) failed_ = true;
      path.back() = literal(std::move(texts));
    }
  }

  Paths concat(const Paths& left, const Paths& right) {
    if (left.size() * right.size() > kMaxBranches) return fail();
    Paths out;
    for (const Path& a : left) {
      for (const Path& b : right) {
        Path joined = a;
        for (const Token& t : b) append(joined, t);
        out.push_back(std::move(joined));
      }
    }
    return out;
  }

  // A token that may be absent (its texts include "") becomes two ways: with its non-empty
  // texts, and without it.
  void expand_optional(const Path& path, std::size_t i, Path prefix, Paths& out) {
    if (failed_) return;
    if (out.size() > kMaxBranches) {
      failed_ = true;
      return;
    }
    for (; i < path.size(); ++i) {
      const Token& t = path[i];
      auto const empty = std::find(t.texts.begin(), t.texts.end(), std::string());
      if (t.is_gap || empty == t.texts.end()) {
        append(prefix, t);
        continue;
      }
      if (t.texts.size() > 1) {
        Path with = prefix;
        std::vector<std::string> texts = t.texts;
        texts.erase(texts.begin() + (empty - t.texts.begin()));
        append(with, literal(std::move(texts)));
        expand_optional(path, i + 1, std::move(with), out);
      }
      // Without the token, the path goes on from the prefix.
    }
    out.push_back(std::move(prefix));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  bool exact_ = true;
};

}  // namespace

PatternPlan plan_pattern(std::string_view regex) {
  Planner planner(regex);
  std::optional<Paths> paths = planner.run();
  PatternPlan plan;
  if (!paths) {
    plan.branches.emplace_back();  // unreadable: every message may match
    return plan;
  }
  plan.exact = planner.exact();
  for (const Path& path : *paths) {
    PlannedBranch branch;
    Gap pending{0, 0};
    for (const Token& t : path) {
      if (t.is_gap) {
        pending = pending + t.gap;
        continue;
      }
      branch.steps.push_back({pending, t.texts});
      pending = {0, 0};
    }
    branch.after = pending;
    plan.branches.push_back(std::move(branch));
  }
  return plan;
}

}  // namespace mpadvisor::dsl
