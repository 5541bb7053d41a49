// cases import | export | list | show | label | stats | similar: the case base on the command
// line. Each command opens the database (created and seeded on first use, see case_store.hpp),
// calls one casebase function and renders its result as text or JSON (--format json).
// `cases replay` is registered by replay_commands.cpp on the same `cases` subcommand.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include "case_store.hpp"
#include "commands.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/utf8.hpp"
#include "mpadvisor/casebase/jsonl.hpp"
#include "mpadvisor/casebase/store.hpp"
#include "ui_text.hpp"

namespace mpadvisor::cli {
namespace {

namespace cb = casebase;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Helpers

// Runs a command body; a casebase error is bad input (exit 2), like any UsageError.
template <class Body>
int guarded(Body&& body) {
  try {
    return body();
  } catch (const cb::Error& e) {
    throw UsageError(e.what());
  }
}

Json case_json(const cb::Case& c) { return Json::parse(cb::to_json_line(c)); }

using base::utf8::display_width;

// Cuts text to at most `columns` terminal columns, on a character boundary, marking the cut.
std::string clip(std::string_view text, std::size_t columns) {
  if (display_width(text) <= columns) return std::string(text);
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    base::utf8::Decoded const d = base::utf8::decode(text, i);
    auto const w = static_cast<std::size_t>(base::utf8::column_width(d.code_point));
    if (width + w + 1 > columns) break;
    out.append(text.substr(i, d.length));
    width += w;
    i += d.length;
  }
  return out + "…";
}

// Case ids on the command line: positive integers, with a plain message otherwise.
const CLI::Validator kCaseId(
    [](std::string& text) -> std::string {
      const bool digits =
          !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
      return digits && std::stoll(text) > 0 ? std::string() : "a case id is a positive integer, not '" + text + "'";
    },
    "ID");

std::string pad(std::string_view text, std::size_t columns) {
  std::string out(text);
  for (auto width = display_width(text); width < columns; ++width) out += ' ';
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view glue = ", ") {
  std::string out;
  for (const auto& item : items) out.append(out.empty() ? "" : glue).append(item);
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out;
}

std::string percent(double rate) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(rate == 0 || rate == 1 ? 0 : 1) << rate * 100 << "%";
  return out.str();
}

// The one-line summary of a case used by list and similar.
std::string summary(const cb::Case& c) {
  return pad("#" + std::to_string(c.id), 7) + " " + c.date.substr(0, 10) + "  " + pad(c.stage, 24) + " " +
         pad(cb::to_string(c.outcome), 9) + " " + clip(one_line(c.message), 60);
}

// ---------------------------------------------------------------------------------------------
// Commands

struct ImportArgs {
  std::string file;
  bool skip_bad = false;
};

int run_import(const GlobalOptions& g, const ImportArgs& args) {
  auto store = open_case_store(g);
  cb::ImportOptions options;
  options.skip_bad = args.skip_bad;
  cb::ImportReport report;
  try {
    if (args.file == "-") {
      options.source_name = "<stdin>";
      report = store.import_jsonl(std::cin, options);
    } else {
      report = store.import_jsonl(fs::path(args.file), options);
    }
  } catch (const cb::ImportError& e) {
    throw UsageError(std::string(e.what()) + "; nothing was imported (--skip-bad imports the other lines)");
  }
  const std::string name = args.file == "-" ? "<stdin>" : args.file;
  for (const auto& error : report.errors)
    std::cerr << name << ":" << error.line << ": " << error.message << " (skipped)\n";
  if (report.skipped > report.errors.size())
    std::cerr << name << ": " << report.skipped - report.errors.size() << " more bad lines skipped\n";

  if (g.output_format() == Format::json) {
    Json errors = Json::array();
    for (const auto& error : report.errors) errors.push_back({{"line", error.line}, {"message", error.message}});
    std::cout << Json{{"imported", report.imported},
                      {"skipped", report.skipped},
                      {"errors", std::move(errors)},
                      {"redacted",
                       {{"id_numbers", report.redactions.id_numbers},
                        {"phones", report.redactions.phones},
                        {"emails", report.redactions.emails}}},
                      {"total", store.count()}}
                     .dump(2)
              << "\n";
  } else if (to_engine(g.language()) == engine::Lang::zh) {
    std::cout << "已从 " << name << " 导入 " << report.imported << " 个案例";
    if (report.skipped) std::cout << "，跳过 " << report.skipped << " 行有误的数据";
    std::cout << "（案例库共 " << store.count() << " 个）\n";
    const auto& r = report.redactions;
    if (r.total())
      std::cout << "已隐去 " << r.id_numbers << " 个身份证号、" << r.phones << " 个手机号、" << r.emails
                << " 个电子邮箱地址\n";
  } else {
    std::cout << "imported " << report.imported << " case" << (report.imported == 1 ? "" : "s") << " from " << name;
    if (report.skipped) std::cout << ", skipped " << report.skipped << " bad line" << (report.skipped == 1 ? "" : "s");
    std::cout << " (" << store.count() << " in the case base)\n";
    const auto& r = report.redactions;
    if (r.total())
      std::cout << "redacted " << r.id_numbers << " ID number(s), " << r.phones << " phone number(s), " << r.emails
                << " e-mail address(es)\n";
  }
  return kExitOk;
}

