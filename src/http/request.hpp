// A parsed, validated HTTP request as handlers see it. Beast stays inside
// http/server.cpp; handlers only see this plain view.
#pragma once

#include <string>
#include <string_view>

namespace jarida::http {

enum class Method { get, head, post, other };

class Request {
 public:
  Method method = Method::get;
  std::string_view method_text;
  std::string_view target;  // raw, as sent ("/2019/05/%D8%A7/?x=1")
  std::string path;         // percent-decoded, valid UTF-8 ("/2019/05/ا/")
  std::string_view query;   // raw text after '?', not decoded
  std::string_view body;
  std::string_view remote_ip;  // "127.0.0.3"

  // Value of the first header with this name (case-insensitive), or "".
  std::string_view header(std::string_view name) const;

  // Set by the server: how to look headers up in its parser.
  using HeaderLookup = std::string_view (*)(const void* fields, std::string_view name);
  const void* fields_ = nullptr;
  HeaderLookup lookup_ = nullptr;
};

inline std::string_view Request::header(std::string_view name) const {
  return lookup_ ? lookup_(fields_, name) : std::string_view{};
}

// Value of one query parameter, percent-decoded ('+' is a space), or "" if
// absent. Invalid encodings yield "".
std::string query_param(std::string_view query, std::string_view name);

}  // namespace jarida::http
