// One test per construct of the grammar: what it parses into, and where.
#include "mpadvisor/dsl/parse.hpp"

#include <gtest/gtest.h>

#include "mpadvisor/dsl/format.hpp"

namespace mpadvisor::dsl {
namespace {

template <typename Decl>
Decl parse_one(const std::string& text) {
  ParseResult r = parse("t.mpk", text);
  EXPECT_FALSE(r.diagnostics.has_errors()) << render_text(r.diagnostics);
  EXPECT_EQ(r.module.declarations.size(), 1u);
  const Decl* d = r.module.declarations.empty() ? nullptr : std::get_if<Decl>(&r.module.declarations.front());
  EXPECT_NE(d, nullptr);
  return d ? *d : Decl{};
}

ast::Expr condition(const std::string& text) {
  return parse_one<ast::Rule>("rule r at s { when " + text + " block c }").condition;
}

// A file that is not UTF-8 is refused where the bad bytes begin, and the message tells a
// character cut short (its first byte begins one) from a byte that begins none.
TEST(Parse, BytesThatAreNotUtf8AreNamedForWhatTheyAre) {
  ParseResult cut = parse("t.mpk", "goal a\nstep a { title en \"\xE7\xBB\" }\n");
  ASSERT_EQ(cut.diagnostics.items().size(), 1u);
  EXPECT_EQ(cut.diagnostics.items()[0].location.line, 2);
  EXPECT_EQ(cut.diagnostics.items()[0].location.column, 20);
  EXPECT_NE(cut.diagnostics.items()[0].message.en.find("the character that byte 0xE7 starts here is cut short"),
            std::string::npos)
      << cut.diagnostics.items()[0].message.en;
  ParseResult stray = parse("t.mpk", "goal a\nstep a { title en \"\x80\" }\n");
  ASSERT_EQ(stray.diagnostics.items().size(), 1u);
  EXPECT_NE(stray.diagnostics.items()[0].message.en.find("byte 0x80 here starts no character"), std::string::npos)
      << stray.diagnostics.items()[0].message.en;
}

TEST(Parse, ImportAndGoal) {
  ParseResult r = parse("t.mpk", "import \"lexicons/a.mpk\"\ngoal publish.release\n");
  ASSERT_EQ(r.module.declarations.size(), 2u);
  EXPECT_EQ(std::get<ast::Import>(r.module.declarations[0]).path, "lexicons/a.mpk");
  EXPECT_EQ(std::get<ast::Goal>(r.module.declarations[1]).step.text, "publish.release");
}

TEST(Parse, FactTypesAndProperties) {
  auto f = parse_one<ast::Fact>(
      "fact entity : enum(personal, enterprise) {\n question zh \"主体？\" en \"Entity?\"\n help en \"h\"\n"
      " source \"seed:001\" checked 2026-11-27 certainty applicant\n}");
  EXPECT_EQ(f.name.text, "entity");
  EXPECT_EQ(f.type, ast::FactType::enumeration);
  ASSERT_EQ(f.values.size(), 2u);
  EXPECT_EQ(f.values[1].text, "enterprise");
  ASSERT_EQ(f.question.size(), 2u);
  EXPECT_EQ(f.question[0].lang, "zh");
  EXPECT_EQ(f.question[0].text, "主体？");
  ASSERT_EQ(f.sources.size(), 1u);
  EXPECT_EQ(f.sources[0].certainty, ast::Certainty::applicant);
  ASSERT_TRUE(f.sources[0].checked.has_value());
  EXPECT_EQ(f.sources[0].checked->day, 27);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : number { min 0 max 5 }").max, 5);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : text { max_length 30 }").max_length, 30);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : list").type, ast::FactType::text_list);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : set(a, b)").type, ast::FactType::enum_set);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : date").type, ast::FactType::date);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : datetime").type, ast::FactType::datetime);
  EXPECT_EQ(parse_one<ast::Fact>("fact n : bool").type, ast::FactType::boolean);
  auto titled = parse_one<ast::Fact>("fact entity : enum(personal) { title zh \"主体类型\" en \"Subject type\" }");
  ASSERT_EQ(titled.title.size(), 2u);
  EXPECT_EQ(titled.title[0].text, "主体类型");
  EXPECT_EQ(titled.title[1].text, "Subject type");
}

