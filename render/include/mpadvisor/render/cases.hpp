// The case base for people and programs: what an import did, a case in one line or in full,
// labels, statistics and similar cases. Every text that came from a file or the database is
// shown through safe() (terminal.hpp).
//
// `kb`, where taken, names a case's step, entity and causes as the knowledge base does, in the
// output's language ("平台初审", "个人"); a name the KB does not know (a case recorded under
// another KB), or any name when `kb` is null, is shown as stored.
#pragma once

#include <string>
#include <vector>

#include "mpadvisor/casebase/store.hpp"
#include "mpadvisor/render/options.hpp"

namespace mpadvisor::render {

// `name` is the file imported (or <stdin>); `total` the cases now in the case base.
std::string import_text(const casebase::ImportReport& r, const std::string& name, std::int64_t total,
                        const Options& options);
Json import_json(const casebase::ImportReport& r, std::int64_t total, engine::Lang lang);  // messages in `lang`
// The skipped lines, "file:line: message (skipped)", one per line.
std::string import_errors_text(const casebase::ImportReport& r, const std::string& name, const Options& options);

std::string export_text(std::int64_t count, const std::string& target, const Options& options);

// `cases list`: one line per case (its outcome in the output's language), and what to say
// when nothing matched.
std::string case_line(const casebase::Case& c, const Options& options, const engine::Model* kb);
std::string no_cases_text(const Options& options);

std::string case_text(const casebase::Case& c, const Options& options, const engine::Model* kb);
Json case_json(const casebase::Case& c);

std::string label_text(casebase::CaseId id, const std::string& cause, bool added, const Options& options);

std::string stats_text(const casebase::Stats& s, const Options& options, const engine::Model* kb);
Json stats_json(const casebase::Stats& s);

std::string similar_text(const std::vector<casebase::SimilarCase>& found, const Options& options,
                         const engine::Model* kb);
Json similar_json(const std::vector<casebase::SimilarCase>& found);

// "approved", "rejected", "unknown" in the output's language.
std::string outcome_word(casebase::Outcome o, engine::Lang lang);

}  // namespace mpadvisor::render
