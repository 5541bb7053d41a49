// The JSON Lines import loop both backends run: lines are read and parsed ahead on a second
// thread (parse_pipeline.hpp), each good case goes to the backend's sink, a bad line either
// stops the import (the backend's transaction then rolls back) or is reported and skipped.
#include <algorithm>
#include <system_error>

#include "backend.hpp"
#include "mpadvisor/base/input.hpp"
#include "parse_pipeline.hpp"

namespace mpadvisor::casebase {

ImportReport import_lines(std::istream& in, const ImportOptions& options, CaseSink& sink) {
  const std::string source_name = options.source_name.empty() ? std::string("<input>") : options.source_name;
  ImportReport report;
  const auto bad = [&](std::size_t line, base::Wording message) {
    if (!options.skip_bad) throw ImportError(source_name, line, std::move(message));
    ++report.skipped;
    if (report.errors.size() < ImportReport::kMaxErrors) report.errors.push_back({line, std::move(message)});
  };
  ParsePipeline lines(in, options.max_line_bytes, !options.skip_bad);
  std::vector<NumberedLine> batch;
  while (lines.next(batch)) {
    for (auto& [line, parsed] : batch) {
      ++report.lines;
      if (options.on_progress && options.progress_every > 0 && report.lines % options.progress_every == 0)
        options.on_progress(report.lines);
      if (parsed.blank) continue;
      if (!parsed.ok()) {
        bad(line, std::move(parsed.error));
        continue;
      }
      auto stored = sink.insert(*parsed.value, parsed.category);
      if (stored.error) {
        bad(line, std::move(*stored.error));
        continue;
      }
      if (stored.duplicate) {
        ++report.duplicates;
        continue;
      }
      report.redactions += parsed.redactions;
      ++report.imported;
    }
  }
  sink.flush();
  return report;
}

namespace {

std::vector<std::filesystem::path> seed_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".jsonl" && !entry.is_directory()) files.push_back(entry.path());
  if (ec) throw Error(Errc::io, base::word("cannot list {0}: {1}", "无法列出 {0}：{1}", dir.string(), ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::ifstream open_input(const std::filesystem::path& file) {
  try {
    base::check_readable(file, {"import file", "导入文件"});  // a folder or a device (/dev/zero) is refused at once
  } catch (const base::InputError& e) {
    throw Error(Errc::invalid_input, e.wording());
  }
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw Error(Errc::io, base::word("cannot read {0}: {1}", "无法读取 {0}：{1}", file.string(),
                                     std::generic_category().message(errno)));
  return in;
}

SeedReport seed(const std::filesystem::path& dir, CaseSink& sink) {
  SeedReport report;
  report.seeded = true;
  report.files = seed_files(dir);
  for (const auto& file : report.files) {
    auto in = open_input(file);
    ImportOptions options;
    options.source_name = file.string();
    try {
      report.imported += import_lines(in, options, sink).imported;
    } catch (const ImportError& e) {
      throw ImportError(e.source(), e.line(),
                        e.reason().suffixed(" (in the seed cases; the case database was not created)",
                                            "（在种子案例中；案例库没有建立）"));
    }
  }
  return report;
}

}  // namespace mpadvisor::casebase
