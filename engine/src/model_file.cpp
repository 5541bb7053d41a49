// The model file: every table of a compiled Model written field by field, little-endian,
// and read back with every count and index checked (model_file.hpp). One field list per
// type serves both directions, so writing and reading cannot drift apart.
#include "mpadvisor/engine/model_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/regex.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include "compiled.hpp"
#include "content_hash.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/dsl/checked_kb.hpp"
#include "mpadvisor/dsl/load.hpp"
#include "mpadvisor/engine/normalize.hpp"

namespace mpadvisor::engine {
namespace {

constexpr char kMagic[8] = {'M', 'P', 'A', 'D', 'V', 'M', 'D', 'L'};
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8;  // magic, format, reserved, size, checksum
constexpr std::uint32_t kMaxNesting = 64;                // Literal lists inside lists
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;

// The last value of each enumeration a file may hold (each one the codec reads must say).
template <typename E>
constexpr E kLast = [] {
  static_assert(sizeof(E) == 0, "kLast: name the enumeration's last value");
  return E{};
}();
template <>
constexpr Certainty kLast<Certainty> = Certainty::applicant;
template <>
constexpr FactType kLast<FactType> = FactType::datetime;
template <>
constexpr Literal::Kind kLast<Literal::Kind> = Literal::Kind::list;
template <>
constexpr TimeUnit kLast<TimeUnit> = TimeUnit::working_day;
template <>
constexpr ChangeOp kLast<ChangeOp> = ChangeOp::suggest;
template <>
constexpr SuggestMode kLast<SuggestMode> = SuggestMode::from;
template <>
constexpr Effect kLast<Effect> = Effect::wait;
template <>
constexpr Likelihood kLast<Likelihood> = Likelihood::high;
template <>
constexpr Expectation::Kind kLast<Expectation::Kind> = Expectation::Kind::needs_info;
template <>
constexpr Verdict kLast<Verdict> = Verdict::needs_info;
template <>
constexpr Function kLast<Function> = Function::count;
template <>
constexpr CondKind kLast<CondKind> = CondKind::mentions_region;
template <>
constexpr CompareOp kLast<CompareOp> = CompareOp::ge;

}  // namespace

// Friend of the classes whose tables it reads and writes.
struct ModelCodec {
  [[noreturn, gnu::cold, gnu::noinline]] static void corrupt(const std::string& what, const std::string& why) {
    throw ModelFileError(what + ": not a valid model file (" + why + "); compile it again with 'mpadvisor kb compile'");
  }

  // -------------------------------------------------------------- the two directions
  class Writer {
   public:
    std::string out;
    void bytes(const void* p, std::size_t n) {
      if (n > 0) out.append(static_cast<const char*>(p), n);
    }
    template <typename T>
    void number(T v) {  // little-endian, as every machine this runs on
      static_assert(std::is_arithmetic_v<T>);
      bytes(&v, sizeof v);
    }
    std::size_t count(std::size_t n) {
      number(static_cast<std::uint32_t>(n));
      return n;
    }
    // Zeros up to a multiple of `n` bytes from the payload's start (itself 8-aligned in the
    // file), so that an array can be used where it lies in a mapped file.
    void align(std::size_t n) { out.append((n - out.size() % n) % n, '\0'); }
    std::map<std::string, std::uint32_t, std::less<>> files;  // source locations as indices
    static constexpr bool reading = false;
  };

  class Reader {
   public:
    Reader(std::string_view in, const std::string& what) : in_(in), what_(what) {}
    // Cold and out of line, so that the checks around every read stay small enough to inline.
    [[noreturn, gnu::cold, gnu::noinline]] void corrupt(const std::string& why) const {
      ModelCodec::corrupt(what_, why);
    }
    void bytes(void* p, std::size_t n) {
      if (n > in_.size() - pos_) corrupt("it is truncated");
      if (n > 0) std::memcpy(p, in_.data() + pos_, n);
      pos_ += n;
    }
    template <typename T>
    void number(T& v) {
      bytes(&v, sizeof v);
    }
    // A count of items that take at least `least` bytes each: never more than the bytes left.
    std::size_t count(std::size_t least = 1) {
      std::uint32_t n = 0;
      number(n);
      if (static_cast<std::uint64_t>(n) * std::max<std::size_t>(least, 1) > in_.size() - pos_)
        corrupt("a count exceeds the file");
      return n;
    }
    std::string_view take(std::size_t n) {
      if (n > in_.size() - pos_) corrupt("it is truncated");
      std::string_view s = in_.substr(pos_, n);
      pos_ += n;
      return s;
    }
    void align(std::size_t n) {
      for (std::string_view pad = take((n - pos_ % n) % n); char c : pad) {
        if (c != '\0') corrupt("an array's padding is not zero");
      }
    }
    // Arrays may borrow their items from the input (FlatArray): it is a mapped file that the
    // model keeps.
    bool borrows = false;
    bool done() const { return pos_ == in_.size(); }
    const std::string& what() const { return what_; }
    std::uint32_t depth = 0;
    std::vector<std::string> files;  // source locations' file names, by index
    static constexpr bool reading = true;

