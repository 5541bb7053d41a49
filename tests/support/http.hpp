// A plain HTTP/1.1 client over POSIX sockets for the server's tests: whole requests, raw
// bytes (for bad input), keep-alive, and base64url for #profile= links. Blocking, with a
// timeout on every read so that a hung server fails the test instead of hanging it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mpadvisor::testing {

inline std::string base64url(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

struct HttpReply {
  int status = 0;
  std::string reason;                          // the status line's phrase
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~HttpConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  bool send_raw(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t const n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  bool send(const std::string& method, const std::string& target, const std::string& body = "",
            const std::string& extra_headers = "") {
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
    if (!body.empty() || method == "POST")
      request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    return send_raw(request);
  }

  // The next response; nullopt when the connection closes first or nothing comes in time.
  // A response to HEAD has a Content-Length but no body: say so with `head`.
  std::optional<HttpReply> receive(int timeout_ms = 20000, bool head_request = false) {
    std::size_t header_end;
    while ((header_end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(timeout_ms)) return std::nullopt;
    }
    HttpReply reply;
    std::string const head = pending_.substr(0, header_end);
    reply.status = std::stoi(head.substr(9, 3));
    std::size_t line = head.find("\r\n");
    reply.reason = head.size() > 13 ? head.substr(13, line == std::string::npos ? std::string::npos : line - 13) : "";
    while (line != std::string::npos) {
      std::size_t const next = head.find("\r\n", line + 2);
      std::string const field = head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
      std::size_t const colon = field.find(':');
      std::string name = field.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t value_at = colon + 1;
      while (value_at < field.size() && field[value_at] == ' ') ++value_at;
      reply.headers[name] = field.substr(value_at);
      line = next;
    }
    std::size_t const length =
        head_request || !reply.headers.count("content-length") ? 0 : std::stoul(reply.headers["content-length"]);
    while (pending_.size() < header_end + 4 + length) {
      if (!fill(timeout_ms)) return std::nullopt;
    }
    reply.body = pending_.substr(header_end + 4, length);
    pending_.erase(0, header_end + 4 + length);
    return reply;
  }

  // True when the server closes the connection within the time (reads and drops anything else).
  bool closed_within(int timeout_ms) {
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, timeout_ms) <= 0) return false;
      char buffer[4096];
      ssize_t const n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return true;
    }
  }

 private:
  bool fill(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (fd_ < 0 || ::poll(&p, 1, timeout_ms) <= 0) return false;
    char buffer[8192];
    ssize_t const n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string pending_;
};

// One request on a fresh connection.
inline std::optional<HttpReply> http_request(std::uint16_t port, const std::string& method, const std::string& target,
                                             const std::string& body = "", const std::string& extra_headers = "") {
  HttpConnection c(port);
  if (!c.connected() || !c.send(method, target, body, extra_headers + "Connection: close\r\n")) return std::nullopt;
  return c.receive();
}

}  // namespace mpadvisor::testing
