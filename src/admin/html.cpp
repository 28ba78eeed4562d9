#include "admin/html.hpp"

namespace jarida::admin {

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

void attr(std::string& out, std::string_view name, std::string_view value) {
  out.push_back(' ');
  out.append(name).append("=\"").append(esc(value)).push_back('"');
}

void option(std::string& out, std::string_view value, std::string_view label, bool selected) {
  out += "<option";
  attr(out, "value", value);
  if (selected) out += " selected";
  out += ">" + esc(label) + "</option>";
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string query_string(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
  std::string out;
  for (const auto& [k, v] : kv) {
    if (v.empty()) continue;
    out.push_back(out.empty() ? '?' : '&');
    out.append(k).push_back('=');
    for (char c : url_encode(v)) {
      if (c == '/')
        out += "%2F";
      else
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace jarida::admin