   private:
    std::string_view in_;
    std::size_t pos_ = 0;
    const std::string& what_;
  };

  // -------------------------------------------------------------- values
  template <typename Ar>
  static void io(Ar& ar, bool& b) {
    std::uint8_t v = b ? 1 : 0;
    ar.number(v);
    if constexpr (Ar::reading) {
      if (v > 1) ar.corrupt("a flag is neither 0 nor 1");
      b = v == 1;
    }
  }
  template <typename Ar, typename T>
  static std::enable_if_t<std::is_arithmetic_v<T>> io(Ar& ar, T& v) {
    ar.number(v);
  }
  template <typename Ar, typename E>
  static std::enable_if_t<std::is_enum_v<E>> io(Ar& ar, E& e) {
    auto v = static_cast<std::uint32_t>(e);
    ar.number(v);
    if constexpr (Ar::reading) {
      if (v > static_cast<std::uint32_t>(kLast<E>)) ar.corrupt("an enumeration is out of range");
      e = static_cast<E>(v);
    }
  }
  template <typename Ar>
  static void io(Ar& ar, std::string& s) {
    if constexpr (Ar::reading) {
      s = std::string(ar.take(ar.count()));
    } else {
      ar.count(s.size());
      ar.bytes(s.data(), s.size());
    }
  }
  template <typename T>
  static constexpr bool kBulk =
      std::is_arithmetic_v<T> || std::is_same_v<T, TermMatcher::State> || std::is_same_v<T, TermMatcher::TermShape> ||
      std::is_same_v<T, ColdNode> || std::is_same_v<T, HotNode>;
  template <typename Ar, typename T>
  static void io(Ar& ar, std::vector<T>& v) {
    if constexpr (Ar::reading) {
      v.clear();
      v.resize(ar.count(kBulk<T> ? sizeof(T) : 1));
    } else {
      ar.count(v.size());
    }
    if constexpr (kBulk<T>) {  // plain numbers (and structs of them): one copy, not one per item
      ar.bytes(v.data(), v.size() * sizeof(T));
    } else {
      for (T& x : v) io(ar, x);
    }
  }
  // Plain items, aligned in the file: borrowed where they lie when the input is a mapped file
  // the model keeps, copied otherwise.
  template <typename Ar, typename T>
  static void io(Ar& ar, FlatArray<T>& a) {
    static_assert(kBulk<T>, "a FlatArray in a model file holds plain items");
    if constexpr (Ar::reading) {
      std::size_t const n = ar.count(sizeof(T));
      ar.align(alignof(T));
      std::string_view const bytes = ar.take(n * sizeof(T));
      if (ar.borrows && reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(T) == 0) {
        a = FlatArray<T>::borrowing({reinterpret_cast<const T*>(bytes.data()), n});
      } else {
        std::vector<T> items(n);
        if (n > 0) std::memcpy(items.data(), bytes.data(), bytes.size());
        a = std::move(items);
      }
    } else {
      ar.count(a.size());
      ar.align(alignof(T));
      ar.bytes(a.data(), a.size() * sizeof(T));
    }
  }
  template <typename Ar>
  static void io(Ar& ar, std::vector<bool>& v) {
    if constexpr (Ar::reading) {
      v.assign(ar.count(), false);
      for (std::size_t i = 0; i < v.size(); ++i) {
        bool b = false;
        io(ar, b);
        v[i] = b;
      }
    } else {
      ar.count(v.size());
      for (bool b : v) io(ar, b);
    }
  }
  template <typename Ar, typename T>
  static void io(Ar& ar, std::optional<T>& o) {
    bool present = o.has_value();
    io(ar, present);
    if constexpr (Ar::reading) {
      if (present)
        io(ar, o.emplace());
      else
        o.reset();
    } else if (present) {
      io(ar, *o);
    }
  }
  template <typename Ar, typename A, typename B>
  static void io(Ar& ar, std::pair<A, B>& p) {
    io(ar, p.first);
    io(ar, p.second);
  }
  template <typename Ar, typename... T>
  static void all(Ar& ar, T&... fields) {
    (io(ar, fields), ...);
  }

