// The HTTP/1.1 server: keep-alive, pipelining (answered in order), the
// limits of http/limits.hpp, graceful shutdown. One event loop per thread,
// each with its own listening socket (SO_REUSEPORT), so threads share
// nothing on the hot path. Beast and Asio stay inside server.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace jarida::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port (see Server::port())
  int threads = 2;
  bool handle_signals = true;  // SIGINT/SIGTERM stop the server gracefully
  // Threads for Response::offload work. Two: password hashes never run more
  // than two at once, and a burst of sign-ins waits its turn there instead
  // of taking the threads that serve pages.
  int slow_threads = 2;
  // The largest body accepted for a request (method, raw target), asked once
  // its header is read; unset: limits::kMaxBodyBytes for every request.
  std::function<std::size_t(Method, std::string_view target)> body_limit;
};

class Server {
 public:
  // Fills the response for a valid request. Runs on a server thread; must
  // not block for long. Exceptions become a 500 error page.
  using Handler = std::function<void(const Request&, Response&)>;
  // Fills an error response (the reader's Arabic page, or JSON for the
  // API) for requests refused before or instead of the handler: 400, 408,
  // 413, 431, 500. `request` is null when the request could not be parsed.
  using ErrorHandler = std::function<void(int status, const Request* request, Response&)>;

  Server(ServerOptions options, Handler handler, ErrorHandler on_error);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening sockets (throws std::system_error on failure).
  void listen();
  std::uint16_t port() const;

  // Serves on options.threads threads until stop() (or a signal); then
  // stops accepting, finishes in-flight requests (at most
  // limits::kShutdownGrace), and returns.
  void run();
  // Thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jarida::http
