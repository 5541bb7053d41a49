// A bounded load test for `mpadvisor serve` (loopback only): starts the server, opens C
// keep-alive connections (default 16), sends N requests in all (POST /v1/diagnose on the
// shipped examples, in turn), and reports requests per second, latency percentiles and the
// server's resident memory before and after. Stops by itself; exit 1 when a request fails.
//
//   serve_load [--requests N] [--connections C] [--threads T] [--binary PATH]
//              [--port P] [--endpoint diagnose|rejection]
//
// --port sends to a server already listening on 127.0.0.1:P (a balancer in front of several
// workers, tests/deploy) instead of starting one; its memory is then not reported.
// --endpoint rejection posts the shipped examples with the seed cases' rejection messages to
// POST /v1/rejection, which also searches the case base.
//
// One client thread drives every connection with poll(): on 2 cores, a thread per connection
// would mostly measure the scheduler.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  long requests = 200000;
  int connections = 16;
  int threads = 2;
  std::string binary = MPADVISOR_BINARY;
  int port = 0;  // 0: start a server
  std::string endpoint = "diagnose";
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

long resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

struct Server {
  pid_t pid = -1;
  int port = 0;
};

Server start_server(const Options& o) {
  int out[2];
  if (pipe(out) != 0) std::exit(3);
  Server s;
  s.pid = fork();
  if (s.pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    std::string const threads = std::to_string(o.threads);
    execl(o.binary.c_str(), o.binary.c_str(), "serve", "--listen", "127.0.0.1:0", "--quiet", "--threads",
          threads.c_str(), "--max-connections", "4096", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  std::size_t const colon = line.rfind(':');
  if (line.rfind("listening on http://127.0.0.1:", 0) != 0 || colon == std::string::npos) {
    std::cerr << "serve_load: the server did not start: " << line << "\n";
    std::exit(3);
  }
  s.port = std::stoi(line.substr(colon + 1));
  return s;
}

int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  return fd;
}

struct Connection {
  int fd = -1;
  std::string in;
  std::size_t sent = 0;  // bytes of the current request written
  std::size_t request = 0;
  Clock::time_point started;
  bool waiting = false;
};

// The length of the first complete response in `in`, or 0 while it is incomplete. Sets `ok`
// to whether its status is 200.
std::size_t complete_response(const std::string& in, bool& ok) {
  std::size_t const end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  ok = in.compare(9, 3, "200") == 0;
  // Header names are case-insensitive (HAProxy sends them in lower case).
  std::string head = in.substr(0, end);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t const at = head.find("content-length: ");
  if (at == std::string::npos) return end + 4;
  std::size_t const length = std::stoul(head.substr(at + 16));
  return in.size() >= end + 4 + length ? end + 4 + length : 0;
}

// The "message" of every line of the seed cases (a JSON string, escapes kept as they are).
std::vector<std::string> seed_messages() {
  std::ifstream in(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/cases/seed_cases.jsonl");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    std::size_t const key = line.find("\"message\": \"");
    if (key == std::string::npos) continue;
    std::size_t const begin = key + 11, end = line.find("\", \"", begin);
    if (end != std::string::npos) out.push_back(line.substr(begin, end + 1 - begin));
  }
  return out;
}

