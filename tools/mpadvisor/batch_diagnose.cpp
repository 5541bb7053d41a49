// The batch: lines are read a chunk at a time (bounded memory whatever the input's size),
// diagnosed on N threads against the one shared model, and written in input order. A bad line
// becomes an error object in its place; it never stops the batch.
#include "batch_diagnose.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "json_output.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/base/clock.hpp"
#include "mpadvisor/base/input.hpp"
#include "mpadvisor/base/json_members.hpp"
#include "mpadvisor/base/line_reader.hpp"
#include "mpadvisor/base/processors.hpp"
#include "mpadvisor/engine/scratch.hpp"
#include "mpadvisor/render/diagnosis.hpp"

namespace mpadvisor::cli {
namespace {

struct Line {
  std::size_t number = 0;
  std::string text;
  bool too_long = false;
};

struct Outcome {
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
    ranks_rejections_ = (render_.members & render::diagnosis_members_mask("latest_rejection")) != 0;
    if (!args.target.empty()) {
      try {
        default_target_ = target_named(args.target, "--target");
      } catch (const Bad& e) {
        throw UsageError(e.wording());  // the whole run's mistake, not a line's
      }
    }
  }

  // Appends the line's answer to `out`, one line without the newline.
  Outcome run(const Line& line, std::string& out) const {
    Request request;
    request.id = line.number;
    try {
      if (line.too_long)
        throw Bad("too-long",
                  base::word("the line is longer than {0}, the limit for a profile", "这一行超过了资料的大小上限 {0}",
                             base::describe_size(base::kMaxProfileBytes)));
      // One profile, one diagnosis and the engine's working memory per thread, refilled line
      // after line: their storage is reused instead of being built and freed for every line.
      thread_local engine::Scratch scratch;
      engine::Profile& profile = scratch.profile;
      engine::Diagnosis& d = scratch.diagnosis;
      bool const in_place = read_line_in_place(line.text, request, scratch);
      if (!in_place) {
        request = Request{};
        request.id = line.number;
        read_request(line.text, request);
      }
      // Before a profile is read in full: an unknown target is the first mistake a line reports.
      std::optional<engine::StepId> target = default_target_;
      if (request.target) target = target_named(*request.target, "\"target\"");
      if (!in_place) {
        try {
          engine::parse_profile(model_, request.profile, now_, profile, &scratch);
        } catch (const engine::ProfileError& e) {
          if (e.not_json) throw Bad("bad-json", line_not_json());
          throw;
        }
      }
      engine::DiagnoseOptions options;
      options.target = target;
      options.evidence = args_.evidence;
      // Only the latest rejection's ranking reads every rule's value.
      options.rule_values = ranks_rejections_ && !profile.rejections.empty();
      engine::diagnose(model_, profile, options, d, &scratch);
      render::JsonWriter w(std::move(out), -1, true);
      w.begin_object().key("id");
      if (request.plain_id) {
        w.value(*request.plain_id);
      } else {
        w.value(request.id);
      }
      render::write_diagnosis_answer(w, model_, profile, d, render_);  // kb_version included
      w.end_object();
      out = w.take();
      return {false, d.verdict == engine::Verdict::clear};
    } catch (const Bad& e) {
      return error(request.id_json(), line.number, e.kind, e, out);
    } catch (const engine::ProfileError& e) {
      return error(request.id_json(), line.number, "invalid-profile", e, out);
    }
  }

 private:
  // A line's request: a bare profile, or {"id", "target", "profile"}.
  struct Request {
    render::Json id;                           // the line number unless the request names one
    std::optional<std::string_view> plain_id;  // an id read in place (read_line_in_place), in the line
    std::optional<std::string> target;         // the request's own target
    std::string_view profile;                  // the profile's JSON text (in the line, or in `owned`)
    std::string owned;

    render::Json id_json() const { return plain_id ? render::Json(*plain_id) : id; }
  };

