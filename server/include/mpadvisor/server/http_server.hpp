// The HTTP/1.1 transport for the API, on Boost.Beast: it reads requests within limits, hands
// them to Api::handle, writes the answers, and nothing else. Keep-alive, a thread pool,
// size limits (431, 413), a read deadline that drops slow clients, a cap on open
// connections (503), graceful stop (requests in flight finish) and a reload hook for SIGHUP.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "mpadvisor/server/api.hpp"

namespace mpadvisor::server {

namespace detail {
struct ServerCore;  // the listening socket, the thread pool's io_context, the open connections
}

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (see HttpServer::port)
  unsigned threads = 2;
  std::size_t max_header = std::size_t{16} * 1024;  // bytes of request line and headers; more is 431
  std::size_t max_body = std::size_t{1} << 20;
  // A connection must deliver each complete request within this time, counted from when the
  // server starts waiting for it: a slow or idle client is dropped.
  std::chrono::milliseconds read_timeout{10000};
  std::size_t max_connections = 512;                // beyond this, new connections get 503 and are closed
  std::chrono::milliseconds shutdown_grace{10000};  // how long stop() waits for requests in flight
  bool handle_signals = true;                       // SIGTERM and SIGINT stop, SIGHUP calls the reload hook
};

class HttpServer {
 public:
  // Binds and listens; throws std::runtime_error naming the address when it cannot.
  HttpServer(Api& api, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::string address() const;  // as bound
  std::uint16_t port() const;   // as bound (the real one when 0 was asked for)

  // Serves on `threads` threads until stop() or a stop signal; returns when every
  // connection is closed. `reload` runs on a worker thread on each SIGHUP.
  void run(std::function<void()> reload = {});
  // Stops accepting, lets requests in flight finish, closes idle connections. Thread-safe.
  void stop();

 private:
  std::shared_ptr<detail::ServerCore> impl_;
};

}  // namespace mpadvisor::server