std::vector<std::string> example_requests(const std::string& endpoint) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(MPADVISOR_SOURCE_DIR) / "kb/examples"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> const messages = seed_messages();
  std::vector<std::string> out;
  for (std::size_t k = 0; k < files.size(); ++k) {
    std::string body = "{\"profile\": " + read_file(files[k]);
    if (endpoint == "rejection") body += ", \"message\": " + messages[k % messages.size()];
    body += "}";
    out.push_back("POST /v1/" + endpoint +
                  " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string const flag = argv[i];
    if (flag == "--requests")
      o.requests = std::atol(argv[i + 1]);
    else if (flag == "--connections")
      o.connections = std::atoi(argv[i + 1]);
    else if (flag == "--threads")
      o.threads = std::atoi(argv[i + 1]);
    else if (flag == "--binary")
      o.binary = argv[i + 1];
    else if (flag == "--port")
      o.port = std::atoi(argv[i + 1]);
    else if (flag == "--endpoint")
      o.endpoint = argv[i + 1];
    else {
      std::cerr << "usage: serve_load [--requests N] [--connections C] [--threads T] [--binary PATH] [--port P] "
                   "[--endpoint diagnose|rejection]\n";
      return 2;
    }
  }
  if (o.requests < 1 || o.connections < 1 || o.connections > 1000 || o.port < 0 || o.port > 65535 ||
      (o.endpoint != "diagnose" && o.endpoint != "rejection")) {
    std::cerr << "serve_load: --requests must be positive, --connections from 1 to 1000, --port from 1 to 65535, "
                 "--endpoint diagnose or rejection\n";
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> const requests = example_requests(o.endpoint);
  Server server = o.port > 0 ? Server{-1, o.port} : start_server(o);

  std::vector<Connection> conns(static_cast<std::size_t>(o.connections));
  for (auto& c : conns) {
    c.fd = connect_to(server.port);
    if (c.fd < 0) {
      std::cerr << "serve_load: cannot connect\n";
      if (server.pid > 0) kill(server.pid, SIGTERM);
      return 3;
    }
  }
  // Warm up (one request per connection), then measure memory at rest.
  long issued = 0, done = 0, failed = 0;
  std::vector<double> latencies_us;
  latencies_us.reserve(static_cast<std::size_t>(o.requests));
  long rss_before = -1;
  long const warmup = o.connections * 20L;
  long const total = o.requests + warmup;
  auto begin = Clock::now();
  auto issue = [&](Connection& c) {
    c.request = static_cast<std::size_t>(issued++) % requests.size();
    c.sent = 0;
    c.waiting = true;
    c.started = Clock::now();
  };
  for (auto& c : conns) issue(c);
  std::vector<pollfd> fds(conns.size());
  while (done < total) {
    for (std::size_t i = 0; i < conns.size(); ++i) {
      const std::string& req = requests[conns[i].request];
      fds[i] = {conns[i].fd, static_cast<short>(conns[i].sent < req.size() ? POLLOUT : POLLIN), 0};
    }
    if (poll(fds.data(), fds.size(), 10000) <= 0) {
      std::cerr << "serve_load: the server stopped answering\n";
      failed = -1;
      break;
    }
    for (std::size_t i = 0; i < conns.size(); ++i) {
      Connection& c = conns[i];
      const std::string& req = requests[c.request];
      if ((fds[i].revents & POLLOUT) && c.sent < req.size()) {
        ssize_t const n = send(c.fd, req.data() + c.sent, req.size() - c.sent, MSG_NOSIGNAL);
        if (n > 0) c.sent += static_cast<std::size_t>(n);
      }
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[65536];
        ssize_t const n = recv(c.fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
          std::cerr << "serve_load: a connection closed\n";
          failed = -1;
          done = total;
          break;
        }
        c.in.append(buffer, static_cast<std::size_t>(n));
        bool ok = false;
        if (std::size_t const length = complete_response(c.in, ok); length > 0) {
          c.in.erase(0, length);
          ++done;
          if (!ok) ++failed;
          if (done == warmup) {
            if (server.pid > 0) rss_before = resident_kib(server.pid);
            begin = Clock::now();
          } else if (done > warmup) {
            latencies_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - c.started).count());
          }
          if (issued < total) issue(c);
        }
      }
    }
  }
  double const seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  long const rss_after = server.pid > 0 ? resident_kib(server.pid) : -1;
  if (server.pid > 0) {
    kill(server.pid, SIGTERM);
    int status = 0;
    waitpid(server.pid, &status, 0);
  }
  if (failed != 0 || latencies_us.empty()) {
    std::cerr << "serve_load: " << (failed < 0 ? "aborted" : std::to_string(failed) + " requests failed") << "\n";
    return 1;
  }
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) {
    return latencies_us[static_cast<std::size_t>(p * static_cast<double>(latencies_us.size() - 1))];
  };
  std::printf("requests      %zu POST /v1/%s (after %ld warm-up), %d keep-alive connections\n", latencies_us.size(),
              o.endpoint.c_str(), warmup, o.connections);
  std::printf("throughput    %.0f requests/s\n", static_cast<double>(latencies_us.size()) / seconds);
  std::printf("latency       p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us\n", pct(0.5), pct(0.9), pct(0.99),
              latencies_us.back());
  if (server.pid > 0)
    std::printf("server RSS    %ld KiB after warm-up, %ld KiB at the end (%+.1f%%), %d server threads\n", rss_before,
                rss_after, 100.0 * static_cast<double>(rss_after - rss_before) / static_cast<double>(rss_before),
                o.threads);
  return 0;
}
