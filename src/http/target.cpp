// Hand-written rather than Boost.URL's parse_origin_form because we accept
// raw UTF-8 in the target (Boost.URL rejects it) and need to tell apart the
// reasons a target is refused; Boost.URL's encoder is used for output.
#include "http/target.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>

#include "http/limits.hpp"
#include "text/utf8.hpp"

namespace jarida::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_dot_segment(std::string_view seg) {
  return seg == "." || seg == "..";
}

}  // namespace

TargetError parse_target(std::string_view target, std::string& path, std::string_view& query) {
  if (target.size() > limits::kMaxTargetBytes) return TargetError::too_long;
  if (target.empty() || target.front() != '/') return TargetError::not_origin;
  const auto qpos = target.find('?');
  const std::string_view raw_path = target.substr(0, qpos);
  query = qpos == std::string_view::npos ? std::string_view{} : target.substr(qpos + 1);

  path.clear();
  path.reserve(raw_path.size());
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    const char c = raw_path[i];
    if (c == '%') {
      if (i + 2 >= raw_path.size()) return TargetError::bad_encoding;
      const int hi = hex_value(raw_path[i + 1]);
      const int lo = hex_value(raw_path[i + 2]);
      if (hi < 0 || lo < 0) return TargetError::bad_encoding;
      path.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      path.push_back(c);
    }
  }
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f) return TargetError::control_char;
  if (!text::is_valid_utf8(path)) return TargetError::invalid_utf8;

  // Check each decoded segment for "." and "..".
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    const auto seg = std::string_view(path).substr(
        start, (end == std::string::npos ? path.size() : end) - start);
    if (is_dot_segment(seg)) return TargetError::dot_segment;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return TargetError::none;
}

std::string encode_path(std::string_view path) {
  boost::urls::encoding_opts opts;
  opts.lower_case = true;
  // pchars minus nothing: ':' and '@' are allowed in segments; '/' is kept by
  // encoding each segment separately.
  std::string out;
  out.reserve(path.size() * 2);
  std::size_t start = 0;
  while (true) {
    const auto end = path.find('/', start);
    const auto seg = path.substr(start, end == std::string_view::npos ? path.npos : end - start);
    out += boost::urls::encode(seg, boost::urls::unreserved_chars, opts);
    if (end == std::string_view::npos) break;
    out.push_back('/');
    start = end + 1;
  }
  return out;
}

std::string encode_uri(std::string_view uri) {
  static constexpr char kHex[] = "0123456789abcdef";
  // RFC 3986: unreserved, gen-delims and sub-delims ('%' is handled below).
  static constexpr std::string_view kKept =
      "-._~:/?#[]@!$&'()*+,;="
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string out;
  out.reserve(uri.size() * 2);
  for (std::size_t i = 0; i < uri.size(); ++i) {
    const char c = uri[i];
    const bool escape =
        c == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 && hex_value(uri[i + 2]) >= 0;
    if (escape || (c != '%' && kKept.find(c) != std::string_view::npos)) {
      out.push_back(c);
      continue;
    }
    const auto u = static_cast<unsigned char>(c);
    out.push_back('%');
    out.push_back(kHex[u >> 4]);
    out.push_back(kHex[u & 15]);
  }
  return out;
}

std::string encode_query_value(std::string_view value) {
  boost::urls::encoding_opts opts;
  opts.lower_case = true;
  return boost::urls::encode(value, boost::urls::unreserved_chars, opts);
}

bool decode_query_value(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace jarida::http
