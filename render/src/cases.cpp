#include "mpadvisor/render/cases.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/diagnosis.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {
namespace {

namespace cb = casebase;

std::string joined(const std::vector<std::string>& items) { return safe(fmt::format("{}", fmt::join(items, ", "))); }

// A step: its title alone where space is short (`cases list`), else "title (id)" as
// everywhere else, so that the id to filter by stays in sight.
std::string stage_name(const engine::Model* kb, const std::string& stage, Lang lang, bool with_id) {
  auto const step = kb != nullptr ? kb->find_step(stage) : std::nullopt;
  if (!step) return safe(stage);
  return with_id ? step_label(*kb, *step, lang) : step_title(*kb, *step, lang);
}

std::string cause_name(const engine::Model* kb, const std::string& cause, Lang lang) {
  auto const id = kb != nullptr ? kb->find_cause(cause) : std::nullopt;
  if (!id) return safe(cause);
  return safe(kb->causes()[*id].title.get(lang)) + " (" + safe(cause) + ")";
}

// The subject type as the question about it offers it ("个人"), from the KB's `entity` fact,
// the fact a case's entity is copied from.
std::string entity_name(const engine::Model* kb, const std::string& entity, Lang lang) {
  auto const fact = kb != nullptr ? kb->find_fact("entity") : std::nullopt;
  if (!fact) return safe(entity);
  return value_label(kb->facts()[*fact], entity, lang);
}

std::string causes_or_none(const std::vector<std::string>& causes, Lang lang, const engine::Model* kb) {
  if (causes.empty()) return std::string(text(lang, Msg::case_none_labelled));
  std::vector<std::string> named;
  named.reserve(causes.size());
  for (const std::string& c : causes) named.push_back(cause_name(kb, c, lang));
  return fmt::format("{}", fmt::join(named, text(lang, Msg::list_separator)));
}

std::string percent(double rate) {
  return rate == 0 || rate == 1 ? fmt::format("{:.0f}%", rate * 100) : fmt::format("{:.1f}%", rate * 100);
}

}  // namespace

std::string outcome_word(cb::Outcome o, Lang lang) {
  switch (o) {
    case cb::Outcome::approved:
      return std::string(text(lang, Msg::outcome_approved));
    case cb::Outcome::rejected:
      return std::string(text(lang, Msg::outcome_rejected));
    case cb::Outcome::unknown:
      break;
  }
  return std::string(text(lang, Msg::outcome_unknown));
}

std::string import_errors_text(const cb::ImportReport& r, const std::string& name, const Options& o) {
  std::string out;
  for (const cb::LineError& e : r.errors)
    out += say(o.lang, Msg::line_skipped, safe(name), e.line, safe(e.message.in(o.lang))) + "\n";
  if (r.skipped > r.errors.size())
    out += say(o.lang, Msg::more_lines_skipped, safe(name), r.skipped - r.errors.size()) + "\n";
  return out;
}

std::string import_text(const cb::ImportReport& r, const std::string& name, std::int64_t total, const Options& o) {
  std::string out = say(o.lang, r.imported == 1 ? Msg::imported_one : Msg::imported_many, r.imported, safe(name));
  if (r.duplicates) out += say(o.lang, Msg::duplicates, r.duplicates);
  if (r.skipped) out += say(o.lang, r.skipped == 1 ? Msg::skipped_one : Msg::skipped_many, r.skipped);
  out += say(o.lang, Msg::in_case_base, total) + "\n";
  if (r.redactions.total()) {
    const cb::RedactionCounts& c = r.redactions;
    out += say(o.lang, Msg::redacted, c.id_numbers, c.phones, c.emails, c.accounts, c.addresses) + "\n";
  }
  return out;
}

Json import_json(const cb::ImportReport& r, std::int64_t total, engine::Lang lang) {
  Json errors = Json::array();
  for (const cb::LineError& e : r.errors) errors.push_back({{"line", e.line}, {"message", e.message.in(lang)}});
  return {{"imported", r.imported},
          {"duplicates", r.duplicates},
          {"skipped", r.skipped},
          {"errors", std::move(errors)},
          {"redacted",
           {{"id_numbers", r.redactions.id_numbers},
            {"phones", r.redactions.phones},
            {"emails", r.redactions.emails},
            {"accounts", r.redactions.accounts},
            {"addresses", r.redactions.addresses}}},
          {"total", total}};
}

std::string export_text(std::int64_t count, const std::string& target, const Options& o) {
  return say(o.lang, count == 1 ? Msg::exported_one : Msg::exported, count, safe(target)) + "\n";
}

std::string case_line(const cb::Case& c, const Options& o, const engine::Model* kb) {
  std::string line = pad("#" + std::to_string(c.id), 7) + " " + safe(c.date.substr(0, 10)) + "  " +
                     pad(clip(stage_name(kb, c.stage, o.lang, false), 24), 24) + " " +
                     pad(outcome_word(c.outcome, o.lang), 9) + " " + clip(one_line(c.message), 60);
  if (!c.causes.empty()) line += "  [" + joined(c.causes) + "]";
  return line + "\n";
}

std::string no_cases_text(const Options& o) { return std::string(text(o.lang, Msg::no_cases_match)) + "\n"; }

Json case_json(const cb::Case& c) { return Json::parse(cb::to_json_line(c)); }

