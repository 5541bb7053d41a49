#include "mpadvisor/server/http_server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace mpadvisor::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session;

struct detail::ServerCore : std::enable_shared_from_this<detail::ServerCore> {
  ServerCore(Api& a, ServerOptions o)
      : api(a), options(std::move(o)), acceptor(io), signals(io), grace(asio::make_strand(io)) {}

  Api& api;
  ServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  // After a stop: cuts off what still runs when it fires. On a strand of its own, because the
  // last connection may close on any worker thread.
  asio::steady_timer grace;
  std::function<void()> reload;
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};
  std::string bound_address;
  std::uint16_t bound_port = 0;
  std::mutex sessions_mutex;
  std::list<std::weak_ptr<Session>> sessions;  // to close idle ones on stop

  void accept();
  void wait_for_signal();
  void begin_stop();
  // A connection closed: the last one to close after a stop ends the grace period early, so
  // that run() returns as soon as nothing is left.
  void connection_closed();
};

// One connection: read a request (within the limits and the deadline), answer it, repeat
// while the client keeps the connection alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<detail::ServerCore> server)
      : stream_(std::move(socket)), server_(std::move(server)) {
    server_->connections.fetch_add(1);
  }
  ~Session() { server_->connection_closed(); }

  void start() {
    {
      std::lock_guard lock(server_->sessions_mutex);
      server_->sessions.push_back(weak_from_this());
      place_ = std::prev(server_->sessions.end());
    }
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

  // Called on stop: a connection waiting for a request that has not begun is closed now; one
  // that is reading or answering a request finishes it first (and then closes).
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_ && (!self->parser_ || !self->parser_->got_some()) && self->buffer_.size() == 0)
        self->stream_.socket().close();
    });
  }

 private:
  void read() {
    busy_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header));
    parser_->body_limit(server_->options.max_body);
    stream_.expires_after(server_->options.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec == http::error::header_limit)
      return refuse(431, "too-large", {"the request's headers are too large", "请求头过大"});
    if (ec == http::error::body_limit) return refuse(413, "too-large", body_too_large(server_->options.max_body));
    if (ec && ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      return refuse(400, "bad-http",
                    base::word("the request is not valid HTTP/1.1: {0}", "请求不是有效的 HTTP/1.1：{0}", ec.message()));
    if (ec) return close();  // the client left, timed out, or the server is stopping
    busy_ = true;
    auto const start = std::chrono::steady_clock::now();
    const http::request<http::string_body>& req = parser_->get();
    Request request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.content_type = std::string(req[http::field::content_type]);
    request.accept_language = std::string(req[http::field::accept_language]);
    request.body = req.body();
    Response answer = server_->api.handle(request);
    bool const keep = req.keep_alive() && !server_->stopping.load();
    std::string_view path = request.target;
    path = path.substr(0, path.find('?'));  // the query may carry a profile: never logged
    spdlog::info(
        "{} {} {} {}µs", request.method, path, answer.status,
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
    write(std::move(answer), req.version(), keep, req.method() == http::verb::head);
  }

  void write(Response answer, unsigned version, bool keep, bool head) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(answer.status));
    // The phrases of RFC 9110, as the problem's title gives them (Beast knows older ones for
    // 413 and 422).
    std::string_view const phrase = reason_phrase(answer.status);
    response_.reason(beast::string_view(phrase.data(), phrase.size()));
    response_.set(http::field::server, "mpadvisor");
    response_.set(http::field::content_type, answer.content_type);
    for (auto& [name, value] : answer.headers) response_.set(name, value);
    response_.keep_alive(keep);
    std::size_t const length = answer.body.size();
    if (!head) response_.body() = std::move(answer.body);
    response_.content_length(length);
    stream_.expires_after(server_->options.read_timeout);
    http::async_write(stream_, response_, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      if (!keep) return self->linger();
      self->read();
    });
  }

  // Bad input at the HTTP level: answer with a problem and close the connection.
  void refuse(int status, std::string_view type, const base::Wording& detail) {
    busy_ = true;
    // What of the request was read: its target and the fields before the trouble (a body too
    // large is seen at its Content-Length, before the head is done).
    Request request;
    if (parser_) {
      request.target = std::string(parser_->get().target());
      request.accept_language = std::string(parser_->get()[http::field::accept_language]);
    }
    Response answer = server_->api.refuse(request, status, type, detail);
    spdlog::info("- - {} (refused)", status);
    write(std::move(answer), 11, false, false);
  }

  // After the last answer: stop sending, and read what the client still sends for a moment
  // before closing, so that unread bytes do not turn the close into a reset that could
  // destroy the answer before the client reads it.
  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drain_.resize(std::size_t{16} * 1024);
    stream_.async_read_some(asio::buffer(drain_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || ++self->drained_ > 64) return self->close();
      self->linger_more();
    });
  }
  void linger_more() {
    stream_.async_read_some(asio::buffer(drain_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || ++self->drained_ > 64) return self->close();
      self->linger_more();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    std::lock_guard lock(server_->sessions_mutex);
    if (place_) {
      server_->sessions.erase(*place_);
      place_.reset();
    }
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::vector<char> drain_;
  int drained_ = 0;
  bool busy_ = false;
  std::shared_ptr<detail::ServerCore> server_;
  std::optional<std::list<std::weak_ptr<Session>>::iterator> place_;
};

void detail::ServerCore::accept() {
  acceptor.async_accept(asio::make_strand(io), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
    if (!ec) {
      if (self->connections.load() >= self->options.max_connections) {
        // Over the cap: a short answer, written at once, then the door closes.
        static const std::string kBusy = [] {
          std::string const body = problem(503, "busy", "too many open connections; try again").body;
          return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
                 "Retry-After: 1\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body;
        }();
        beast::error_code ignored;
        asio::write(socket, asio::buffer(kBusy), ignored);
        socket.shutdown(tcp::socket::shutdown_send, ignored);
        socket.close(ignored);
        self->api.metrics().record("other", 503, 0);
      } else {
        std::make_shared<Session>(std::move(socket), self)->start();
      }
    }
    self->accept();
  });
}

