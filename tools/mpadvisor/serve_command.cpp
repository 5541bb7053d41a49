// serve: the JSON API and the web page over HTTP (docs/api.md). Loads the KB, opens the case
// base once (creating and seeding it, as the other commands do), binds, prints the address,
// and serves until SIGTERM or SIGINT; SIGHUP reloads the KB, keeping the old one if the new
// one has errors.
#include <spdlog/spdlog.h>

#include <charconv>
#include <iostream>
#include <memory>

#include "case_store.hpp"
#include "commands.hpp"
#include "kb_loading.hpp"
#include "mpadvisor/engine/model_file.hpp"
#include "mpadvisor/server/api.hpp"
#include "mpadvisor/server/http_server.hpp"
#include "option_values.hpp"

namespace mpadvisor::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 2;
  std::size_t max_body = std::size_t{1} << 20;
  double read_timeout = 10;
  std::size_t max_connections = 512;
  bool quiet = false;
};

// "ADDRESS:PORT", "[IPv6]:PORT" or ":PORT" (loopback).
std::pair<std::string, std::uint16_t> parse_listen(const std::string& text) {
  std::size_t const colon = text.rfind(':');
  if (colon == std::string::npos)
    throw UsageError(base::word("--listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080, got '{0}'",
                                "--listen 须写成 地址:端口，如 127.0.0.1:8080，而不是“{0}”", text));
  std::string address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  if (address.empty()) address = "127.0.0.1";
  unsigned port = 0;
  std::string const digits = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || port > 65535)
    throw UsageError(
        base::word("--listen: '{0}' is not a port number (0–65535)", "--listen：“{0}”不是端口号（0–65535）", digits));
  return {address, static_cast<std::uint16_t>(port)};
}

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address == "localhost";
}

int run_serve(const GlobalOptions& g, const ServeArgs& a) {
  auto [address, port] = parse_listen(a.listen);
  if (address == "localhost") address = "127.0.0.1";
  std::filesystem::path const kb_path = g.kb_path();
  auto model = load_model(g, kb_path);
  {
    casebase::Store store = [&] {
      try {
        return open_case_store(g);
      } catch (const casebase::Error& e) {
        rethrow_case_error(e);
      }
    }();
  }
  if (!a.quiet && spdlog::default_logger()->level() > spdlog::level::info) spdlog::set_level(spdlog::level::info);

  server::ApiOptions api_options;
  api_options.max_body = a.max_body;
  api_options.case_db = g.db_location();
  server::Api api(model, api_options);

  server::ServerOptions options;
  options.address = address;
  options.port = port;
  options.threads = a.threads;
  options.max_body = a.max_body;
  options.read_timeout = std::chrono::milliseconds(static_cast<long>(a.read_timeout * 1000));
  options.max_connections = a.max_connections;
  std::unique_ptr<server::HttpServer> http;
  try {
    http = std::make_unique<server::HttpServer>(api, options);
  } catch (const std::runtime_error& e) {
    throw EnvironmentError(base::english_only(e.what()));
  }
  if (!is_loopback(address))
    spdlog::warn("listening on {}, which is not a loopback address: anyone who can reach it can use the API", address);
  std::string const shown =
      http->address().find(':') != std::string::npos ? "[" + http->address() + "]" : http->address();
  std::cout << "listening on http://" << shown << ":" << http->port() << "/" << std::endl;
  spdlog::info("serving KB {} from {} with {} threads; case base {}", model->version(), kb_path.string(),
               options.threads, casebase::printable_location(*api_options.case_db));

  // SIGHUP: the KB again, from its text (edits take effect), or from the model file --kb
  // names; a KB with errors or a damaged model file is refused and the old one kept.
  http->run([&] {
    try {
      std::shared_ptr<const engine::Model> fresh;
      std::error_code ec;
      if (!std::filesystem::is_directory(kb_path, ec) && engine::looks_like_model_file(kb_path)) {
        fresh = engine::load_model_file(kb_path);
      } else {
        dsl::KbCheck kb = check_kb(kb_path);
        if (!kb.kb) {
          spdlog::error(
              "reload refused: the knowledge base at {} has {} errors (run 'mpadvisor kb check'); still serving {}",
              kb_path.string(), kb.diagnostics.error_count(), api.model()->version());
          return;
        }
        fresh = engine::compile(*kb.kb);
      }
      spdlog::info("reloaded the knowledge base: {} -> {}", api.model()->version(), fresh->version());
      api.replace_model(std::move(fresh));
    } catch (const std::exception& e) {
      spdlog::error("reload refused: {}; still serving {}", e.what(), api.model()->version());
    }
  });
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace

void register_serve_command(CLI::App& app, CommandContext& context) {
  const GlobalOptions& g = context.options;
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the JSON API and the web page over HTTP (docs/api.md)");
  serve->add_option("--listen", args->listen, "ADDRESS:PORT to listen on (port 0: any free port)")
      ->type_name("ADDRESS:PORT")
      ->capture_default_str();
  serve->add_option("--threads", args->threads, "Worker threads (1–64)")
      ->type_name("N")
      ->check(within(1, 64))
      ->capture_default_str();
  serve->add_option("--max-body", args->max_body, "Largest request body in bytes, 1 KiB–64 MiB (413 above)")
      ->type_name("BYTES")
      ->check(within(std::size_t{1024}, std::size_t{64} << 20))
      ->capture_default_str();
  serve
      ->add_option("--read-timeout", args->read_timeout, "Seconds a connection has to send a whole request (0.05–3600)")
      ->type_name("SECONDS")
      ->check(within(0.05, 3600.0))
      ->capture_default_str();
  serve->add_option("--max-connections", args->max_connections, "Open connections at most, 1–100000 (503 above)")
      ->type_name("N")
      ->check(within(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  serve->add_flag("-q,--quiet", args->quiet, "No log line per request (warnings and errors only)");
  serve->callback([&context, args, &g] { context.action = [&g, args] { return run_serve(g, *args); }; });
}

}  // namespace mpadvisor::cli