std::string case_text(const cb::Case& c, const Options& o, const engine::Model* kb) {
  const Lang lang = o.lang;
  std::ostringstream out;
  auto row = [&](Msg label, const std::string& value) { out << pad(text(lang, label), 11) << value << "\n"; };
  out << say(lang, Msg::case_heading, c.id) << "\n";
  row(Msg::case_date, safe(c.date));
  row(Msg::case_stage, stage_name(kb, c.stage, lang, true));
  row(Msg::case_entity, c.entity ? entity_name(kb, *c.entity, lang) : std::string(text(lang, Msg::case_not_known)));
  row(Msg::case_outcome, outcome_word(c.outcome, lang));
  row(Msg::case_message, one_line(c.message));
  row(Msg::case_causes, causes_or_none(c.causes, lang, kb));
  row(Msg::case_fix, c.fix ? one_line(*c.fix) : std::string(text(lang, Msg::case_none_recorded)));
  row(Msg::case_source, one_line(c.source));
  std::string indented;
  for (char ch : safe(Json::parse(c.profile).dump(2), base::Keep::lines)) {
    indented += ch;
    if (ch == '\n') indented += std::string(11, ' ');
  }
  row(Msg::case_profile, indented);
  if (c.diagnosis) {
    std::string value = safe(c.diagnosis->verdict);
    if (c.diagnosis->top_cause) value += say(lang, Msg::case_top_cause, safe(*c.diagnosis->top_cause));
    value += say(lang, Msg::case_kb_version, safe(c.diagnosis->kb_version));
    row(Msg::case_diagnosis, value);
  }
  return out.str();
}

std::string label_text(cb::CaseId id, const std::string& cause, bool added, const Options& o) {
  return say(o.lang, added ? Msg::labelled : Msg::already_labelled, id, safe(cause)) + "\n";
}

std::string stats_text(const cb::Stats& s, const Options& o, const engine::Model* kb) {
  const Lang lang = o.lang;
  std::ostringstream out;
  out << say(lang, Msg::stats_total, s.total) << "\n" << text(lang, Msg::stats_by_outcome);
  for (const cb::Count& row : s.by_outcome) {
    auto outcome = cb::parse_outcome(row.key);
    out << "  " << (outcome ? outcome_word(*outcome, lang) : safe(row.key)) << " " << row.count;
  }
  out << "\n";
  // Counts in one column: as wide as the section's longest name (in terminal columns, a
  // Chinese character counting two), so that a long title does not push its count out.
  auto table = [&](Msg title, const std::vector<cb::Count>& rows, auto name_of) {
    out << text(lang, title) << (rows.empty() ? text(lang, Msg::stats_none) : "") << "\n";
    std::vector<std::string> names;
    std::size_t width = 0;
    for (const cb::Count& row : rows) {
      names.push_back(name_of(row.key));
      width = std::max(width, base::utf8::display_width(names.back()));
    }
    for (std::size_t i = 0; i < rows.size(); ++i) out << "  " << pad(names[i], width) << "  " << rows[i].count << "\n";
  };
  table(Msg::stats_by_stage, s.by_stage, [&](const std::string& key) { return stage_name(kb, key, lang, true); });
  table(Msg::stats_by_cause, s.by_cause, [&](const std::string& key) { return cause_name(kb, key, lang); });
  out << text(lang, Msg::stats_by_category) << (s.by_category.empty() ? text(lang, Msg::stats_none) : "") << "\n";
  for (const cb::CategoryStats& row : s.by_category) {
    std::string const category = row.category ? safe(*row.category) : std::string(text(lang, Msg::stats_no_category));
    out << "  " << pad(category, 20) << " "
        << say(lang, row.cases == 1 ? Msg::stats_category_row_one : Msg::stats_category_row,
               fmt::format("{:>6}", row.cases), fmt::format("{:>5}", row.rejected), fmt::format("{:>5}", row.approved),
               row.rejection_rate ? percent(*row.rejection_rate) : "-")
        << "\n";
  }
  return out.str();
}

Json stats_json(const cb::Stats& s) {
  auto counts = [](const std::vector<cb::Count>& rows) {
    Json object = Json::object();
    for (const cb::Count& row : rows) object[row.key] = row.count;
    return object;
  };
  Json categories = Json::array();
  for (const cb::CategoryStats& row : s.by_category)
    categories.push_back({{"category", row.category ? Json(*row.category) : Json(nullptr)},
                          {"cases", row.cases},
                          {"approved", row.approved},
                          {"rejected", row.rejected},
                          {"unknown", row.unknown},
                          {"rejection_rate", row.rejection_rate ? Json(*row.rejection_rate) : Json(nullptr)}});
  return {{"total", s.total},
          {"by_outcome", counts(s.by_outcome)},
          {"by_stage", counts(s.by_stage)},
          {"by_cause", counts(s.by_cause)},
          {"by_category", std::move(categories)}};
}

std::string similar_text(const std::vector<cb::SimilarCase>& found, const Options& o, const engine::Model* kb) {
  const Lang lang = o.lang;
  if (found.empty()) return std::string(text(lang, Msg::no_similar_cases)) + "\n";
  std::ostringstream out;
  std::size_t rank = 0;
  for (const cb::SimilarCase& f : found) {
    out << fmt::format("{:>2}. ", ++rank) << case_line(f.value, o, kb);
    out << say(lang, Msg::similar_score, fmt::format("{:.2f}", f.score), causes_or_none(f.value.causes, lang, kb));
    if (f.value.fix) out << say(lang, Msg::similar_fix, clip(one_line(*f.value.fix), 60));
    out << "\n";
  }
  return out.str();
}

Json similar_json(const std::vector<cb::SimilarCase>& found) {
  Json out = Json::array();
  for (const cb::SimilarCase& f : found) out.push_back({{"score", f.score}, {"case", case_json(f.value)}});
  return out;
}

}  // namespace mpadvisor::render
