// The only translation unit that includes Beast and Asio (they cost ~10 s
// and ~700 MB to compile; DEPENDENCIES.md). Design follows Beast's
// advanced server: one connection object per socket, every step async with
// error codes (never exceptions across completions), a timeout on every
// read and write.
#include "http/server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <list>
#include <thread>
#include <vector>

#include "http/limits.hpp"
#include "http/target.hpp"

namespace jarida::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Parser = bhttp::request_parser<bhttp::string_body>;

// "Date:" header value, formatted once per second per thread.
std::string_view http_date() {
  thread_local std::time_t last = 0;
  thread_local char buf[64];
  thread_local std::size_t len = 0;
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    last = now;
    std::tm tm{};
    gmtime_r(&now, &tm);
    len = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  }
  return {buf, len};
}

std::string_view lookup_header(const void* fields, std::string_view name) {
  const auto& f = *static_cast<const bhttp::fields*>(fields);
  const auto it = f.find(beast::string_view(name.data(), name.size()));
  if (it == f.end()) return {};
  const auto v = it->value();
  return {v.data(), v.size()};
}

Method to_method(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::get;
    case bhttp::verb::head:
      return Method::head;
    case bhttp::verb::post:
      return Method::post;
    default:
      return Method::other;
  }
}

}  // namespace

struct Server::Impl {
  struct Worker;
  class Connection;

  ServerOptions options;
  Handler handler;
  ErrorHandler on_error;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<std::size_t> connections{0};
  std::atomic<bool> stopping{false};
  std::uint16_t bound_port = 0;
  std::unique_ptr<asio::thread_pool> slow;  // Response::offload work

  void stop_worker(Worker& w);
  void accept_loop(Worker& w);
  void sweep_loop(Worker& w);
};

struct Server::Impl::Worker {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::list<Connection*> live;  // touched only on this worker's thread
  std::unique_ptr<asio::signal_set> signals;
  asio::steady_timer grace{ioc};
  // Timeouts: each connection has a deadline, and this timer closes the
  // overdue ones once a second (as nginx does), instead of arming a timer
  // per read and write, which costs a timerfd update and a heap operation
  // per request.
  asio::steady_timer sweep{ioc};
};