TEST(Parse, TermListWithIncludesAndNotes) {
  auto t = parse_one<ast::TermList>(
      "terms commercial { title zh \"商业\" en \"Commercial\" include food, sport\n \"预约\" note \"booking\" \"yoga\" "
      "}");
  ASSERT_EQ(t.includes.size(), 2u);
  EXPECT_EQ(t.includes[1].text, "sport");
  ASSERT_EQ(t.terms.size(), 2u);
  EXPECT_EQ(t.terms[0].text, "预约");
  EXPECT_EQ(t.terms[0].note, "booking");
  EXPECT_EQ(t.terms[1].note, "");
}

TEST(Parse, Province) {
  auto p = parse_one<ast::Province>(
      "province hunan { names \"湖南\" \"Hunan\" cities \"长沙\" places \"浏阳市\" \"浏阳\" }");
  EXPECT_EQ(p.names.size(), 2u);
  EXPECT_EQ(p.cities.front(), "长沙");
  EXPECT_EQ(p.places, (std::vector<std::string>{"浏阳市", "浏阳"}));
}

TEST(Parse, StepWithEveryProperty) {
  auto s = parse_one<ast::Step>(
      "step filing.submit { title zh \"提交\" en \"Submit\" description en \"d\" actor applicant\n"
      " requires a.b, c duration 1h..12h cost 30 cny per_attempt nonrefundable done when done(x) source \"s\" }");
  EXPECT_EQ(s.name.text, "filing.submit");
  EXPECT_EQ(s.actor.text, "applicant");
  ASSERT_EQ(s.requires_.size(), 2u);
  EXPECT_EQ(s.requires_[0].text, "a.b");
  ASSERT_TRUE(s.duration);
  EXPECT_EQ(s.duration->low.unit, "h");
  EXPECT_EQ(s.duration->high.amount, 12);
  ASSERT_TRUE(s.cost);
  EXPECT_EQ(s.cost->amount, 30);
  EXPECT_TRUE(s.cost->per_attempt);
  EXPECT_FALSE(s.cost->refundable);
  ASSERT_TRUE(s.done_when);
  EXPECT_EQ(s.done_when->kind, ast::ExprKind::done);
  // The optional parts live on the heap; a copy has its own, and a step without them none.
  ast::Step copy = s;
  copy.duration->high.amount = 3;
  EXPECT_EQ(s.duration->high.amount, 12);
  ASSERT_TRUE(copy.done_when);
  EXPECT_EQ(copy.done_when->subject.text, "x");
  auto const bare = parse_one<ast::Step>("step s { title en \"S\" actor applicant }");
  EXPECT_FALSE(bare.duration);
  EXPECT_FALSE(bare.cost.has_value());
  EXPECT_FALSE(bare.done_when);
}

TEST(Parse, BaselinesScenariosFromThemAndUnknownFacts) {
  auto b = parse_one<ast::Baseline>("baseline org from person { given entity = enterprise, name unknown }");
  EXPECT_EQ(b.name.text, "org");
  EXPECT_EQ(b.from.text, "person");
  ASSERT_EQ(b.given.size(), 2u);
  EXPECT_FALSE(b.given[0].unknown);
  EXPECT_EQ(b.given[0].value.text, "enterprise");
  EXPECT_TRUE(b.given[1].unknown);
  EXPECT_EQ(b.given[1].fact.text, "name");
  auto s = parse_one<ast::Scenario>("scenario s from org { given done unknown expect clear }");
  EXPECT_EQ(s.from.text, "org");
  ASSERT_EQ(s.given.size(), 1u);
  EXPECT_TRUE(s.given[0].unknown);
}