int run_export(const GlobalOptions& g, const std::string& output) {
  auto store = open_case_store(g);
  if (output.empty() || output == "-") {
    store.export_jsonl(std::cout);
    return kExitOk;
  }
  // Written next to the target and renamed into place: a failed export never leaves half a file.
  const fs::path target(output);
  fs::path temporary = target;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw UsageError("cannot write " + temporary.string() + ": " + std::generic_category().message(errno));
    try {
      store.export_jsonl(out);
    } catch (...) {
      out.close();
      std::error_code ec;
      fs::remove(temporary, ec);
      throw;
    }
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) throw UsageError("cannot write " + target.string() + ": " + ec.message());
  if (g.output_format() == Format::json) {
    std::cout << Json{{"exported", store.count()}, {"output", target.string()}}.dump(2) << "\n";
  } else {
    if (to_engine(g.language()) == engine::Lang::zh)
      std::cout << "已将 " << store.count() << " 个案例导出到 " << target.string() << "\n";
    else
      std::cout << "exported " << store.count() << " cases to " << target.string() << "\n";
  }
  return kExitOk;
}

struct ListArgs {
  std::string stage, cause, outcome;
  std::size_t limit = 0;
};

int run_list(const GlobalOptions& g, const ListArgs& args) {
  auto store = open_case_store(g);
  cb::ListFilter filter;
  if (!args.stage.empty()) filter.stage = args.stage;
  if (!args.cause.empty()) filter.cause = args.cause;
  if (!args.outcome.empty()) filter.outcome = cb::parse_outcome(args.outcome);
  filter.limit = args.limit;
  const bool json = g.output_format() == Format::json;
  std::size_t shown = 0;
  // Streamed: a large case base is never held in memory.
  if (json) std::cout << "[";
  store.for_each_case(
      [&](const cb::Case& c) {
        if (json)
          std::cout << (shown ? ",\n  " : "\n  ") << cb::to_json_line(c);
        else
          std::cout << summary(c) << (c.causes.empty() ? "" : "  [" + join(c.causes) + "]") << "\n";
        ++shown;
        return true;
      },
      filter);
  if (json)
    std::cout << (shown ? "\n]\n" : "]\n");
  else if (shown == 0)
    std::cout << say(to_engine(g.language()), "no cases match\n", "没有符合条件的案例\n");
  return kExitOk;
}

int run_show(const GlobalOptions& g, std::int64_t id) {
  auto store = open_case_store(g);
  const auto c = store.get(id);
  if (g.output_format() == Format::json) {
    std::cout << case_json(c).dump(2) << "\n";
    return kExitOk;
  }
  const engine::Lang lang = to_engine(g.language());
  const auto row = [](std::string_view label, const std::string& value) {
    std::cout << pad(label, 11) << value << "\n";
  };
  std::cout << say(lang, "case ", "案例 ") << c.id << "\n";
  row(say(lang, "date", "日期"), c.date);
  row(say(lang, "stage", "步骤"), c.stage);
  row(say(lang, "entity", "主体"), c.entity.value_or(std::string(say(lang, "(not known)", "（未知）"))));
  row(say(lang, "outcome", "结果"), std::string(cb::to_string(c.outcome)));
  row(say(lang, "message", "驳回信息"), c.message);
  row(say(lang, "causes", "原因"),
      c.causes.empty() ? std::string(say(lang, "(none labelled)", "（未标注）")) : join(c.causes));
  row(say(lang, "fix", "解决办法"), c.fix.value_or(std::string(say(lang, "(none recorded)", "（未记录）"))));
  row(say(lang, "source", "来源"), c.source);
  std::string profile = Json::parse(c.profile).dump(2);
  std::string indented;
  for (char ch : profile) {
    indented += ch;
    if (ch == '\n') indented += std::string(11, ' ');
  }
  row(say(lang, "profile", "资料"), indented);
  if (c.diagnosis) {
    std::string text = c.diagnosis->verdict;
    if (c.diagnosis->top_cause) text += std::string(say(lang, ", top cause ", "，首要原因 ")) + *c.diagnosis->top_cause;
    text += std::string(say(lang, " (KB ", "（知识库 ")) + c.diagnosis->kb_version + std::string(say(lang, ")", "）"));
    row(say(lang, "diagnosis", "诊断"), text);
  }
  return kExitOk;
}

