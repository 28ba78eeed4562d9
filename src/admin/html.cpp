#include "admin/html.hpp"

#include "http/target.hpp"
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

std::string query_string(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
  std::string out;
  for (const auto& [k, v] : kv) {
    if (v.empty()) continue;
    out.push_back(out.empty() ? '?' : '&');
    out.append(k).push_back('=');
    out += http::encode_query_value(v);
  }
  return out;
}

}  // namespace jarida::admin