  // -------------------------------------------------------------- the model's own types
  template <typename Ar>
  static void io(Ar& ar, Text& t) {
    all(ar, t.zh, t.en);
  }
  // A location names its file by its index among the model's sources (KbSource).
  template <typename Ar>
  static void io(Ar& ar, SourceLocation& l) {
    std::uint32_t file = 0;
    if constexpr (!Ar::reading) {
      auto it = ar.files.find(l.file);
      if (it == ar.files.end()) throw std::logic_error("model_file: a location names no KB source: " + l.file);
      file = it->second;
    }
    all(ar, file, l.line, l.column);
    if constexpr (Ar::reading) {
      if (file >= ar.files.size()) ar.corrupt("a location names no KB file");
      l.file = ar.files[file];
    }
  }
  template <typename Ar>
  static void io(Ar& ar, KbSource& s) {
    all(ar, s.shown, s.relative);
  }
  template <typename Ar>
  static void io(Ar& ar, Source& s) {
    all(ar, s.ref, s.title, s.section, s.checked, s.certainty);
  }
  template <typename Ar>
  static void io(Ar& ar, Literal& l) {
    if constexpr (Ar::reading) {
      if (++ar.depth > kMaxNesting) ar.corrupt("values nest too deeply");
    }
    all(ar, l.kind, l.boolean, l.number, l.text, l.time, l.items, l.spelling);
    if constexpr (Ar::reading) --ar.depth;
  }
  template <typename Ar>
  static void io(Ar& ar, FactInfo& f) {
    all(ar, f.name, f.type, f.values, f.choices, f.title, f.question, f.help, f.example, f.derived, f.background,
        f.whole, f.min, f.max, f.max_length);
  }
  template <typename Ar>
  static void io(Ar& ar, TimeAmount& t) {
    all(ar, t.amount, t.unit);
  }
  template <typename Ar>
  static void io(Ar& ar, Duration& d) {
    all(ar, d.low, d.high);
  }
  template <typename Ar>
  static void io(Ar& ar, Cost& c) {
    all(ar, c.amount, c.currency, c.per_attempt, c.per_year, c.refundable);
  }
  template <typename Ar>
  static void io(Ar& ar, StepInfo& s) {
    all(ar, s.name, s.title, s.description, s.actor, s.requires_, s.duration, s.cost, s.irreversible, s.rules,
        s.done_when, s.location);
  }
  template <typename Ar>
  static void io(Ar& ar, FactChange& c) {
    all(ar, c.fact, c.op, c.value, c.suggest, c.list);
  }
  template <typename Ar>
  static void io(Ar& ar, Fix& f) {
    all(ar, f.text, f.changes, f.duration, f.cost, f.guard, f.irreversible);
  }
  template <typename Ar>
  static void io(Ar& ar, CauseInfo& c) {
    all(ar, c.name, c.title, c.explanation, c.stage, c.fixes, c.patterns, c.sources, c.location);
  }
  template <typename Ar>
  static void io(Ar& ar, RuleInfo& r) {
    all(ar, r.name, r.step, r.condition, r.effect, r.cause, r.likelihood, r.actor, r.sources, r.location);
  }
  template <typename Ar>
  static void io(Ar& ar, TermListInfo& t) {
    all(ar, t.name, t.title, t.terms);
  }
  template <typename Ar>
  static void io(Ar& ar, OptionInfo& o) {
    all(ar, o.name, o.title, o.how, o.duration, o.cost);
  }
  template <typename Ar>
  static void io(Ar& ar, AlternativesInfo& a) {
    all(ar, a.name, a.title, a.fact, a.options, a.option_mask);
  }
  template <typename Ar>
  static void io(Ar& ar, CalendarDay& d) {
    all(ar, d.first, d.last, d.workday, d.title);
  }
  template <typename Ar>
  static void io(Ar& ar, HolidayCalendar& c) {
    all(ar, c.name, c.title, c.covers_first, c.covers_last, c.days, c.sources);
  }
  template <typename Ar>
  static void io(Ar& ar, Given& g) {
    all(ar, g.fact, g.value, g.done_steps, g.unknown);
  }
  template <typename Ar>
  static void io(Ar& ar, Expectation& e) {
    all(ar, e.kind, e.negated, e.verdict, e.step, e.cause, e.fact, e.text);
  }
  template <typename Ar>
  static void io(Ar& ar, ScenarioInfo& s) {
    all(ar, s.name, s.description, s.baseline, s.given, s.target, s.expectations, s.location);
  }

