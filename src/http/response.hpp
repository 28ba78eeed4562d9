// A response under construction. The server reuses one Response per
// connection (capacity is kept between requests), so the hot path of a
// cached page allocates nothing.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jarida::http {

struct Buffer {
  const char* data;
  std::size_t size;
};

struct Response {
  int status = 200;
  // Extra header lines, each "Name: value\r\n". The server adds the status
  // line, Date, Content-Length and Connection.
  std::string headers;
  // Either an owned body...
  std::string body;
  // ...or zero-copy parts (used when non-empty): views into memory that
  // `owners` keep alive until the response is written, or into `scratch`.
  std::vector<Buffer> parts;
  std::vector<std::shared_ptr<const void>> owners;
  std::string scratch;  // per-request bytes the parts may point into
  bool close = false;   // close the connection after this response
  // Work that would stall a server thread (a password hash takes ~0.1 s):
  // a handler may set it instead of answering; the server runs it on its
  // small slow-work pool (ServerOptions::slow_threads), which fills this
  // response, and then writes it. The request stays valid until then.
  std::function<void(Response&)> offload;

  void reset() {
    status = 200;
    headers.clear();
    body.clear();
    parts.clear();
    owners.clear();
    scratch.clear();
    close = false;
    offload = nullptr;
  }
  void add_header(std::string_view name, std::string_view value) {
    headers.append(name).append(": ").append(value).append("\r\n");
  }
  std::size_t body_size() const {
    if (parts.empty()) return body.size();
    std::size_t n = 0;
    for (const auto& p : parts) n += p.size;
    return n;
  }
};

std::string_view reason_phrase(int status);

}  // namespace jarida::http
