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
#include "mpadvisor/base/json_members.hpp"
#include "mpadvisor/base/line_reader.hpp"
#include "mpadvisor/render/diagnosis.hpp"

namespace mpadvisor::cli {
namespace {

constexpr std::size_t kBlockLines = 1024;  // lines diagnosed between two writes

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
    render_.evidence = args.evidence;
    render_.members = args.members;
    render_.names_only = args.names_only;
    if (!args.target.empty()) default_target_ = target_named(args.target, "--target");
  }

  Outcome run(const Line& line) const {
    Request request;
    request.id = line.number;
    try {
      if (line.too_long)
        throw Bad("too-long", "the line is longer than " + base::describe_size(base::kMaxProfileBytes) +
                                  ", the limit for a profile");
      read_request(line.text, request);
      std::optional<engine::StepId> target = default_target_;
      if (request.target) target = target_named(*request.target, "\"target\"");
      // One profile and one diagnosis per thread, refilled line after line: their storage is
      // reused instead of being built and freed for every line.
      thread_local engine::Profile profile;
      thread_local engine::Diagnosis d;
      try {
        engine::parse_profile(model_, request.profile, now_, profile);
      } catch (const engine::ProfileError& e) {
        if (e.not_json) throw Bad("bad-json", "the line is not JSON");
        throw;
      }
      engine::DiagnoseOptions options;
      options.target = target;
      options.evidence = args_.evidence;
      engine::diagnose(model_, profile, options, d);
      render::JsonWriter out(-1, true);
      out.begin_object().member("id", request.id);
      render::write_diagnosis_answer(out, model_, profile, d, render_);  // kb_version included
      out.end_object();
      return {out.take(), false, d.verdict == engine::Verdict::clear};
    } catch (const Bad& e) {
      return error(request.id, line.number, e.kind, e.what());
    } catch (const engine::ProfileError& e) {
      return error(request.id, line.number, "invalid-profile", e.what());
    }
  }

 private:
  // A line's request: a bare profile, or {"id", "target", "profile"}.
  struct Request {
    render::Json id;                    // the line number unless the request names one
    std::optional<std::string> target;  // the request's own target
    std::string_view profile;           // the profile's JSON text (in the line, or in `owned`)
    std::string owned;
  };

  // From the spans of the line's members, without a JSON tree; through a tree only when a key
  // has an escape or a small member is not JSON (and then the tree says what is wrong).
  static void read_request(std::string_view text, Request& r) {
    std::optional<std::vector<base::JsonMember>> const members = base::json_object_members(text);
    if (!members) return read_request_as_tree(text, r);
    const base::JsonMember* profile = nullptr;
    for (const base::JsonMember& m : *members) {
      if (m.key_escaped) return read_request_as_tree(text, r);
      if (m.key == "profile") profile = &m;
    }
    if (profile == nullptr) {
      r.profile = text;
      return;
    }
    for (const base::JsonMember& m : *members) {
      if (&m == profile || m.key == "profile") continue;
      render::Json value = render::Json::parse(m.value, nullptr, false);
      if (value.is_discarded()) return read_request_as_tree(text, r);
      if (m.key == "id") {
        r.id = std::move(value);
      } else if (m.key == "target") {
        if (!value.is_string()) throw Bad("bad-request", "\"target\" must be a step name");
        r.target = value.get<std::string>();
      }
    }
    if (profile->value.front() != '{') throw Bad("bad-request", "\"profile\" must be an object");
    r.profile = profile->value;
  }

  static void read_request_as_tree(std::string_view text, Request& r) {
    render::Json request;
    try {
      request = render::Json::parse(text);
    } catch (const render::Json::exception&) {
      throw Bad("bad-json", "the line is not JSON");
    }
    if (!request.is_object()) throw Bad("bad-request", "a line must be a profile or {\"id\", \"target\", \"profile\"}");
    auto wrapped = request.find("profile");
    if (wrapped == request.end()) {
      r.profile = text;
      return;
    }
    if (!wrapped->is_object()) throw Bad("bad-request", "\"profile\" must be an object");
    if (auto given = request.find("id"); given != request.end()) r.id = *given;
    if (auto named = request.find("target"); named != request.end()) {
      if (!named->is_string()) throw Bad("bad-request", "\"target\" must be a step name");
      r.target = named->get<std::string>();
    }
    r.owned = wrapped->dump();
    r.profile = r.owned;
  }

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

  base::LineReader reader(in, base::kMaxProfileBytes);
  bool any_bad = false, all_clear = true;
  std::size_t number = 0;
  std::vector<Line> block;
  std::string text;
  bool too_long = false;
  try {
    for (bool more = true; more;) {
      block.clear();
      while (block.size() < kBlockLines && (more = reader.next(text, too_long))) {
        ++number;
        if (!too_long && text.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines
        block.push_back({number, std::move(text), too_long});
      }
      for (const Outcome& o : diagnose_block(diagnoser, block, threads)) {
        std::cout << o.json << '\n';
        any_bad = any_bad || o.bad;
        all_clear = all_clear && o.clear;
      }
    }
  } catch (const base::InputError&) {
    throw EnvironmentError("reading " + a.input + " failed");
  }
  std::cout.flush();
  if (any_bad) return kExitUsage;
  return all_clear ? kExitOk : kExitFindings;
}

}  // namespace mpadvisor::cli