  // -------------------------------------------------------------- compiled tables
  template <typename Ar>
  static void io(Ar& ar, NodeLiterals& l) {
    all(ar, l.texts, l.numbers);
  }
  template <typename Ar>
  static void io(Ar& ar, CompiledConditions& c) {  // the rule tables are derived (Model::finish)
    all(ar, c.hot, c.cold, c.text, c.literals, c.roots, c.facts_of, c.known_facts_of);
  }
  template <typename Ar>
  static void io(Ar& ar, dsl::Gap& g) {
    all(ar, g.min, g.max);
  }
  template <typename Ar>
  static void io(Ar& ar, LiteralStep& s) {
    all(ar, s.before, s.literals);
  }
  template <typename Ar>
  static void io(Ar& ar, LiteralBranch& b) {
    all(ar, b.steps, b.after, b.specificity);
  }
  template <typename Ar>
  static void io(Ar& ar, LiteralPlan& p) {
    all(ar, p.exact, p.branches);
  }
  template <typename Ar>
  static void io(Ar& ar, CompiledPattern& p) {
    all(ar, p.cause, p.source, p.plan);
  }
  // ICU's compiled form is not portable: a loaded model compiles the expressions of the
  // patterns whose plan is not exact again, when a rejection is first matched.
  static void compile_later(Lazy<PatternRegexes>& regexes, const std::vector<CompiledPattern>& patterns,
                            const std::string& what) {
    regexes.defer([&patterns, what] {
      PatternRegexes out;
      out.reserve(patterns.size());
      for (const CompiledPattern& p : patterns) {
        out.emplace_back();
        if (p.plan.exact) continue;
        UErrorCode status = U_ZERO_ERROR;
        UParseError where{};
        out.back().reset(
            icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p.source), UREGEX_CASE_INSENSITIVE, where, status));
        if (U_FAILURE(status)) corrupt(what, "a message pattern does not compile");
      }
      return out;
    });
  }
  static_assert(sizeof(TermMatcher::State) == 3 * sizeof(std::uint32_t), "State is copied as bytes");
  static_assert(sizeof(ColdNode) == 4 * sizeof(std::uint32_t), "ColdNode is copied as bytes");
  static_assert(sizeof(TermMatcher::TermShape) == 8, "TermShape is copied as bytes");
  static_assert(sizeof(HotNode) == 24 && offsetof(HotNode, fact) == 4 && offsetof(HotNode, literal) == 16,
                "HotNode is copied as bytes, without padding");
  template <typename Ar>
  static void io(Ar& ar, TermMatcher& m) {
    all(ar, m.states_, m.edge_begin_, m.edge_bytes_, m.root_next_, m.terms_);
  }
  template <typename Ar>
  static void io(Ar& ar, ListsMatcher& m) {
    std::uint64_t words = m.words_;
    all(ar, m.terms_, m.lists_of_term_, words);
    m.words_ = static_cast<std::size_t>(words);
  }
  template <typename Ar>
  static void io(Ar& ar, PlanIndex& p) {
    all(ar, p.by_first_literal_, p.always_);
  }
  template <typename Ar>
  static void io(Ar& ar, FactValue& v) {
    all(ar, v.known, v.boolean, v.number, v.time, v.enum_index, v.set_bits, v.text, v.list, v.normalized, v.compact,
        v.normalized_items, v.item_texts, v.province, v.names_region);
  }
  template <typename Ar>
  static void io(Ar& ar, InterviewTables& t) {
    all(ar, t.rules_of_fact, t.answers, t.relative);
  }
  template <typename Ar>
  static void io(Ar& ar, MatchTables& t) {
    // `instance` is not stored: each loaded model gets its own (Model::finish).
    all(ar, t.patterns, t.pattern_literals, t.pattern_index, t.cause_name_order, t.term_lists, t.all_term_lists,
        t.term_lists_compact, t.normalized_terms, t.regions, t.region_province, t.places, t.place_province,
        t.province_names, t.fact_needs_regions);
    if constexpr (Ar::reading) compile_later(t.regexes, t.patterns, ar.what());
  }
  template <typename Ar>
  static void io(Ar& ar, Model& m) {
    all(ar, m.facts_, m.steps_, m.rules_, m.causes_, m.term_lists_, m.alternatives_);
    section(ar, *m.scenarios_, [&m](const std::vector<ScenarioInfo>& s, const Reader& r) { validate(m, s, r); });
    all(ar, m.calendar_, m.topo_, m.goals_, m.version_, *m.conditions_, *m.tables_);
    section(ar, m.tables_->place_names, [](const std::vector<std::string>&, const Reader&) {});
    section(ar, m.tables_->interview, [&m](const InterviewTables& t, const Reader& r) { validate(m, t, r); });
  }

  // -------------------------------------------------------------- parts decoded when asked for
  // A part only some commands read (Lazy) is a section of its own, its size first. Loading
  // sets the section's bytes aside, borrowed from a mapped file the model keeps and copied
  // otherwise; the first command that asks decodes them, and `check` refuses what the rest of
  // the model could not use. The whole file's checksum was verified on loading.
  template <typename T, typename Check>
  static void section(Writer& ar, Lazy<T>& part, const Check&) {
    Writer section;
    section.files = ar.files;
    io(section, const_cast<T&>(part.get()));  // a loaded model's decoded first
    io(ar, section.out);
  }
  template <typename T, typename Check>
  static void section(Reader& ar, Lazy<T>& part, Check check) {
    std::string_view bytes = ar.take(ar.count());
    std::shared_ptr<const std::string> copy;
    if (!ar.borrows) {
      copy = std::make_shared<const std::string>(bytes);
      bytes = *copy;
    }
    part.defer([bytes, copy, files = ar.files, what = ar.what(), check] {
      Reader r(bytes, what);
      r.files = files;
      T value;
      io(r, value);
      if (!r.done()) r.corrupt("bytes follow a section");
      check(value, r);
      return value;
    });
  }

  static std::shared_ptr<Model> make() { return std::shared_ptr<Model>(new Model()); }
  static void finish(Model& m) { m.finish(); }
  static void keep(Model& m, std::shared_ptr<const void> file) { m.file_ = std::move(file); }
  static void validate(const Model& m, const Reader& r);
  static void validate(const Model& m, const std::vector<ScenarioInfo>& scenarios, const Reader& r);
  static void validate(const Model& m, const InterviewTables& t, const Reader& r);
  static void validate(const TermMatcher& t, const Reader& r);
};

