// Every limit the HTTP server enforces, with the reason for its value
// (STYLE.md 4). tests/integration/limits_test.py hits each one.
#pragma once

#include <chrono>
#include <cstddef>

namespace jarida::http::limits {

// Longest request target we accept. Arabic slugs percent-encode to 6 bytes
// per letter, so a 200-letter headline slug is ~1.2 KB; 8 KB is what nginx
// and most proxies allow, and anything longer is an attack or a broken link.
inline constexpr std::size_t kMaxTargetBytes = 8 * 1024;

// Request line plus all headers. Browsers send 1-3 KB with cookies; 16 KB
// leaves room for large cookies while refusing header floods (431).
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

// Default body limit for routes that don't name their own. Reader forms
// (comments, send-to-friend) are a few KB; uploads get a route-specific limit.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

// Time allowed to receive a whole request header once a request starts (and
// to wait for the next request on a kept-alive connection). Slow-header
// clients (slowloris) are cut off after this.
inline constexpr std::chrono::seconds kHeaderReadTimeout{10};

// Time allowed to receive a body and to write a response: a phone on a bad
// network still sends a comment form in a few seconds.
inline constexpr std::chrono::seconds kBodyAndWriteTimeout{30};

// Simultaneous connections per server. Each idle connection costs ~20 KB;
// 10,000 keeps memory bounded during a flood while serving every real reader.
inline constexpr std::size_t kMaxConnections = 10'000;

// Requests answered on one connection before we close it, so one client can't
// hold a connection (and its thread's attention) forever.
inline constexpr std::size_t kMaxRequestsPerConnection = 10'000;

// Pipelined requests are answered strictly one at a time, in order; what a
// client sends ahead waits in the read buffer, which holds at most this much.
// With kMaxHeaderBytes per request, that bounds the pipelining depth.
inline constexpr std::size_t kReadBufferBytes = kMaxHeaderBytes + kMaxBodyBytes;

// How long shutdown waits for in-flight requests before closing anyway.
inline constexpr std::chrono::seconds kShutdownGrace{5};

}  // namespace jarida::http::limits