TEST(Parse, ReferenceWithTitleAndAddress) {
  auto r = parse_one<ast::Reference>(R"(reference guide { title zh "指南" en "Guide" address "https://x.test/g" })");
  EXPECT_EQ(r.name.text, "guide");
  EXPECT_EQ(r.address, "https://x.test/g");
  ASSERT_EQ(r.title.size(), 2u);
}

// A pattern written as words stands for the regular expression made from them, with the
// texts' regex characters escaped.
TEST(Parse, WordsPatternsBecomeRegularExpressions) {
  auto c = parse_one<ast::Cause>(
      R"(cause c { message zh words "名称" ... ("商业" | "经营") ..3 "词" message en words "a.b" ..0 ("c+" | "d") })");
  ASSERT_EQ(c.patterns.size(), 2u);
  EXPECT_EQ(c.patterns[0].regex, "名称.*(商业|经营).{0,3}词");
  EXPECT_EQ(c.patterns[1].regex, R"(a\.b(c\+|d))");
  ASSERT_EQ(c.patterns[0].words.size(), 3u);
  EXPECT_EQ(c.patterns[0].words[2].gap, 3);
  EXPECT_EQ(parse_one<ast::Cause>(R"(cause c { message zh "名称.*商业" })").patterns[0].words.size(), 0u);
}

TEST(Parse, DurationUnits) {
  auto s = parse_one<ast::Step>("step s { duration 30min..20wd }");
  EXPECT_EQ(s.duration->low.unit, "min");
  EXPECT_EQ(s.duration->high.unit, "wd");
  EXPECT_EQ(parse_one<ast::Step>("step s { duration 2d }").duration->high.amount, 2);
}

TEST(Parse, AlternativesWithOptions) {
  auto a = parse_one<ast::Alternatives>(
      "alternatives proof { title en \"Proof\" satisfied_by proofs\n option permit { title zh \"居住证\" how en "
      "\"ask\" "
      "duration 7d..30d cost 0 cny } option ss { title en \"SS\" } }");
  EXPECT_EQ(a.fact.text, "proofs");
  ASSERT_EQ(a.options.size(), 2u);
  EXPECT_EQ(a.options[0].name.text, "permit");
  EXPECT_TRUE(a.options[0].duration.has_value());
}

TEST(Parse, CauseWithFixesPatternsAndChanges) {
  auto c = parse_one<ast::Cause>(
      "cause c { title en \"t\" explain en \"e\" stage filing.review fix en \"rename\"\n"
      " fix { en \"add proof\" change proofs += social change name = \"学习\" change n -= x change z unset }\n"
      " message zh \"名称.*商业\" message en \"name\" }");
  EXPECT_EQ(c.stage.text, "filing.review");
  ASSERT_EQ(c.fixes.size(), 2u);
  EXPECT_TRUE(c.fixes[0].changes.empty());
  ASSERT_EQ(c.fixes[1].changes.size(), 4u);
  EXPECT_EQ(c.fixes[1].changes[0].op, ast::ChangeOp::add);
  EXPECT_EQ(c.fixes[1].changes[1].value.text, "学习");
  EXPECT_EQ(c.fixes[1].changes[2].op, ast::ChangeOp::remove);
  EXPECT_EQ(c.fixes[1].changes[3].op, ast::ChangeOp::unset);
  ASSERT_EQ(c.patterns.size(), 2u);
  EXPECT_EQ(c.patterns[0].lang, "zh");
}

TEST(Parse, RuleEffects) {
  auto block = parse_one<ast::Rule>("rule r at s { when x block c }");
  EXPECT_EQ(block.effect.kind, ast::EffectKind::block);
  auto warn = parse_one<ast::Rule>("rule r at s { when x warn c likelihood high }");
  EXPECT_EQ(warn.effect.kind, ast::EffectKind::warn);
  EXPECT_EQ(warn.effect.likelihood, ast::Likelihood::high);
  auto wait = parse_one<ast::Rule>("rule r at s { when x wait c on miit source \"x\" }");
  EXPECT_EQ(wait.effect.kind, ast::EffectKind::wait);
  EXPECT_EQ(wait.effect.actor.text, "miit");
  EXPECT_EQ(wait.step.text, "s");
}

TEST(Parse, ConditionPrecedence) {
  ast::Expr e = condition("a or b and not c");
  ASSERT_EQ(e.kind, ast::ExprKind::any);
  ASSERT_EQ(e.operands.size(), 2u);
  EXPECT_EQ(e.operands[1].kind, ast::ExprKind::all);
  EXPECT_EQ(e.operands[1].operands[1].kind, ast::ExprKind::negation);
  EXPECT_EQ(condition("(a or b) and c").kind, ast::ExprKind::all);
}

TEST(Parse, ConditionTests) {
  EXPECT_EQ(condition("name contains_any commercial").kind, ast::ExprKind::contains_any);
  EXPECT_EQ(condition("name is_any generic").kind, ast::ExprKind::is_any);
  ast::Expr has = condition("features has_any [a, b]");
  EXPECT_EQ(has.kind, ast::ExprKind::has);
  EXPECT_EQ(has.values().size(), 2u);
  EXPECT_EQ(condition("features has a").values().size(), 1u);
  EXPECT_EQ(condition("entity in [a, b]").kind, ast::ExprKind::in);
  EXPECT_EQ(condition("known(x)").kind, ast::ExprKind::known);
  EXPECT_EQ(condition("done(a.b)").subject.text, "a.b");
  EXPECT_EQ(condition("satisfied(proof)").kind, ast::ExprKind::satisfied);
  EXPECT_EQ(condition("mentions_region(name)").kind, ast::ExprKind::mentions_region);
  EXPECT_EQ(condition("true").kind, ast::ExprKind::constant);
  EXPECT_EQ(condition("certified").kind, ast::ExprKind::fact);
}

TEST(Parse, Comparisons) {
  ast::Expr e = condition("filed_count >= 5");
  EXPECT_EQ(e.kind, ast::ExprKind::compare);
  EXPECT_EQ(e.op, ast::CompareOp::ge);
  EXPECT_EQ(e.right().value.number, 5);
  ast::Expr p = condition("province(id_region) != province(residence_region)");
  EXPECT_EQ(p.left().kind, ast::Operand::Kind::call);
  EXPECT_EQ(p.left().function, "province");
  EXPECT_EQ(p.right().fact.text, "residence_region");
  EXPECT_EQ(condition("hours_since(sms) > 24").left().function, "hours_since");
  EXPECT_EQ(condition("as_of < 2023-12-25").right().value.kind, ast::ValueKind::date);
  EXPECT_EQ(condition("entity == personal").right().value.text, "personal");
  EXPECT_EQ(condition("name != \"x\"").right().value.kind, ast::ValueKind::string);
  // `fact op value`: the left side is the fact, with its span.
  ast::Expr const f = condition("filed_count >= 5");
  EXPECT_EQ(f.left().kind, ast::Operand::Kind::fact);
  EXPECT_EQ(f.left().fact.text, "filed_count");
  EXPECT_EQ(f.left().span.end - f.left().span.begin, 11u);
}

// A comparison's sides are kept apart from its node (most nodes have none): a copy of the
// node has its own, and a node without them reads as default operands.
TEST(Parse, ComparisonSidesAreCopiedWithTheirNode) {
  ast::Expr original = condition("filed_count >= 5");
  ast::Expr copy = original;
  copy.right().value.number = 7;
  EXPECT_EQ(original.right().value.number, 5);
  EXPECT_EQ(copy.right().value.number, 7);
  copy = original;
  EXPECT_EQ(copy.right().value.number, 5);
  ast::Expr const test = condition("entity in [personal]");
  EXPECT_EQ(test.left().kind, ast::Operand::Kind::value);
  EXPECT_TRUE(test.left().fact.empty());
  EXPECT_TRUE(test.right().function.empty());
}

TEST(Parse, ScenarioExpectations) {
  auto s = parse_one<ast::Scenario>(
      "scenario s { description en \"d\" given entity = personal, n = 3, d = 2026-11-27T10:00, l = [a, \"b\"], ok = "
      "true\n"
      " given done = [x.y] target t expect blocked at a by c expect not warned at b expect waiting at w expect "
      "needs_info "
      "about f expect clear expect needs_info expect blocked }");
  ASSERT_EQ(s.given.size(), 6u);
  EXPECT_EQ(s.given[2].value.date.hour, 10);
  EXPECT_EQ(s.given[3].value.items.size(), 2u);
  ASSERT_EQ(s.expectations.size(), 7u);
  EXPECT_EQ(s.expectations[0].kind, ast::Expectation::Kind::blocked);
  EXPECT_EQ(s.expectations[0].cause.text, "c");
  EXPECT_TRUE(s.expectations[1].negated);
  EXPECT_EQ(s.expectations[1].kind, ast::Expectation::Kind::warned);
  EXPECT_EQ(s.expectations[3].fact.text, "f");
  EXPECT_EQ(s.expectations[4].verdict, "clear");
  EXPECT_EQ(s.expectations[5].verdict, "needs_info");
  EXPECT_EQ(s.expectations[6].verdict, "blocked");
}

TEST(Parse, StringEscapesAndChinese) {
  auto t = parse_one<ast::TermList>("terms t { \"a\\\"b\\\\c\\n\" \"火锅\" }");
  EXPECT_EQ(t.terms[0].text, "a\"b\\c\n");
  EXPECT_EQ(t.terms[1].text, "火锅");
}

TEST(Parse, SpansPointAtTheSource) {
  std::string text = "# c\nstep  abc { title en \"x\" }";
  ParseResult r = parse("t.mpk", text);
  const auto& s = std::get<ast::Step>(r.module.declarations[0]);
  EXPECT_EQ(text.substr(s.name.span.begin, s.name.span.end - s.name.span.begin), "abc");
  EXPECT_EQ(text.substr(s.span.begin, 4), "step");
  ASSERT_EQ(r.module.comments.size(), 1u);
  EXPECT_EQ(r.module.comments[0].span.begin, 0u);
}

TEST(Parse, CommentsInsideStringsAreText) {
  ParseResult r = parse("t.mpk", "terms t { \"#not a comment\" } # a comment");
  ASSERT_EQ(r.module.comments.size(), 1u);
  EXPECT_EQ(std::get<ast::TermList>(r.module.declarations[0]).terms[0].text, "#not a comment");
}

TEST(ParseErrors, MissingBraceIsReportedWithLineAndColumn) {
  ParseResult r = parse("t.mpk", "step a {\n  title en \"A\"\n\nstep b { title en \"B\" }\n");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.location.line, 4u);
  EXPECT_EQ(d.location.column, 1u);
  EXPECT_NE(d.message.en.find("expected '}'"), std::string::npos);
  // Parsing resumed at `step b`.
  EXPECT_EQ(r.module.declarations.size(), 1u);
}

