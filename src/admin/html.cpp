#include "admin/html.hpp"

#include "text/utf8.hpp"

namespace jarida::admin {

std::string esc(std::string_view text) {
  return text::html_escape(text);
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

std::string pagination(std::int64_t page, std::int64_t pages,
                       const std::function<std::string(std::int64_t)>& link) {
  if (pages <= 1) return {};
  std::string h = "<nav class=\"pagination\">";
  if (page > 1) h += "<a rel=\"prev\" href=\"" + esc(link(page - 1)) + "\">السابقة</a>";
  h += "<span>صفحة " + std::to_string(page) + " من " + std::to_string(pages) + "</span>";
  if (page < pages) h += "<a rel=\"next\" href=\"" + esc(link(page + 1)) + "\">التالية</a>";
  return h + "</nav>";
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