namespace {

using Reader = ModelCodec::Reader;

inline void check(bool ok, const Reader& r, const char* what) {
  if (!ok) [[unlikely]]
    r.corrupt(what);
}

bool id_or_none(std::uint32_t id, std::size_t size) { return id == kNone || id < size; }

}  // namespace

// An Aho–Corasick automaton the matcher can walk without leaving its tables: a tree numbered
// breadth first (the e-th edge leads to state e + 1, from a state numbered before it), each
// state's output as long as the path to it (so a hit never starts before the text), and fail
// and dictionary links going to shallower states (so their chains end). Two passes in state
// order, with no jumps around the tables: this runs on every load, over every matcher.
void ModelCodec::validate(const TermMatcher& t, const Reader& r) {
  std::size_t const n = t.states_.size();
  for (const TermMatcher::TermShape& term : t.terms_) {
    check(term.latin_start <= 1 && term.latin_end <= 1 && term.unused == 0, r, "term flags");
  }
  if (n == 0) {
    check(t.root_next_.empty() && t.edge_begin_.empty() && t.edge_bytes_.empty(), r, "matcher root");
    return;
  }
  check(t.edge_begin_.size() == n + 1 && t.edge_begin_.front() == 0 && t.edge_bytes_.size() == n - 1 &&
            t.edge_begin_.back() == n - 1,
        r, "matcher edges");
  check(t.root_next_.empty() || t.root_next_.size() == 256, r, "matcher root");
  // Each edge belongs to one state, so each state but the root has one parent; a parent's
  // edges begin at or after its own number, so it comes before its children and has its depth
  // by the time they are given theirs.
  std::vector<std::uint32_t> depth(n, 0);
  for (std::size_t s = 0; s < n; ++s) {
    std::uint32_t const first = t.edge_begin_[s], last = t.edge_begin_[s + 1];
    check(first <= last && last < n && (first == last || first >= s), r, "matcher tree");
    for (std::uint32_t e = first; e < last; ++e) depth[e + 1] = depth[s] + 1;
  }
  std::size_t const terms = t.terms_.size();
  for (std::size_t s = 0; s < n; ++s) {
    const TermMatcher::State& st = t.states_[s];
    check(st.fail < n && (s == 0 || depth[st.fail] < depth[s]), r, "matcher fail link");
    check(st.dict_link == UINT32_MAX || (st.dict_link < n && depth[st.dict_link] < depth[s]), r, "matcher link");
    check(st.output == UINT32_MAX || (st.output < terms && t.terms_[st.output].length == depth[s]), r,
          "matcher output");
  }
  for (std::uint32_t s : t.root_next_) check(s < n && (s == 0 || depth[s] == 1), r, "matcher root link");
}

