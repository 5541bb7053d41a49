// The batch: lines are read a block at a time (bounded memory whatever the input's size),
// diagnosed on N threads against the one shared model, and written in input order. A bad line
// becomes an error object in its place; it never stops the batch.
#include "batch_diagnose.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>

#include "json_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/render/diagnosis.hpp"

namespace mpadvisor::cli {
namespace {

constexpr std::size_t kBlockLines = 1024;  // lines diagnosed between two writes

// Reads lines of at most `limit` bytes; a longer line is reported (and skipped) without being
// held in memory.
class BoundedLines {
 public:
  BoundedLines(std::istream& in, std::size_t limit) : in_(in), limit_(limit) {}

  // False at the end of the input. `too_long`: the line was over the limit (`line` is empty).
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    if (in_.peek() == std::char_traits<char>::eof()) return false;
    for (int c; (c = in_.get()) != std::char_traits<char>::eof() && c != '\n';) {
      if (too_long) continue;
      if (line.size() == limit_) {
        too_long = true;
        line.clear();
        line.shrink_to_fit();
        continue;
      }
      line += static_cast<char>(c);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  std::istream& in_;
  std::size_t limit_;
};

struct Line {
  std::size_t number = 0;
  std::string text;
  bool too_long = false;
};

struct Outcome {
  std::string json;  // one line, without the newline
  bool bad = false;
  bool clear = false;
};

class Diagnoser {
 public:
  Diagnoser(const engine::Model& model, const BatchArgs& args, const GlobalOptions& g)
      : model_(model), args_(args), render_(g.render_options(args.explain)), now_(base::beijing_now()) {
    if (!args.target.empty()) default_target_ = target_named(args.target, "--target");
  }

  Outcome run(const Line& line) const {
    render::Json id = line.number;
    try {
      if (line.too_long)
        throw Bad("too-long", "the line is longer than " + base::describe_size(base::kMaxProfileBytes) +
                                  ", the limit for a profile");
      render::Json request;
      try {
        request = render::Json::parse(line.text);
      } catch (const render::Json::exception&) {
        throw Bad("bad-json", "the line is not JSON");
      }
      if (!request.is_object())
        throw Bad("bad-request", "a line must be a profile or {\"id\", \"target\", \"profile\"}");
      std::optional<engine::StepId> target = default_target_;
      std::string profile_text;
      if (auto wrapped = request.find("profile"); wrapped != request.end()) {
        if (!wrapped->is_object()) throw Bad("bad-request", "\"profile\" must be an object");
        if (auto given = request.find("id"); given != request.end()) id = *given;
        if (auto named = request.find("target"); named != request.end()) {
          if (!named->is_string()) throw Bad("bad-request", "\"target\" must be a step name");
          target = target_named(named->get<std::string>(), "\"target\"");
        }
        profile_text = wrapped->dump();
      } else {
        profile_text = line.text;
      }
      engine::Profile const profile = engine::parse_profile(model_, profile_text, now_);
      engine::DiagnoseOptions options;
      options.target = target;
      engine::Diagnosis const d = engine::diagnose(model_, profile, options);
      render::Json answer = diagnosis_answer(model_, profile, d, render_);
      if (!args_.evidence) drop_evidence(answer);
      render::Json out{{"id", std::move(id)}};
      for (auto& [key, value] : answer.items()) out[key] = std::move(value);  // kb_version included
      return {out.dump(), false, d.verdict == engine::Verdict::clear};
    } catch (const Bad& e) {
      return error(id, line.number, e.kind, e.what());
    } catch (const engine::ProfileError& e) {
      return error(id, line.number, "invalid-profile", e.what());
    }
  }

 private:
  struct Bad : std::runtime_error {
    Bad(const char* kind, const std::string& message) : std::runtime_error(message), kind(kind) {}
    const char* kind;
  };

  engine::StepId target_named(const std::string& name, const char* what) const {
    if (auto step = model_.find_step(name)) return *step;
    throw Bad("unknown-step", std::string(what) + ": '" + name + "' is not a step of the knowledge base");
  }

  Outcome error(const render::Json& id, std::size_t line, const char* kind, const std::string& message) const {
    render::Json out{{"id", id}, {"line", line}, {"error", {{"kind", kind}, {"message", message}}}};
    out["kb_version"] = model_.version();
    return {out.dump(-1, ' ', false, render::Json::error_handler_t::replace), true, false};
  }

  // --no-evidence: every "evidence" array goes, wherever it is.
  static void drop_evidence(render::Json& j) {
    if (j.is_object()) {
      j.erase("evidence");
      for (auto& [key, value] : j.items()) drop_evidence(value);
    } else if (j.is_array()) {
      for (auto& value : j) drop_evidence(value);
    }
  }

  const engine::Model& model_;
  const BatchArgs& args_;
  render::Options render_;
  std::int64_t now_;
  std::optional<engine::StepId> default_target_;
};

// Diagnoses a block on `threads` threads; outcomes[k] belongs to lines[k].
std::vector<Outcome> diagnose_block(const Diagnoser& diagnoser, const std::vector<Line>& lines, unsigned threads) {
  std::vector<Outcome> outcomes(lines.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < lines.size();) outcomes[k] = diagnoser.run(lines[k]);
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < std::min<std::size_t>(threads, lines.size()); ++t) helpers.emplace_back(work);
  work();
  for (auto& helper : helpers) helper.join();
  return outcomes;
}

}  // namespace

int run_batch(const GlobalOptions& g, const BatchArgs& a) {
  auto model = load_model(g, g.kb_path());
  Diagnoser const diagnoser(*model, a, g);
  std::ifstream file;
  if (a.input != "-") {
    try {
      base::check_readable(a.input, "batch file");
    } catch (const base::InputError& e) {
      throw UsageError(e.what());
    }
    file.open(a.input, std::ios::binary);
    if (!file) throw EnvironmentError("cannot read " + a.input);
  }
  std::istream& in = a.input == "-" ? std::cin : file;
  unsigned const threads = a.threads > 0 ? a.threads : std::max(1u, std::thread::hardware_concurrency());

  BoundedLines reader(in, base::kMaxProfileBytes);
  bool any_bad = false, all_clear = true;
  std::size_t number = 0;
  std::vector<Line> block;
  std::string text;
  bool too_long = false;
  for (bool more = true; more;) {
    block.clear();
    while (block.size() < kBlockLines && (more = reader.next(text, too_long))) {
      ++number;
      if (!too_long && text.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines
      block.push_back({number, text, too_long});
    }
    for (const Outcome& o : diagnose_block(diagnoser, block, threads)) {
      std::cout << o.json << '\n';
      any_bad = any_bad || o.bad;
      all_clear = all_clear && o.clear;
    }
  }
  if (in.bad()) throw EnvironmentError("reading " + a.input + " failed");
  std::cout.flush();
  if (any_bad) return kExitUsage;
  return all_clear ? kExitOk : kExitFindings;
}

}  // namespace mpadvisor::cli
