#include "site/comment_input.hpp"

#include <algorithm>

#include "http/request.hpp"
#include "mail/address.hpp"
#include "text/digits.hpp"
#include "text/utf8.hpp"

namespace jarida::site {
namespace {

constexpr std::size_t kMaxNameChars = 80;
constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMinBodyChars = 2;
constexpr std::size_t kMaxBodyChars = 5000;

std::string trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Keeps line breaks (as \n) and tabs; drops every other C0 control and DEL.
std::string clean_multiline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string clean_line(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

CommentInput parse_comment_form(std::string_view form_body) {
  CommentInput in;
  in.name = http::query_param(form_body, "name");
  in.email = http::query_param(form_body, "email");
  in.body = http::query_param(form_body, "comment");
  in.token = http::query_param(form_body, "t");
  in.honeypot = http::query_param(form_body, "website");
  const std::string parent = http::query_param(form_body, "parent");
  if (!parent.empty() && parent != "0") {
    if (const auto id = text::parse_positive_int(parent))
      in.parent = *id;
    else
      in.parent_malformed = true;
  }
  return in;
}

std::vector<std::string> validate_comment(CommentInput& in) {
  std::vector<std::string> errors;
  if (!text::is_valid_utf8(in.name) || !text::is_valid_utf8(in.body) ||
      !text::is_valid_utf8(in.email)) {
    errors.push_back("يحتوي التعليق على أحرف غير صالحة.");
    return errors;
  }
  in.name = trim(clean_line(in.name));
  in.email = trim(in.email);
  in.body = trim(clean_multiline(in.body));
  if (in.name.empty())
    errors.push_back("الاسم مطلوب.");
  else if (text::count_code_points(in.name) > kMaxNameChars)
    errors.push_back("الاسم أطول من 80 حرفاً.");
  if (!in.email.empty() && (in.email.size() > kMaxEmailBytes || !mail::valid_email(in.email)))
    errors.push_back("البريد الإلكتروني غير صحيح.");
  const auto chars = text::count_code_points(in.body);
  if (chars < kMinBodyChars)
    errors.push_back("التعليق قصير جداً.");
  else if (chars > kMaxBodyChars)
    errors.push_back("التعليق أطول من 5000 حرف.");
  if (in.parent_malformed) errors.push_back("التعليق الذي ترد عليه غير صحيح.");
  return errors;
}

int count_links(std::string_view text) {
  const std::string lower = lower_ascii(text);
  int n = 0;
  for (std::string_view marker : {"http://", "https://", "www."}) {
    for (auto pos = lower.find(marker); pos != std::string::npos;
         pos = lower.find(marker, pos + marker.size())) {
      // "https://www.x" is one link, not two.
      if (marker == "www." && pos >= 3 && lower.compare(pos - 3, 3, "://") == 0) continue;
      ++n;
    }
  }
  return n;
}

bool contains_blocked_word(std::string_view text, const std::vector<std::string>& blocklist) {
  const std::string lower = lower_ascii(text);
  return std::any_of(blocklist.begin(), blocklist.end(), [&](const std::string& w) {
    return !w.empty() && lower.find(lower_ascii(w)) != std::string::npos;
  });
}

}  // namespace jarida::site
