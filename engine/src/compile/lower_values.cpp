// Lowering the KB's plain values: bilingual texts, sources, literals, durations, costs and
// source locations.
#include "compile/builder.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/dsl/format.hpp"

namespace mpadvisor::engine {

Text ModelBuilder::text_of(const ast::Text& t) {
  Text out;
  for (const ast::Translation& tr : t) (tr.lang == "zh" ? out.zh : out.en) = tr.text;
  return out;
}

std::vector<Source> ModelBuilder::sources_of(const std::vector<ast::Source>& sources) const {
  static constexpr Certainty kCertainty[] = {Certainty::unspecified, Certainty::official, Certainty::many,
                                             Certainty::single, Certainty::applicant};
  std::vector<Source> out;
  for (const ast::Source& s : sources) {
    Source source;
    source.ref = s.ref;
    // A declared reference gives the title applicants can look for, and its address.
    if (std::string_view const name = dsl::source_reference(s.ref); !name.empty()) {
      auto it = symbols_.references.find(name);
      if (it != symbols_.references.end()) {
        source.title = text_of(it->second.decl->title);
        source.ref = it->second.decl->address;
        source.section = std::string(dsl::source_section(s.ref));
      }
    }
    if (s.checked) source.checked = base::format_date(base::midnight(dsl::to_date(*s.checked)));
    source.certainty = kCertainty[static_cast<int>(s.certainty)];
    out.push_back(std::move(source));
  }
  return out;
}

Literal ModelBuilder::literal_of(const ast::Value& v) const {
  Literal out;
  out.spelling = dsl::format_value(v);
  switch (v.kind) {
    case ast::ValueKind::boolean:
      out.kind = Literal::Kind::boolean;
      out.boolean = v.boolean;
      break;
    case ast::ValueKind::number:
      out.kind = Literal::Kind::number;
      out.number = v.number;
      break;
    case ast::ValueKind::string:
      out.kind = Literal::Kind::text;
      out.text = v.text;
      break;
    case ast::ValueKind::symbol:
      out.kind = Literal::Kind::symbol;
      out.text = v.text;
      break;
    case ast::ValueKind::date:
      out.kind = Literal::Kind::date;
      out.time =
          base::midnight(dsl::to_date(v.date)) + (v.date.has_time() ? v.date.hour * 3600LL : 0) + v.date.minute * 60LL;
      break;
    case ast::ValueKind::list:
      out.kind = Literal::Kind::list;
      for (const ast::Value& item : v.items) out.items.push_back(literal_of(item));
      break;
  }
  return out;
}

std::optional<Duration> ModelBuilder::duration_of(const ast::Optional<ast::DurationRange>& d) {
  if (!d) return std::nullopt;
  // The grammar admits exactly these units (lexical_def.hpp).
  auto amount = [](const ast::Quantity& q) {
    TimeUnit unit = TimeUnit::hour;
    if (q.unit == "min") unit = TimeUnit::minute;
    if (q.unit == "d") unit = TimeUnit::day;
    if (q.unit == "wd") unit = TimeUnit::working_day;
    return TimeAmount{q.amount, unit};
  };
  return Duration{amount(d->low), amount(d->high)};
}

std::optional<Cost> ModelBuilder::cost_of(const ast::Optional<ast::Cost>& c) {
  if (!c) return std::nullopt;
  return Cost{c->amount, c->currency.text, c->per_attempt, c->per_year, c->refundable};
}

SourceLocation ModelBuilder::locate(const ast::Module* m, ast::Span span) const {
  dsl::Location loc = maps_.at(m).locate(span.begin);
  return {loc.file, loc.line, loc.column};
}

}  // namespace mpadvisor::engine
