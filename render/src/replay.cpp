#include "mpadvisor/render/replay.hpp"

#include <fmt/format.h>

#include "mpadvisor/render/catalogue.hpp"
#include "mpadvisor/render/terminal.hpp"

namespace mpadvisor::render {
namespace {

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

std::string list_or_dash(const std::vector<std::string>& items) {
  return items.empty() ? "-" : safe(fmt::format("{}", fmt::join(items, ", ")));
}

std::string top(const replay::CaseVerdict& v) { return v.top_cause().value_or("-"); }

// A stored verdict as the engine names it (or "error" for a profile that no longer fits).
std::string verdict_text(std::string_view verdict, Lang lang) {
  if (verdict == "clear") return std::string(text(lang, Msg::verdict_clear));
  if (verdict == "blocked") return std::string(text(lang, Msg::verdict_blocked));
  if (verdict == "needs_info") return std::string(text(lang, Msg::verdict_needs_info));
  return std::string(text(lang, Msg::verdict_error));
}

}  // namespace

std::string replay_text(const replay::ReplayReport& r, const std::string& kb_version, const Options& o) {
  const Lang lang = o.lang;
  std::string out = say(lang, Msg::replayed, r.cases, r.labelled, kb_version) + "\n";
  out += say(lang, Msg::replay_top1, r.top1, r.labelled, fmt::format("{:.1f}", 100 * ratio(r.top1, r.labelled))) + "\n";
  out += say(lang, Msg::replay_top3, r.top3, r.labelled, fmt::format("{:.1f}", 100 * ratio(r.top3, r.labelled))) + "\n";
  if (r.errors) out += say(lang, Msg::replay_errors, r.errors) + "\n";
  for (const replay::ReplayMiss& m : r.misses)
    out += say(lang, Msg::replay_miss, m.id, list_or_dash(m.labelled), list_or_dash(m.ranked)) + "\n";
  return out;
}

Json replay_json(const replay::ReplayReport& r, const std::string& kb_version) {
  Json misses = Json::array();
  for (const replay::ReplayMiss& m : r.misses)
    misses.push_back({{"id", m.id}, {"labelled", m.labelled}, {"ranked", m.ranked}});
  return {{"kb_version", kb_version},
          {"cases", r.cases},
          {"labelled", r.labelled},
          {"top1", r.top1},
          {"top3", r.top3},
          {"top1_accuracy", ratio(r.top1, r.labelled)},
          {"top3_accuracy", ratio(r.top3, r.labelled)},
          {"errors", r.errors},
          {"misses", std::move(misses)}};
}

std::string impact_text(const std::vector<replay::ImpactRow>& rows, std::size_t total, const std::string& base_version,
                        const std::string& kb_version, const Options& o) {
  std::string out = say(o.lang, Msg::impact_summary, rows.size(), total, base_version, kb_version) + "\n";
  for (const replay::ImpactRow& row : rows) {
    out += fmt::format("#{}: {} / {}  →  {} / {}\n", row.id, verdict_text(row.before.verdict, o.lang), top(row.before),
                       verdict_text(row.after.verdict, o.lang), top(row.after));
  }
  return out;
}

Json impact_json(const std::vector<replay::ImpactRow>& rows, std::size_t total, const std::string& base_version,
                 const std::string& kb_version) {
  Json changed = Json::array();
  for (const replay::ImpactRow& row : rows) {
    changed.push_back({{"id", row.id},
                       {"before", {{"verdict", row.before.verdict}, {"top_cause", top(row.before)}}},
                       {"after", {{"verdict", row.after.verdict}, {"top_cause", top(row.after)}}}});
  }
  return {
      {"base_version", base_version}, {"kb_version", kb_version}, {"cases", total}, {"changed", std::move(changed)}};
}

}  // namespace mpadvisor::render