int run_label(const GlobalOptions& g, std::int64_t id, const std::string& cause) {
  auto store = open_case_store(g);
  const bool added = store.label(id, cause);
  if (g.output_format() == Format::json) {
    std::cout << Json{{"id", id}, {"cause", cause}, {"added", added}, {"causes", store.get(id).causes}}.dump(2) << "\n";
  } else {
    const engine::Lang lang = to_engine(g.language());
    std::cout << say(lang, "case ", "案例 ") << id
              << (added ? say(lang, ": labelled ", "：已标注 ") : say(lang, ": already labelled ", "：早已标注 "))
              << cause << "\n";
  }
  return kExitOk;
}

int run_stats(const GlobalOptions& g) {
  auto store = open_case_store(g);
  const auto stats = store.stats();
  if (g.output_format() == Format::json) {
    const auto counts = [](const std::vector<cb::Count>& rows) {
      Json object = Json::object();
      for (const auto& row : rows) object[row.key] = row.count;
      return object;
    };
    Json categories = Json::array();
    for (const auto& row : stats.by_category)
      categories.push_back({{"category", row.category ? Json(*row.category) : Json(nullptr)},
                            {"cases", row.cases},
                            {"approved", row.approved},
                            {"rejected", row.rejected},
                            {"unknown", row.unknown},
                            {"rejection_rate", row.rejection_rate ? Json(*row.rejection_rate) : Json(nullptr)}});
    std::cout << Json{{"total", stats.total},
                      {"by_outcome", counts(stats.by_outcome)},
                      {"by_stage", counts(stats.by_stage)},
                      {"by_cause", counts(stats.by_cause)},
                      {"by_category", std::move(categories)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  const engine::Lang lang = to_engine(g.language());
  std::cout << say(lang, "cases: ", "案例：") << stats.total << "\n";
  std::cout << say(lang, "by outcome:", "按结果：");
  for (const auto& row : stats.by_outcome) std::cout << "  " << row.key << " " << row.count;
  std::cout << "\n";
  const auto table = [&](std::string_view title, const std::vector<cb::Count>& rows) {
    std::cout << title << (rows.empty() ? say(lang, " (none)\n", "（无）\n") : "\n");
    for (const auto& row : rows) std::cout << "  " << pad(row.key, 32) << " " << row.count << "\n";
  };
  table(say(lang, "by stage:", "按步骤："), stats.by_stage);
  table(say(lang, "by cause:", "按原因："), stats.by_cause);
  std::cout << say(lang, "by category (rejection rate = rejected / (approved + rejected)):",
                   "按类目（驳回率 = 驳回数 /（通过数 + 驳回数））：")
            << (stats.by_category.empty() ? say(lang, " (none)\n", "（无）\n") : "\n");
  for (const auto& row : stats.by_category) {
    std::cout << "  " << pad(row.category.value_or(std::string(say(lang, "(no category)", "（无类目）"))), 20) << " "
              << std::setw(6) << row.cases << say(lang, " cases  ", " 个案例  ") << std::setw(5) << row.rejected
              << say(lang, " rejected  ", " 驳回  ") << std::setw(5) << row.approved
              << say(lang, " approved  ", " 通过  ")
              << (row.rejection_rate ? percent(*row.rejection_rate) : std::string("-")) << "\n";
  }
  return kExitOk;
}

int run_similar(const GlobalOptions& g, const std::string& message, std::size_t limit) {
  auto store = open_case_store(g);
  const auto found = store.similar(message, limit);
  if (g.output_format() == Format::json) {
    Json out = Json::array();
    for (const auto& f : found) out.push_back({{"score", f.score}, {"case", case_json(f.value)}});
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  const engine::Lang lang = to_engine(g.language());
  if (found.empty()) {
    std::cout << say(lang, "no similar cases\n", "没有相似的案例\n");
    return kExitOk;
  }
  std::size_t rank = 0;
  for (const auto& f : found) {
    std::ostringstream score;
    score << std::fixed << std::setprecision(2) << f.score;
    std::cout << std::setw(2) << ++rank << ". " << summary(f.value) << "\n";
    std::cout << say(lang, "    score ", "    相似度 ") << score.str() << say(lang, "; causes: ", "；原因：")
              << (f.value.causes.empty() ? std::string(say(lang, "(none labelled)", "（未标注）"))
                                         : join(f.value.causes));
    if (f.value.fix) std::cout << say(lang, "; fix: ", "；解决办法：") << clip(one_line(*f.value.fix), 60);
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace

void register_cases_commands(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;
  CLI::App* cases = app.add_subcommand("cases", "Past registration cases: import, export, list, search and statistics");
  cases->require_subcommand(1);

  auto import_args = std::make_shared<ImportArgs>();
  CLI::App* import = cases->add_subcommand(
      "import", "Import cases from a JSON Lines file (all or nothing); personal data is redacted");
  import->add_option("file", import_args->file, "FILE.jsonl, or - for standard input")->required();
  import->add_flag("--skip-bad", import_args->skip_bad, "Report bad lines and import the others");
  import->callback([&context, import_args, &g] {
    context.action = [&g, import_args] { return guarded([&] { return run_import(g, *import_args);
});
};  // namespace mpadvisor::cli
});

auto output = std::make_shared<std::string>();
CLI::App* export_ = cases->add_subcommand("export", "Write every case as JSON Lines, in id order");
export_->add_option("-o,--output", *output, "Output file (default: standard output)");
export_->callback([&context, output, &g] {
  context.action = [&g, output] { return guarded([&] { return run_export(g, *output); }); };
});

auto list_args = std::make_shared<ListArgs>();
CLI::App* list = cases->add_subcommand("list", "List cases, optionally of one stage and/or cause");
list->add_option("--stage", list_args->stage, "Only cases rejected at this step id");
list->add_option("--cause", list_args->cause, "Only cases labelled with this cause id");
list->add_option("--outcome", list_args->outcome, "Only cases with this outcome")
    ->check(CLI::IsMember({"approved", "rejected", "unknown"}));
list->add_option("--limit", list_args->limit, "At most this many cases (default: all)");
list->callback([&context, list_args, &g] {
  context.action = [&g, list_args] { return guarded([&] { return run_list(g, *list_args); }); };
});

auto show_id = std::make_shared<std::int64_t>(0);
CLI::App* show = cases->add_subcommand("show", "Show one case");
show->add_option("id", *show_id, "Case id")->required()->check(kCaseId);
show->callback([&context, show_id, &g] {
  context.action = [&g, show_id] { return guarded([&] { return run_show(g, *show_id); }); };
});

struct LabelArgs {
  std::int64_t id = 0;
  std::string cause;
};
auto label_args = std::make_shared<LabelArgs>();
CLI::App* label = cases->add_subcommand("label", "Add a true cause to a case");
label->add_option("id", label_args->id, "Case id")->required()->check(kCaseId);
label->add_option("--cause", label_args->cause, "Cause id, e.g. name_commercial")->required();
label->callback([&context, label_args, &g] {
  context.action = [&g, label_args] {
    return guarded([&] { return run_label(g, label_args->id, label_args->cause); });
  };
});

CLI::App* stats = cases->add_subcommand("stats", "Counts by stage, cause and outcome; rejection rate by category");
stats->callback([&context, &g] { context.action = [&g] { return guarded([&] { return run_stats(g); }); }; });

struct SimilarArgs {
  std::string message;
  std::size_t limit = 5;
};
auto similar_args = std::make_shared<SimilarArgs>();
CLI::App* similar =
    cases->add_subcommand("similar", "Cases whose rejection message is most like MESSAGE (full-text, bm25)");
similar->add_option("message", similar_args->message, "The rejection message, in any language")->required();
similar->add_option("--limit", similar_args->limit, "How many cases (default 5, at most 1000)")
    ->check(CLI::Range(1, 1000));
similar->callback([&context, similar_args, &g] {
  context.action = [&g, similar_args] {
    return guarded([&] { return run_similar(g, similar_args->message, similar_args->limit); });
  };
});
}

}  // namespace mpadvisor::cli