void ModelCodec::validate(const Model& m, const Reader& r) {
  std::size_t const facts = m.facts_.size(), steps = m.steps_.size(), rules = m.rules_.size(),
                    causes = m.causes_.size(), lists = m.term_lists_.size(), alts = m.alternatives_.size();
  const CompiledConditions& cc = *m.conditions_;
  std::size_t const conditions = cc.roots.size(), nodes = cc.hot.size();
  auto condition_or_none = [&](std::int32_t c) {
    return c == -1 || (c >= 0 && static_cast<std::size_t>(c) < conditions);
  };

  for (const FactInfo& f : m.facts_) {
    check(f.values.size() <= 64 && f.choices.size() == f.values.size(), r, "fact values");
  }
  for (const StepInfo& s : m.steps_) {
    for (StepId q : s.requires_) check(q < steps, r, "step requirement");
    for (RuleId q : s.rules) check(q < rules, r, "step rule");
    check(condition_or_none(s.done_when), r, "step condition");
  }
  auto check_fix = [&](const Fix& f) {
    check(condition_or_none(f.guard), r, "fix guard");
    for (const FactChange& c : f.changes) check(c.fact < facts && id_or_none(c.list, lists), r, "fix change");
  };
  for (const CauseInfo& c : m.causes_) {
    check(id_or_none(c.stage, steps), r, "cause stage");
    for (const Fix& f : c.fixes) check_fix(f);
  }
  for (const RuleInfo& q : m.rules_) {
    check(q.step < steps && q.condition < conditions && q.cause < causes, r, "rule");
  }
  for (StepId s = 0; s < steps; ++s) {
    for (RuleId q : m.steps_[s].rules) check(m.rules_[q].step == s, r, "step rule");
  }
  for (const AlternativesInfo& a : m.alternatives_) check(a.fact < facts, r, "alternatives fact");
  check(m.topo_.size() == steps, r, "step order");
  std::vector<bool> placed(steps, false);
  for (StepId s : m.topo_) {
    check(s < steps && !placed[s], r, "step order");
    placed[s] = true;
  }
  // Every requirement comes earlier in the order: the step graph has no cycle.
  std::vector<std::uint32_t> position(steps);
  for (std::uint32_t i = 0; i < steps; ++i) position[m.topo_[i]] = i;
  for (StepId s = 0; s < steps; ++s) {
    for (StepId q : m.steps_[s].requires_) check(position[q] < position[s], r, "step order");
  }
  check(!m.goals_.empty(), r, "goals");
  for (StepId g : m.goals_) check(g < steps, r, "goal");

  // Conditions: children come after their parents, so evaluation always ends.
  check(cc.cold.size() == nodes && cc.facts_of.size() == conditions && cc.known_facts_of.size() == conditions, r,
        "condition tables");
  for (std::uint32_t root : cc.roots) check(root < nodes, r, "condition root");
  for (std::size_t i = 0; i < nodes; ++i) {
    const HotNode& h = cc.hot[i];
    const ColdNode& c = cc.cold[i];
    // Stored as bytes, so each enumeration is checked here rather than as it is read.
    check(h.kind <= kLast<CondKind> && h.op <= kLast<CompareOp> && h.left_fn() <= kLast<Function> &&
              h.right_fn() <= kLast<Function> && h.type <= kLast<FactType>,
          r, "condition node");
    check(std::uint64_t{c.text_begin} + c.text_size <= cc.text.size(), r, "condition text");
    check(c.literals == kNone || c.literals < cc.literals.size(), r, "condition literals");
    check(id_or_none(h.fact, facts) && (h.fact == kNone || h.type == m.facts_[h.fact].type), r, "condition fact");
    switch (h.kind) {
      case CondKind::all:
      case CondKind::any:
      case CondKind::negation:
        check(h.b == 0 || (h.a > i && h.a < nodes && h.b <= nodes - h.a), r, "condition children");
        break;
      case CondKind::done:
        check(h.a < steps && c.target < steps, r, "condition step");
        break;
      case CondKind::contains_any:
      case CondKind::is_any:
        check(h.a < lists && c.target < lists, r, "condition term list");
        break;
      case CondKind::satisfied:
        check(c.target < alts, r, "condition alternatives");
        break;
      case CondKind::compare:
        check(id_or_none(h.a, facts), r, "condition operand");
        break;
      case CondKind::fact:
      case CondKind::known:
      case CondKind::has:
      case CondKind::in:
      case CondKind::mentions_region:
        check(h.fact != kNone, r, "condition fact");
        break;
      case CondKind::constant:
        break;
    }
  }
  for (const auto& list : cc.facts_of) {
    for (FactId f : list) check(f < facts, r, "condition facts");
  }
  for (const auto& list : cc.known_facts_of) {
    for (FactId f : list) check(f < facts, r, "condition facts");
  }

  // Matchers and their side tables.
  const MatchTables& t = *m.tables_;
  std::size_t const literals = t.pattern_literals.size();
  for (const CompiledPattern& p : t.patterns) {
    check(p.cause < causes, r, "pattern cause");
    for (const LiteralBranch& b : p.plan.branches) {
      for (const LiteralStep& s : b.steps) {
        for (std::uint32_t l : s.literals) check(l < literals, r, "pattern literal");
      }
    }
  }
  check(t.pattern_index.by_first_literal_.size() == literals || t.pattern_index.by_first_literal_.empty(), r,
        "pattern index");
  for (const auto& list : t.pattern_index.by_first_literal_) {
    for (std::uint32_t p : list) check(p < t.patterns.size(), r, "pattern index");
  }
  for (std::uint32_t p : t.pattern_index.always_) check(p < t.patterns.size(), r, "pattern index");
  check(t.cause_name_order.size() == causes, r, "cause order");
  for (std::uint32_t c : t.cause_name_order) check(c < causes, r, "cause order");
  check(t.term_lists.size() == lists && t.term_lists_compact.size() == lists && t.normalized_terms.size() == lists, r,
        "term lists");
  validate(t.pattern_literals, r);
  for (const TermMatcher& tm : t.term_lists) validate(tm, r);
  for (const TermMatcher& tm : t.term_lists_compact) validate(tm, r);
  validate(t.all_term_lists.terms_, r);
  check(t.all_term_lists.words_ == (lists + 63) / 64 &&
            t.all_term_lists.lists_of_term_.size() == t.all_term_lists.terms_.size() * t.all_term_lists.words_,
        r, "term list masks");
  validate(t.regions, r);
  validate(t.places, r);
  std::size_t const provinces = t.province_names.size();
  auto province_ok = [&](std::int32_t p) { return p >= -1 && p < static_cast<std::int64_t>(provinces); };
  check(t.region_province.size() == t.regions.size() && t.place_province.size() == t.places.size(), r, "regions");
  for (std::int32_t p : t.region_province) check(province_ok(p), r, "region province");
  for (std::int32_t p : t.place_province) check(province_ok(p), r, "place province");
  check(t.fact_needs_regions.size() == facts, r, "region facts");
}