class Server::Impl::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Impl& server, Worker& worker, tcp::socket socket)
      : server_(server), worker_(worker), socket_(std::move(socket)) {
    buffer_.max_size(limits::kReadBufferBytes);
    response_.headers.reserve(1024);
    out_.reserve(16);
  }

  void start() {
    self_in_list_ = worker_.live.insert(worker_.live.end(), this);
    // The peer never changes on a connection: one getpeername, not one per request.
    beast::error_code ec;
    const auto endpoint = socket_.remote_endpoint(ec);
    if (!ec) remote_ip_ = endpoint.address().to_string();
    read_request();
  }

  // Called on this worker's thread at shutdown: an idle connection closes
  // now; a busy one closes after its response.
  void on_stop() {
    if (idle_) close();
  }

  ~Connection() {
    worker_.live.erase(self_in_list_);
    server_.connections.fetch_sub(1, std::memory_order_relaxed);
    // The last connection of a stopping worker ends the grace wait early.
    if (worker_.live.empty() && server_.stopping.load(std::memory_order_relaxed)) {
      worker_.grace.cancel();
      worker_.sweep.cancel();
    }
  }

  using SteadyClock = std::chrono::steady_clock;

  // Called once a second by the worker's sweep: an overdue connection's
  // pending operation is cancelled and completes with operation_aborted.
  void check_deadline(SteadyClock::time_point now) {
    if (now < deadline_) return;
    timed_out_ = true;
    deadline_ = SteadyClock::time_point::max();
    beast::error_code ec;
    socket_.cancel(ec);
  }

 private:
  void read_request() {
    if (server_.stopping.load(std::memory_order_relaxed)) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits::kMaxHeaderBytes));
    parser_->body_limit(limits::kMaxBodyBytes);
    idle_ = buffer_.size() == 0;
    deadline_ = SteadyClock::now() + limits::kHeaderReadTimeout;
    if (idle_) {
      // Wait until the socket is readable before reading: reading at once
      // (Asio's speculative read) would mostly return EAGAIN, a wasted
      // system call per request on a kept-alive connection.
      socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
        if (ec) return self->on_read_error(ec);
        self->read_header();
      });
      return;
    }
    read_header();  // a pipelined request is already in the buffer
  }

  void read_header() {
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    idle_ = false;
    if (ec) return on_read_error(ec);
    if (parser_->is_done()) return handle();
    if (server_.options.body_limit) {
      const auto& msg = parser_->get();
      const auto target = msg.target();
      parser_->body_limit(
          server_.options.body_limit(to_method(msg.method()), {target.data(), target.size()}));
    }
    deadline_ = SteadyClock::now() + limits::kBodyAndWriteTimeout;
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->handle();
                      });
  }

  void on_read_error(beast::error_code ec) {
    if (timed_out_ && ec == asio::error::operation_aborted) {
      // Nothing of a new request arrived: a quiet keep-alive close.
      if (buffer_.size() == 0 && !parser_->got_some()) return close();
      return send_error(408);
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == asio::error::bad_descriptor)
      return close();
    if (ec == bhttp::error::header_limit) return send_error(431);
    if (ec == bhttp::error::body_limit) return send_error(413);
    if (ec == bhttp::error::buffer_overflow) return send_error(431);
    return send_error(400);  // any malformed request
  }

  void send_error(int status) {
    response_.reset();
    server_.on_error(status, nullptr, response_);
    response_.status = status;
    response_.close = true;
    head_only_ = false;
    write_response();
  }

  void handle() {
    auto& msg = parser_->get();
    const auto target = msg.target();
    request_ = Request{};
    request_.method = to_method(msg.method());
    const auto mt = msg.method_string();
    request_.method_text = {mt.data(), mt.size()};
    request_.target = {target.data(), target.size()};
    request_.body = msg.body();
    request_.fields_ = &static_cast<const bhttp::fields&>(msg);
    request_.lookup_ = &lookup_header;
    request_.remote_ip = remote_ip_;

    response_.reset();
    head_only_ = request_.method == Method::head;
    const TargetError terr = parse_target(request_.target, request_.path, request_.query);
    if (terr != TargetError::none) {
      server_.on_error(400, &request_, response_);
      response_.status = 400;
    } else {
      try {
        server_.handler(request_, response_);
      } catch (const std::exception& e) {
        fail(e);
      }
      if (response_.offload) return run_offloaded();
    }
    finish_response();
  }

  void fail(const std::exception& e) {
    std::cerr << "jarida: error serving " << request_.target << ": " << e.what() << "\n";
    response_.reset();
    server_.on_error(500, &request_, response_);
    response_.status = 500;
  }

  // The handler's slow part runs on the pool; the connection (kept alive by
  // the closures) waits without a deadline and resumes on its own thread.
  void run_offloaded() {
    auto work = std::move(response_.offload);
    response_.offload = nullptr;
    deadline_ = SteadyClock::time_point::max();
    asio::post(*server_.slow, [self = shared_from_this(), work = std::move(work)] {
      try {
        work(self->response_);
      } catch (const std::exception& e) {
        self->fail(e);
      }
      self->response_.offload = nullptr;
      asio::post(self->socket_.get_executor(), [self] { self->finish_response(); });
    });
  }

  void finish_response() {
    auto& msg = parser_->get();
    if (!msg.keep_alive() || ++served_ >= limits::kMaxRequestsPerConnection) response_.close = true;
    write_response();
  }

  void write_response() {
    const auto& r = response_;
    head_.clear();
    head_.append("HTTP/1.1 ");
    char num[24];
    head_.append(
        num, static_cast<std::size_t>(std::to_chars(num, num + sizeof num, r.status).ptr - num));
    head_.push_back(' ');
    head_.append(reason_phrase(r.status));
    head_.append("\r\nDate: ").append(http_date());
    const std::size_t body_size = r.body_size();
    if (r.status != 304 && r.status != 204) {
      head_.append("\r\nContent-Length: ");
      head_.append(
          num, static_cast<std::size_t>(std::to_chars(num, num + sizeof num, body_size).ptr - num));
    }
    const bool close_after = r.close || server_.stopping.load(std::memory_order_relaxed);
    if (close_after) head_.append("\r\nConnection: close");
    head_.append("\r\n").append(r.headers).append("\r\n");

    out_.clear();
    out_.emplace_back(head_.data(), head_.size());
    const bool with_body = !head_only_ && r.status != 304 && r.status != 204;
    if (with_body) {
      if (r.parts.empty()) {
        if (!r.body.empty()) out_.emplace_back(r.body.data(), r.body.size());
      } else {
        for (const auto& p : r.parts) out_.emplace_back(p.data, p.size);
      }
    }
    deadline_ = SteadyClock::now() + limits::kBodyAndWriteTimeout;
    asio::async_write(socket_, out_,
                      [self = shared_from_this(), close_after](beast::error_code ec, std::size_t) {
                        self->response_.owners.clear();
                        if (ec || close_after) return self->close();
                        self->read_request();
                      });
  }

  void close() {
    beast::error_code ec;
    deadline_ = SteadyClock::time_point::max();
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    socket_.close(ec);
  }

  Impl& server_;
  Worker& worker_;
  tcp::socket socket_;
  SteadyClock::time_point deadline_ = SteadyClock::time_point::max();
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  Request request_;
  Response response_;
  std::string remote_ip_;
  std::string head_;
  std::vector<asio::const_buffer> out_;
  std::list<Connection*>::iterator self_in_list_;
  std::size_t served_ = 0;
  bool idle_ = true;
  bool head_only_ = false;
};