  // A JSON string of printable ASCII without escapes (an id or a step name, as they nearly
  // always are) at text[at], read without a JSON parser: its text, `at` past it. nullopt for
  // anything else.
  static std::optional<std::string_view> plain_string_at(std::string_view text, std::size_t& at) {
    if (at >= text.size() || text[at] != '"') return std::nullopt;
    for (std::size_t end = at + 1; end < text.size(); ++end) {
      auto const c = static_cast<unsigned char>(text[end]);
      if (c == '"') {
        std::string_view const s = text.substr(at + 1, end - at - 1);
        at = end + 1;
        return s;
      }
      if (c < 0x20 || c >= 0x7F || c == '\\') return std::nullopt;
    }
    return std::nullopt;
  }

  // The usual line, {"id": "…", "target": "…", "profile": {…}} in any order with plain strings,
  // in one pass: the profile goes straight from the line into scratch.profile. False for anything
  // else, which read_request and parse_profile then read in full (and word any mistake).
  bool read_line_in_place(std::string_view text, Request& r, engine::Scratch& scratch) const {
    std::size_t at = 0;
    auto space = [&] {
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) ++at;
    };
    auto eat = [&](char c) {
      if (at >= text.size() || text[at] != c) return false;
      ++at;
      return true;
    };
    bool has_profile = false;
    space();
    if (!eat('{')) return false;
    for (;;) {
      space();
      std::optional<std::string_view> const key = plain_string_at(text, at);
      if (!key) return false;
      space();
      if (!eat(':')) return false;
      space();
      if (*key == "profile" && !has_profile) {
        std::optional<std::size_t> const taken =
            engine::read_profile_at(model_, text.substr(at), now_, scratch.profile, &scratch);
        if (!taken) return false;
        at += *taken;
        has_profile = true;
      } else if (*key == "id" || *key == "target") {
        std::optional<std::string_view> const value = plain_string_at(text, at);
        if (!value) return false;
        if (*key == "id") {
          r.plain_id = value;
        } else {
          r.target = std::string(*value);
        }
      } else {
        return false;
      }
      space();
      if (eat('}')) break;
      if (!eat(',')) return false;
    }
    space();
    return has_profile && at == text.size();
  }

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
        if (!value.is_string()) throw Bad("bad-request", target_not_step_name());
        r.target = value.get<std::string>();
      }
    }
    if (profile->value.front() != '{') throw Bad("bad-request", profile_not_object());
    r.profile = profile->value;
  }

  static void read_request_as_tree(std::string_view text, Request& r) {
    render::Json request;
    try {
      request = render::Json::parse(text);
    } catch (const render::Json::exception&) {
      throw Bad("bad-json", line_not_json());
    }
    if (!request.is_object())
      throw Bad("bad-request", {R"(a line must be a profile or {"id", "target", "profile"})",
                                R"(每一行须为一份资料，或 {"id", "target", "profile"})"});
    auto wrapped = request.find("profile");
    if (wrapped == request.end()) {
      r.profile = text;
      return;
    }
    if (!wrapped->is_object()) throw Bad("bad-request", profile_not_object());
    if (auto given = request.find("id"); given != request.end()) r.id = *given;
    if (auto named = request.find("target"); named != request.end()) {
      if (!named->is_string()) throw Bad("bad-request", target_not_step_name());
      r.target = named->get<std::string>();
    }
    r.owned = wrapped->dump();
    r.profile = r.owned;
  }

  // A line's mistake: its kind (docs/json.md) and what to say.
  struct Bad : base::UserError {
    Bad(const char* kind, base::Wording message) : base::UserError(std::move(message)), kind(kind) {}
    const char* kind;
  };

  static base::Wording line_not_json() { return {"the line is not JSON", "这一行不是 JSON"}; }
  static base::Wording profile_not_object() { return {R"("profile" must be an object)", R"("profile" 须为对象)"}; }
  static base::Wording target_not_step_name() { return {R"("target" must be a step name)", R"("target" 须为步骤名)"}; }

  engine::StepId target_named(const std::string& name, const char* what) const {
    if (auto step = model_.find_step(name)) return *step;
    throw Bad("unknown-step",
              base::word("{0}: '{1}' is not a step of the knowledge base", "{0}：“{1}”不是知识库中的步骤", what, name));
  }

  Outcome error(const render::Json& id, std::size_t line, const char* kind, const base::UserError& e,
                std::string& out) const {
    render::Json answer{{"id", id}, {"line", line}, {"error", {{"kind", kind}, {"message", e.message(render_.lang)}}}};
    answer["kb_version"] = model_.version();
    out += answer.dump(-1, ' ', false, render::Json::error_handler_t::replace);
    return {true, false};
  }

  const engine::Model& model_;
  const BatchArgs& args_;
  render::Options render_;
  std::int64_t now_;
  std::optional<engine::StepId> default_target_;
  bool ranks_rejections_ = true;  // the answers have latest_rejection (--fields may leave it out)
};