void ModelCodec::validate(const Model& m, const InterviewTables& t, const Reader& r) {
  std::size_t const facts = m.facts_.size(), rules = m.rules_.size();
  check(t.rules_of_fact.size() == facts && t.answers.size() == facts && t.relative.size() == facts, r, "interview");
  for (const auto& list : t.rules_of_fact) {
    for (RuleId q : list) check(q < rules, r, "interview rule");
  }
  for (std::size_t f = 0; f < facts; ++f) check(t.relative[f].size() == t.answers[f].size(), r, "interview answers");
}

void ModelCodec::validate(const Model& m, const std::vector<ScenarioInfo>& scenarios, const Reader& r) {
  std::size_t const facts = m.facts_.size(), steps = m.steps_.size(), causes = m.causes_.size();
  for (const ScenarioInfo& s : scenarios) {
    check(id_or_none(s.target, steps), r, "scenario target");
    for (const Given& g : s.given) {
      check(id_or_none(g.fact, facts), r, "scenario fact");
      for (StepId d : g.done_steps) check(d < steps, r, "scenario step");
    }
    for (const Expectation& e : s.expectations) {
      check(id_or_none(e.step, steps) && id_or_none(e.cause, causes) && id_or_none(e.fact, facts), r, "expectation");
    }
  }
}

std::string encode_model(const Model& model, const std::vector<KbSource>& sources) {
  ModelCodec::Writer payload;
  auto& m = const_cast<Model&>(model);  // the writer only reads; one field list serves both ways
  auto listed = sources;
  ModelCodec::io(payload, listed);
  for (std::uint32_t i = 0; i < listed.size(); ++i) payload.files.emplace(listed[i].shown, i);
  ModelCodec::io(payload, m);
  ModelCodec::Writer file;
  file.bytes(kMagic, sizeof kMagic);
  file.number(kModelFormatVersion);
  file.number(std::uint32_t{0});
  file.number(static_cast<std::uint64_t>(payload.out.size()));
  file.number(content_hash(payload.out));
  file.out += payload.out;
  return std::move(file.out);
}

namespace {

// Checks the header and returns the payload.
std::string_view payload_of(std::string_view bytes, const std::string& what, std::uint32_t* format) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw ModelFileError(what + ": not a model file (no MPADVMDL header)");
  if (bytes.size() < kHeaderBytes) throw ModelFileError(what + ": the model file is truncated (in its header)");
  std::uint32_t version = 0;
  std::uint64_t size = 0, sum = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&size, bytes.data() + 16, 8);
  std::memcpy(&sum, bytes.data() + 24, 8);
  if (format) *format = version;
  if (version != kModelFormatVersion)
    throw ModelFileError(what + ": model format " + std::to_string(version) + ", but this mpadvisor reads format " +
                         std::to_string(kModelFormatVersion) + "; compile it again with 'mpadvisor kb compile'");
  std::string_view payload = bytes.substr(kHeaderBytes);
  if (payload.size() != size)
    throw ModelFileError(what + ": the model file is " +
                         (payload.size() < size ? "truncated" : "longer than its header says") + " (" +
                         std::to_string(payload.size()) + " bytes of payload, " + std::to_string(size) + " expected)");
  if (content_hash(payload) != sum)
    throw ModelFileError(what + ": the model file is damaged (its checksum does not match)");
  return payload;
}

}  // namespace