TEST(ParseErrors, ThreeIndependentErrorsAreAllReported) {
  ParseResult r = parse("t.mpk",
                        "step a { titel en \"x\" }\nrule r at a { when x == block c }\ncause c { title en \"x }\n"
                        "step ok { title en \"fine\" }\n");
  EXPECT_EQ(r.diagnostics.error_count(), 3u) << render_text(r.diagnostics);
  EXPECT_EQ(r.module.declarations.size(), 1u);
}

TEST(ParseErrors, MisspeltPropertyGetsADidYouMean) {
  ParseResult r = parse("t.mpk", "step a { titel en \"x\" }");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_NE(r.diagnostics.items()[0].message.en.find("did you mean 'title'?"), std::string::npos);
}

TEST(ParseErrors, UnterminatedStringPointsAtItsQuote) {
  ParseResult r = parse("t.mpk", "terms t {\n  \"瑜伽 }\n");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].location.line, 2u);
  EXPECT_EQ(r.diagnostics.items()[0].location.column, 3u);
  EXPECT_NE(r.diagnostics.items()[0].message.en.find("unterminated string"), std::string::npos);
}

TEST(ParseErrors, UnknownTopLevelWord) {
  ParseResult r = parse("t.mpk", "stepp a {}\nstep b {}\n");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_NE(r.diagnostics.items()[0].message.en.find("expected a declaration"), std::string::npos);
  EXPECT_EQ(r.module.declarations.size(), 1u);
}