void Server::Impl::stop_worker(Worker& w) {
  beast::error_code ec;
  w.acceptor.close(ec);
  if (w.signals) w.signals->cancel(ec);
  // Copy: on_stop() may destroy connections (and unlink them).
  std::vector<std::weak_ptr<Connection>> conns;
  for (Connection* c : w.live) conns.push_back(c->weak_from_this());
  for (auto& wc : conns)
    if (auto c = wc.lock()) c->on_stop();
  if (w.live.empty()) {
    w.sweep.cancel();
    return;
  }
  // Whatever is still busy after the grace period is cut off.
  w.grace.expires_after(limits::kShutdownGrace);
  w.grace.async_wait([&w](beast::error_code e) {
    if (!e) w.ioc.stop();
  });
}

void Server::Impl::sweep_loop(Worker& w) {
  w.sweep.expires_after(std::chrono::seconds(1));
  w.sweep.async_wait([this, &w](beast::error_code ec) {
    if (ec) return;  // cancelled: the worker is stopping
    const auto now = std::chrono::steady_clock::now();
    // Copy: check_deadline may end a connection (and unlink it).
    std::vector<std::weak_ptr<Connection>> conns;
    conns.reserve(w.live.size());
    for (Connection* c : w.live) conns.push_back(c->weak_from_this());
    for (auto& wc : conns)
      if (auto c = wc.lock()) c->check_deadline(now);
    sweep_loop(w);
  });
}

void Server::Impl::accept_loop(Worker& w) {
  w.acceptor.async_accept([&server = *this, &w](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !w.acceptor.is_open()) return;
      return server.accept_loop(w);  // e.g. EMFILE: keep accepting
    }
    if (server.connections.fetch_add(1, std::memory_order_relaxed) >= limits::kMaxConnections) {
      server.connections.fetch_sub(1, std::memory_order_relaxed);
      beast::error_code ignored;
      socket.close(ignored);  // over the limit: refuse rather than starve the others
    } else {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Connection>(server, w, std::move(socket))->start();
    }
    server.accept_loop(w);
  });
}

Server::Server(ServerOptions options, Handler handler, ErrorHandler on_error)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->on_error = std::move(on_error);
  impl_->slow = std::make_unique<asio::thread_pool>(
      static_cast<std::size_t>(std::max(1, impl_->options.slow_threads)));
  const int n = std::max(1, impl_->options.threads);
  for (int i = 0; i < n; ++i) impl_->workers.push_back(std::make_unique<Impl::Worker>());
}

Server::~Server() = default;

void Server::listen() {
  const auto address = asio::ip::make_address(impl_->options.address);
  std::uint16_t port = impl_->options.port;
  for (auto& w : impl_->workers) {
    tcp::endpoint ep{address, port};
    w->acceptor.open(ep.protocol());
    w->acceptor.set_option(asio::socket_base::reuse_address(true));
    // Each worker has its own socket on the same port; the kernel spreads
    // new connections over them.
    int one = 1;
    ::setsockopt(w->acceptor.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    w->acceptor.bind(ep);
    w->acceptor.listen(asio::socket_base::max_listen_connections);
    port = w->acceptor.local_endpoint().port();  // the first one fixes an ephemeral port
  }
  impl_->bound_port = port;
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::run() {
  auto& workers = impl_->workers;
  if (impl_->options.handle_signals) {
    auto& w0 = *workers.front();
    w0.signals = std::make_unique<asio::signal_set>(w0.ioc, SIGINT, SIGTERM);
    w0.signals->async_wait([this](beast::error_code ec, int) {
      if (!ec) stop();
    });
  }
  for (auto& w : workers) {
    impl_->accept_loop(*w);
    impl_->sweep_loop(*w);
  }
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers.size(); ++i)
    threads.emplace_back([&w = *workers[i]] { w.ioc.run(); });
  workers.front()->ioc.run();
  for (auto& t : threads) t.join();
  impl_->slow->join();  // offloaded work still running finishes (its reply is dropped)
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  for (auto& w : impl_->workers) asio::post(w->ioc, [this, &w = *w] { impl_->stop_worker(w); });
}

}  // namespace jarida::http