// Whichever worker is free takes the next chunk of lines, diagnoses it and hands it back; chunks
// are written in input order as soon as every earlier one is written. Reading and writing are
// short and done under one lock by the worker that happens to hold it, so no core waits on a
// reader or a writer thread. A worker never runs more than kWindow chunks ahead of the writer:
// memory stays bounded even when one chunk is slow.
//
// With one worker per processor, each worker is bound to its own processor and spins a moment
// before it sleeps on the lock: a worker woken from that sleep was at times placed on the
// waker's processor, the two then sharing it for milliseconds while the other processor idled.
class Pipeline {
 public:
  Pipeline(base::LineReader& reader, const Diagnoser& diagnoser, std::ostream& out)
      : reader_(reader), diagnoser_(diagnoser), out_(out) {}

  void run(unsigned threads, const std::vector<int>& processors) {
    one_per_processor_ = threads > 1 && threads == processors.size();
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads; ++t) {
      helpers.emplace_back([this, t, &processors] {
        if (one_per_processor_) base::bind_this_thread(processors[t]);
        work();
      });
    }
    if (one_per_processor_) base::bind_this_thread(processors[0]);
    work();
    for (auto& helper : helpers) helper.join();
    if (one_per_processor_) base::unbind_this_thread(processors);
    if (failure_) std::rethrow_exception(failure_);
  }

  bool any_bad() const { return any_bad_; }
  bool all_clear() const { return all_clear_; }

 private:
  static constexpr std::size_t kChunkLines = 64;
  static constexpr std::size_t kWindow = 16;
  static constexpr int kSpins = 2000;  // about 50 microseconds

  struct Chunk {
    std::size_t sequence = 0;
    std::vector<Line> lines;  // the first `count` are this chunk's; the rest keep their storage
    std::size_t count = 0;
    std::string json;  // the answers, one per line, each ending in "\n"
    bool bad = false, clear = true;
  };

  void work() {
    Chunk chunk;
    while (true) {
      {
        std::unique_lock lock = acquire();
        if (!take(lock, chunk)) return;
      }
      try {
        diagnose(chunk);
      } catch (...) {  // not a bad line (those are answered in place): the engine failed
        std::lock_guard lock(mutex_);
        stop(std::current_exception());
        return;
      }
      std::unique_lock const lock = acquire();
      commit(std::move(chunk));
      chunk = Chunk();
      room_.notify_all();
    }
  }

  // The lock is held for microseconds (a chunk's reading or writing), so a worker with a
  // processor of its own tries for about as long before it sleeps.
  std::unique_lock<std::mutex> acquire() {
    std::unique_lock lock(mutex_, std::defer_lock);
    if (one_per_processor_) {
      for (int attempt = 0; attempt < kSpins; ++attempt) {
        if (lock.try_lock()) return lock;
        base::spin_pause();
      }
    }
    lock.lock();
    return lock;
  }

  void diagnose(Chunk& chunk) const {
    for (std::size_t k = 0; k < chunk.count; ++k) {
      Outcome const o = diagnoser_.run(chunk.lines[k], chunk.json);
      chunk.json += '\n';
      chunk.bad = chunk.bad || o.bad;
      chunk.clear = chunk.clear && o.clear;
    }
  }

  // Under the lock: the first failure ends the batch, and wakes the workers waiting for room.
  void stop(std::exception_ptr failure) {
    if (!failure_) failure_ = std::move(failure);
    ended_ = true;
    room_.notify_all();
  }

  // The next chunk's lines, read under the lock; false at the end of the input or after an error.
  bool take(std::unique_lock<std::mutex>& lock, Chunk& chunk) {
    room_.wait(lock, [&] { return ended_ || next_sequence_ < written_ + kWindow; });
    if (ended_) return false;
    if (!spare_.empty()) {  // a written chunk's storage, already the size lines and answers take
      chunk = std::move(spare_.back());
      spare_.pop_back();
    }
    chunk.sequence = next_sequence_++;
    chunk.count = 0;
    chunk.json.clear();
    chunk.bad = false;
    chunk.clear = true;
    try {
      while (chunk.count < kChunkLines) {
        if (chunk.count == chunk.lines.size()) chunk.lines.emplace_back();
        Line& line = chunk.lines[chunk.count];
        if (!reader_.next(line.text, line.too_long)) break;
        ++line_number_;
        if (!line.too_long && line.text.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines
        line.number = line_number_;
        ++chunk.count;
      }
      if (chunk.count < kChunkLines) ended_ = true;
    } catch (...) {
      stop(std::current_exception());
      return false;
    }
    return true;
  }

  // Under the lock: keeps the chunk until its turn, then writes every chunk whose turn it is.
  void commit(Chunk&& chunk) {
    finished_.push_back(std::move(chunk));
    for (auto next = finished_.begin(); next != finished_.end();) {
      if (next->sequence != written_) {
        ++next;
        continue;
      }
      out_.write(next->json.data(), static_cast<std::streamsize>(next->json.size()));
      any_bad_ = any_bad_ || next->bad;
      all_clear_ = all_clear_ && next->clear;
      spare_.push_back(std::move(*next));
      ++written_;
      finished_.erase(next);
      next = finished_.begin();
    }
  }

  base::LineReader& reader_;
  const Diagnoser& diagnoser_;
  std::ostream& out_;
  std::mutex mutex_;
  std::condition_variable room_;  // the writer moved on, or the input ended
  std::size_t next_sequence_ = 0, written_ = 0, line_number_ = 0;
  std::vector<Chunk> spare_;     // written chunks, their storage for the next ones
  std::vector<Chunk> finished_;  // diagnosed, waiting for an earlier chunk
  bool ended_ = false, any_bad_ = false, all_clear_ = true;
  bool one_per_processor_ = false;  // each worker bound to a processor of its own
  std::exception_ptr failure_;
};

}  // namespace