void detail::ServerCore::wait_for_signal() {
  signals.async_wait([self = shared_from_this()](beast::error_code ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      spdlog::info("SIGHUP: reloading the knowledge base");
      if (self->reload) self->reload();
      self->wait_for_signal();
      return;
    }
    spdlog::info("signal {}: finishing requests in flight, then stopping", signal);
    self->begin_stop();
  });
}

void detail::ServerCore::begin_stop() {
  if (stopping.exchange(true)) return;
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& w : sessions) {
      if (auto s = w.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->close_if_idle();
  // Whatever still runs after the grace period is cut off.
  asio::dispatch(grace.get_executor(), [self = shared_from_this()] {
    self->grace.expires_after(self->options.shutdown_grace);
    self->grace.async_wait([self](beast::error_code e) {
      if (!e) self->io.stop();
    });
    if (self->connections.load() == 0) self->grace.cancel();
  });
}

void detail::ServerCore::connection_closed() {
  if (connections.fetch_sub(1) == 1 && stopping.load())
    asio::post(grace.get_executor(), [self = shared_from_this()] { self->grace.cancel(); });
}

HttpServer::HttpServer(Api& api, ServerOptions options)
    : impl_(std::make_shared<detail::ServerCore>(api, std::move(options))) {
  beast::error_code ec;
  auto const address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) throw std::runtime_error("'" + impl_->options.address + "' is not an IP address");
  tcp::endpoint const endpoint(address, impl_->options.port);
  auto fail = [&](const char* what) {
    throw std::runtime_error(std::string("cannot ") + what + " " + impl_->options.address + ":" +
                             std::to_string(impl_->options.port) + ": " + ec.message());
  };
  if (impl_->acceptor.open(endpoint.protocol(), ec); ec) fail("open a socket for");
  if (impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec) fail("configure");
  if (impl_->acceptor.bind(endpoint, ec); ec) fail("bind to");
  if (impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) fail("listen on");
  impl_->bound_address = impl_->acceptor.local_endpoint().address().to_string();
  impl_->bound_port = impl_->acceptor.local_endpoint().port();
}

HttpServer::~HttpServer() {
  if (impl_->acceptor.is_open()) {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  }
}

std::string HttpServer::address() const { return impl_->bound_address; }
std::uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::run(std::function<void()> reload) {
  impl_->reload = std::move(reload);
  if (impl_->options.handle_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.add(SIGHUP);
    impl_->wait_for_signal();
  }
  impl_->accept();
  unsigned const n = std::max(1u, impl_->options.threads);
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (unsigned i = 1; i < n; ++i) pool.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (std::thread& t : pool) t.join();
}

void HttpServer::stop() {
  asio::post(impl_->io, [impl = impl_] { impl->begin_stop(); });
}

}  // namespace mpadvisor::server