// Where the grammar expects a choice or a sequence rather than a named rule, the message names
// what could come (X3 alone gave the parser's mangled C++ type), in both languages.
TEST(ParseErrors, AChoiceIsNamedByItsAlternativesNeverByItsType) {
  struct Case {
    const char* text;
    const char* english;
    const char* chinese;
  };
  for (const Case& c : {
           Case{"cause c { fix { change x } }", "expected \"unset\" or \"suggest\" or '=', '+=', '-=' or 'unset'",
                "此处应为\"unset\" 或 \"suggest\" 或 '='、'+='、'-=' 或 'unset'"},
           Case{"baseline b { given x 1 }", "expected \"unknown\" or '='", "此处应为\"unknown\" 或 '='"},
           Case{"alternatives a { option o { cost 1 } }", "expected a currency (cny)", "此处应为币种（cny）"},
       }) {
    ParseResult r = parse("t.mpk", c.text);
    ASSERT_EQ(r.diagnostics.error_count(), 1u) << c.text;
    EXPECT_EQ(r.diagnostics.items()[0].message.en, c.english);
    EXPECT_EQ(r.diagnostics.items()[0].message.zh, c.chinese);
  }
}

TEST(ParseErrors, KeywordIsNotAValue) {
  ParseResult r = parse("t.mpk", "rule r at s { when entity == and x block c }");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_NE(r.diagnostics.items()[0].message.en.find("expected a value"), std::string::npos);
}