int run_batch(const GlobalOptions& g, const BatchArgs& a) {
  auto model = load_model(g, g.kb_path());
  Diagnoser const diagnoser(*model, a, g);
  std::ifstream file;
  if (a.input != "-") {
    try {
      base::check_readable(a.input, {"batch file", "批量文件"});
    } catch (const base::InputError& e) {
      throw UsageError(e.wording());
    }
    file.open(a.input, std::ios::binary);
    if (!file) throw EnvironmentError(base::word("cannot read {0}", "无法读取 {0}", a.input));
  }
  std::istream& in = a.input == "-" ? std::cin : file;
  std::vector<int> const processors = base::allowed_processors();
  unsigned const threads = a.threads > 0 ? a.threads : static_cast<unsigned>(processors.size());

  base::LineReader reader(in, base::kMaxProfileBytes);
  Pipeline pipeline(reader, diagnoser, std::cout);
  try {
    pipeline.run(threads, processors);
  } catch (const base::InputError&) {
    throw EnvironmentError(base::word("reading {0} failed", "读取 {0} 失败", a.input));
  }
  std::cout.flush();
  if (pipeline.any_bad()) return kExitUsage;
  return pipeline.all_clear() ? kExitOk : kExitFindings;
}

}  // namespace mpadvisor::cli
