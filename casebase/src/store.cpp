// The Store facade: picks the backend from the location, checks and redacts what callers pass,
// and builds listing and export on the backends' paged reads.
#include "mpadvisor/casebase/store.hpp"

#include <iterator>

#include "backend.hpp"
#include "migration.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "validate.hpp"

namespace mpadvisor::casebase {
namespace {

void check_diagnosis(const LastDiagnosis& d) {
  if (d.kb_version.empty() || d.verdict.empty())
    throw Error(Errc::invalid_input, "a diagnosis needs a kb_version and a verdict");
  if (d.top_cause && !validate::is_identifier(*d.top_cause))
    throw Error(Errc::invalid_input, base::word(R"("{0}" is not a cause id)", R"("{0}" 不是原因编号)", *d.top_cause));
}

}  // namespace

bool is_database_url(std::string_view location) noexcept {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string printable_location(std::string_view location) {
  if (!is_database_url(location)) return std::string(location);
  // scheme://[user[:password]@]host…: the password is whatever follows the first ':' of the
  // part before the last '@' of the authority.
  const auto authority = location.find("://") + 3;
  const auto end = location.find_first_of("/?#", authority);
  const auto auth = location.substr(authority, end == std::string_view::npos ? end : end - authority);
  const auto at = auth.rfind('@');
  if (at == std::string_view::npos) return std::string(location);
  const auto colon = auth.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(location);
  return std::string(location.substr(0, authority + colon + 1)) + "***" + std::string(location.substr(authority + at));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::string& location, const OpenOptions& options) {
  if (location.empty()) throw Error(Errc::io, base::Wording{"no case database given", "没有指定案例库"});
  if (is_database_url(location)) return Store(open_postgres(location, options));
  return Store(open_sqlite(location, options));
}

const std::string& Store::location() const noexcept { return impl_->location; }

int Store::schema_version() const { return impl_->schema_version(); }

const SeedReport& Store::seed_report() const noexcept { return impl_->seed; }

ImportReport Store::import_jsonl(std::istream& in, const ImportOptions& options) {
  return impl_->import_jsonl(in, options);
}

ImportReport Store::import_jsonl(const std::filesystem::path& file, ImportOptions options) {
  auto in = open_input(file);
  if (options.source_name.empty() || options.source_name == "<input>") options.source_name = file.string();
  return import_jsonl(in, options);
}

void Store::export_jsonl(std::ostream& out) const {
  impl_->for_each_page({}, true, [&](std::vector<Case>& page) {
    for (const auto& c : page) out << to_json_line(c) << '\n';
    if (!out) throw Error(Errc::io, "writing the export failed");
    return true;
  });
  out.flush();
  if (!out) throw Error(Errc::io, "writing the export failed");
}

std::int64_t Store::count() const { return impl_->count(); }

std::optional<Case> Store::find(CaseId id) const {
  auto found = impl_->load({id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Case Store::get(CaseId id) const {
  auto found = find(id);
  if (!found) throw no_case(id);
  return std::move(*found);
}

std::vector<Case> Store::list(const ListFilter& filter) const {
  std::vector<Case> result;
  impl_->for_each_page(filter, true, [&](std::vector<Case>& page) {
    std::move(page.begin(), page.end(), std::back_inserter(result));
    return true;
  });
  return result;
}

void Store::for_each_case(const std::function<bool(const Case&)>& callback, const ListFilter& filter) const {
  impl_->for_each_page(filter, false, [&](std::vector<Case>& page) {
    for (const auto& c : page)
      if (!callback(c)) return false;
    return true;
  });
}

bool Store::label(CaseId id, std::string_view cause) {
  if (!validate::is_identifier(cause) || redact(cause) != cause)
    throw Error(Errc::invalid_input, base::word(R"("{0}" is not a cause id (letters, digits, _ . - :))",
                                                R"("{0}" 不是原因编号（只能由字母、数字和 _ . - : 组成）)", cause));
  return impl_->label(id, std::string(cause));
}

void Store::record_diagnosis(CaseId id, const LastDiagnosis& diagnosis) {
  const DiagnosisRecord record{id, diagnosis};
  record_diagnoses(std::span<const DiagnosisRecord>(&record, 1));
}

void Store::record_diagnosis(CaseId id, std::string_view kb_version, std::string_view verdict,
                             std::optional<std::string_view> top_cause) {
  LastDiagnosis diagnosis{std::string(kb_version), std::string(verdict), std::nullopt};
  if (top_cause) diagnosis.top_cause = std::string(*top_cause);
  record_diagnosis(id, diagnosis);
}

void Store::record_diagnoses(std::span<const DiagnosisRecord> records) {
  std::vector<DiagnosisRecord> redacted;
  redacted.reserve(records.size());
  for (const auto& record : records) {
    check_diagnosis(record.diagnosis);
    // Free text from the caller: redacted like everything else that is stored.
    redacted.push_back(
        {record.id,
         {redact(record.diagnosis.kb_version), redact(record.diagnosis.verdict), record.diagnosis.top_cause}});
  }
  impl_->record_diagnoses(redacted);
}

Stats Store::stats() const {
  Stats stats = impl_->stats();
  // All three outcomes are listed, in a fixed order, zeros included.
  stats.by_outcome = {{"approved", 0}, {"rejected", 0}, {"unknown", 0}};
  for (CategoryStats& c : stats.by_category) {
    if (c.approved + c.rejected > 0)
      c.rejection_rate = static_cast<double>(c.rejected) / static_cast<double>(c.approved + c.rejected);
    stats.by_outcome[0].count += c.approved;
    stats.by_outcome[1].count += c.rejected;
    stats.by_outcome[2].count += c.unknown;
  }
  return stats;
}

int latest_schema_version() noexcept { return kLatestSchemaVersion; }

}  // namespace mpadvisor::casebase