// A load keeps rule conditions as text; reading one back gives the tree a plain parse gives,
// node for node and span for span, wherever the condition's lines and comments fall.
void expect_same_tree(const ast::Expr& a, const ast::Expr& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.span.begin, b.span.begin);
  EXPECT_EQ(a.span.end, b.span.end);
  EXPECT_EQ(a.subject.text, b.subject.text);
  ASSERT_EQ(a.operands.size(), b.operands.size());
  for (std::size_t i = 0; i < a.operands.size(); ++i) expect_same_tree(a.operands[i], b.operands[i]);
}

TEST(Parse, RuleConditionsKeptAsTextReadBackAsTheSameTree) {
  std::string const text =
      "rule a at s { when known(x) and x == 3 block c }\n"
      "rule b at s {\n  when (x in [a, b] # a comment inside\n   or not y contains_any t)\n"
      "   and days_since(d) >= 2\n  block c\n}\n"
      "rule c at s { block c }\n";
  ParseResult const eager = parse("t.mpk", text);
  ParseResult const lean = parse("t.mpk", text, ParseOptions{.rule_conditions_in_text = true});
  ASSERT_FALSE(lean.diagnostics.has_errors()) << render_text(lean.diagnostics);
  ASSERT_EQ(lean.module.declarations.size(), 3u);
  auto nodes = [](const ast::Expr& e, auto& self) -> std::uint32_t {
    std::uint32_t n = 1;
    for (const ast::Expr& op : e.operands) n += self(op, self);
    return n;
  };
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& full = std::get<ast::Rule>(eager.module.declarations[i]);
    const auto& kept = std::get<ast::Rule>(lean.module.declarations[i]);
    EXPECT_TRUE(kept.condition_in_text);
    EXPECT_TRUE(kept.condition.operands.empty());
    EXPECT_EQ(kept.condition_nodes, nodes(full.condition, nodes));
    ast::Expr storage;
    const ast::Expr& read = rule_condition(lean.module, kept, storage);
    EXPECT_EQ(&read, &storage);
    expect_same_tree(read, full.condition);
    EXPECT_EQ(format_condition(read), format_condition(full.condition));
  }
  // Without a condition there is nothing to keep: the checker reports the rule as it is.
  const auto& none = std::get<ast::Rule>(lean.module.declarations[2]);
  EXPECT_FALSE(none.condition_in_text);
  EXPECT_EQ(none.condition.span.end, 0u);
  // A tree held in the rule is read in place.
  const auto& held = std::get<ast::Rule>(eager.module.declarations[0]);
  ast::Expr unused;
  EXPECT_EQ(&rule_condition(eager.module, held, unused), &held.condition);
}

}  // namespace
}  // namespace mpadvisor::dsl