namespace {

// With `file` (the mapping `payload` lies in), the model's arrays borrow from it and the model
// keeps it.
std::shared_ptr<const Model> decode_payload(std::string_view payload, const std::string& what,
                                            const std::filesystem::path* root, std::vector<KbSource>* sources_out,
                                            std::shared_ptr<const void> file = nullptr) {
  Reader r(payload, what);
  r.borrows = file != nullptr;
  std::vector<KbSource> sources;
  ModelCodec::io(r, sources);
  r.files.reserve(sources.size());
  // The folder is named once as the working directory sees it, and its files below that:
  // display_path resolves both the path and the working directory, which for each file took
  // longer than the rest of naming all of them.
  std::filesystem::path const shown_root = root ? std::filesystem::path(dsl::display_path(*root)) : "";
  for (const KbSource& s : sources)
    r.files.push_back(root ? (shown_root / s.relative).lexically_normal().string() : s.shown);
  auto m = ModelCodec::make();
  ModelCodec::keep(*m, std::move(file));
  ModelCodec::io(r, *m);
  if (!r.done()) r.corrupt("bytes follow the model");
  ModelCodec::validate(*m, r);
  ModelCodec::finish(*m);
  if (sources_out) *sources_out = std::move(sources);
  return m;
}

}  // namespace

std::string_view model_payload(std::string_view bytes, const std::string& what) {
  return payload_of(bytes, what, nullptr);
}

std::shared_ptr<const Model> decode_model_payload(std::string_view payload, const std::string& what) {
  return decode_payload(payload, what, nullptr, nullptr);
}

namespace {

std::shared_ptr<const Model> decode_file(std::string_view bytes, const std::string& what,
                                         const std::filesystem::path* root, ModelFileInfo* info,
                                         std::shared_ptr<const void> file) {
  std::uint32_t format = 0;
  std::string_view const payload = payload_of(bytes, what, &format);
  std::vector<KbSource> sources;
  auto m = decode_payload(payload, what, root, &sources, std::move(file));
  if (info) {
    info->format = format;
    info->kb_version = m->version();
    info->sources = std::move(sources);
  }
  return m;
}

}  // namespace

std::shared_ptr<const Model> decode_model(std::string_view bytes, const std::string& what,
                                          const std::filesystem::path* root, ModelFileInfo* info) {
  return decode_file(bytes, what, root, info, nullptr);
}

std::vector<KbSource> kb_sources(const dsl::CheckedKb& kb, const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path const folder =
      fs::is_directory(root, ec) ? fs::weakly_canonical(root) : fs::weakly_canonical(root).parent_path();
  std::vector<KbSource> out;
  for (const dsl::ast::Module& m : kb.kb().modules) {
    fs::path const file = fs::weakly_canonical(m.path, ec);
    out.push_back({m.path, file.lexically_relative(folder).string()});
  }
  return out;
}

namespace {

// A read-only mapping of a whole file, unmapped when it goes.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path) {
    int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw ModelFileError(path.string() + ": cannot open the model file: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw ModelFileError(path.string() + ": not a regular file");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > kMaxFileBytes) {
      ::close(fd);
      throw ModelFileError(path.string() + ": larger than 1 GiB: not a model file");
    }
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        throw ModelFileError(path.string() + ": cannot map the model file: " + std::strerror(errno));
      }
      data_ = static_cast<const char*>(p);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace

bool looks_like_model_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char head[sizeof kMagic] = {};
  return in.read(head, sizeof head) && std::memcmp(head, kMagic, sizeof kMagic) == 0;
}

std::shared_ptr<const Model> load_model_file(const std::filesystem::path& path, const std::filesystem::path* root,
                                             ModelFileInfo* info) {
  auto file = std::make_shared<const MappedFile>(path);
  std::string_view const bytes = file->bytes();
  return decode_file(bytes, path.string(), root, info, std::move(file));
}

std::string kb_text_version(const std::filesystem::path& root, const std::vector<KbSource>& sources) {
  namespace fs = std::filesystem;
  std::set<fs::path> listed;
  for (const KbSource& s : sources) listed.insert((root / s.relative).lexically_normal());
  try {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().extension() == ".mpk" &&
          !listed.count(entry.path().lexically_normal()))
        return {};  // a file the model was not compiled from
    }
  } catch (const fs::filesystem_error&) {
    return {};
  }
  // One file at a time through one buffer: the texts are read to be hashed, not kept (holding
  // them all was a sixth of the memory a shipped-KB diagnosis touched).
  KbVersionHash hash(sources.size());
  std::string text;
  for (const KbSource& s : sources) {
    try {
      base::read_input_into(root / s.relative, base::kMaxKbFileBytes, {"knowledge base file", "知识库文件"}, text);
    } catch (const std::exception&) {
      return {};
    }
    hash.add(text);
  }
  return hash.version();
}

}  // namespace mpadvisor::engine
