// Hand-written because no C or C++ library reproduces WordPress's own
// content filters (wpautop, do_shortcode); they are PHP. Only what an export
// needs: the result goes through render::sanitize_html anyway.
#include "importer/wp_content.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "render/html_sanitizer.hpp"

namespace jarida::importer {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string escape_attr(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// name="value", name='value', name=value, and bare values.
std::map<std::string, std::string> parse_attrs(std::string_view s) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '=') ++i;
    std::string name(s.substr(start, i - start));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (i < s.size() && s[i] == '=') {
      ++i;
      std::string value;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        const char q = s[i++];
        const auto end = s.find(q, i);
        value = std::string(s.substr(i, end == std::string_view::npos ? s.npos : end - i));
        i = end == std::string_view::npos ? s.size() : end + 1;
      } else {
        start = i;
        while (i < s.size() && !is_space(s[i])) ++i;
        value = std::string(s.substr(start, i - start));
      }
      if (!name.empty()) out[name] = value;
    } else if (!name.empty()) {
      out[std::to_string(out.size())] = name;
    }
  }
  return out;
}

std::string image_html(const AttachmentInfo& a) {
  std::string out = "<img src=\"" + escape_attr(a.url) + "\" alt=\"" + escape_attr(a.alt) + "\"";
  if (a.width > 0 && a.height > 0)
    out += " width=\"" + std::to_string(a.width) + "\" height=\"" + std::to_string(a.height) + "\"";
  return out + ">";
}

std::string caption_html(const std::map<std::string, std::string>& attrs, std::string_view inner) {
  // The image (possibly inside a link) comes first, the caption text after it.
  std::string_view media = inner, text;
  const auto img = inner.find("<img");
  if (img != std::string_view::npos) {
    auto end = inner.find('>', img);
    if (const auto a_close = inner.find("</a>", img); a_close != std::string_view::npos &&
                                                       inner.substr(0, img).find("<a") !=
                                                           std::string_view::npos)
      end = a_close + 3;
    if (end != std::string_view::npos) {
      media = inner.substr(0, end + 1);
      text = inner.substr(end + 1);
    }
  }
  std::string caption = std::string(trim(text));
  if (const auto c = attrs.find("caption"); c != attrs.end()) caption = escape_attr(c->second);
  std::string cls = "wp-caption";
  if (const auto a = attrs.find("align"); a != attrs.end()) cls += " " + escape_attr(a->second);
  std::string out = "<figure class=\"" + cls + "\">" + std::string(trim(media));
  if (!caption.empty()) out += "<figcaption>" + caption + "</figcaption>";
  return out + "</figure>";
}

std::vector<std::int64_t> id_list(std::string_view s) {
  std::vector<std::int64_t> ids;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] < '0' || s[i] > '9')) ++i;
    std::int64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc()) break;
    ids.push_back(v);
    i = static_cast<std::size_t>(p - s.data());
  }
  return ids;
}

std::string gallery_html(const std::map<std::string, std::string>& attrs,
                         const ContentContext& ctx, ContentReport& report) {
  std::vector<std::int64_t> ids;
  if (const auto i = attrs.find("ids"); i != attrs.end()) ids = id_list(i->second);
  else if (ctx.attachments_of) ids = ctx.attachments_of(ctx.post_id);
  std::string out = "<figure class=\"gallery\">";
  for (const auto id : ids) {
    const AttachmentInfo* a = ctx.attachment ? ctx.attachment(id) : nullptr;
    if (!a || a->url.empty()) {
      ++report.missing_attachments;
      continue;
    }
    out += image_html(*a);
  }
  return out + "</figure>";
}

bool block_level(std::string_view chunk) {
  static constexpr std::string_view kBlocks[] = {
      "<p",  "<div", "<h1", "<h2", "<h3", "<h4",         "<h5",    "<h6",  "<ul", "<ol",
      "<li", "<table", "<blockquote", "<pre", "<figure", "<hr",    "<dl",  "<audio", "<video",
      "<address", "<section", "<!--"};
  for (auto b : kBlocks)
    if (chunk.size() >= b.size() && std::equal(b.begin(), b.end(), chunk.begin(), [](char x, char y) {
          return x == std::tolower(static_cast<unsigned char>(y));
        }))
      return true;
  return false;
}

}  // namespace

std::string strip_block_comments(std::string_view html) {
  std::string out;
  std::size_t at = 0;
  for (;;) {
    auto start = html.find("<!--", at);
    if (start == std::string_view::npos) break;
    const std::string_view rest = trim(html.substr(start + 4, 8));
    const bool block = rest.starts_with("wp:") || rest.starts_with("/wp:");
    const auto end = html.find("-->", start + 4);
    if (!block || end == std::string_view::npos) {
      out.append(html.substr(at, (end == std::string_view::npos ? html.size() : end + 3) - at));
      at = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    out.append(html.substr(at, start - at));
    at = end + 3;
  }
  out.append(html.substr(std::min(at, html.size())));
  return out;
}

std::string wpautop(std::string_view text) {
  std::string src(text);
  std::replace(src.begin(), src.end(), '\r', '\n');
  // <pre> keeps its own line breaks: set aside, put back after.
  std::vector<std::string> pres;
  std::string work;
  for (std::size_t at = 0;;) {
    const auto p = src.find("<pre", at);
    const auto e = p == std::string::npos ? p : src.find("</pre>", p);
    if (p == std::string::npos || e == std::string::npos) {
      work += src.substr(at);
      break;
    }
    work += src.substr(at, p - at) + "\n\n<pre" + std::to_string(pres.size()) + ">\n\n";
    pres.push_back(src.substr(p, e + 6 - p));
    at = e + 6;
  }
  std::string out;
  std::size_t at = 0;
  while (at <= work.size()) {
    auto blank = work.find("\n\n", at);
    const std::string_view chunk =
        trim(std::string_view(work).substr(at, blank == std::string::npos ? work.npos : blank - at));
    if (!chunk.empty()) {
      if (chunk.starts_with("<pre") && chunk.size() > 4 && std::isdigit(static_cast<unsigned char>(chunk[4]))) {
        std::size_t n = 0;
        std::from_chars(chunk.data() + 4, chunk.data() + chunk.size(), n);
        out += pres.at(n) + "\n";
      } else if (block_level(chunk)) {
        out += std::string(chunk) + "\n";
      } else {
        out += "<p>";
        for (char c : chunk) {
          if (c == '\n') out += "<br>\n";
          else out += c;
        }
        out += "</p>\n";
      }
    }
    if (blank == std::string::npos) break;
    at = blank + 2;
  }
  return out;
}

std::string expand_shortcodes(std::string_view html, const ContentContext& ctx,
                              ContentReport& report) {
  std::string out;
  std::size_t at = 0;
  while (at < html.size()) {
    const auto open = html.find('[', at);
    if (open == std::string_view::npos) break;
    out.append(html.substr(at, open - at));
    at = open;
    // [[name]] is WordPress's way of writing a literal [name].
    const bool escaped = open + 1 < html.size() && html[open + 1] == '[';
    std::size_t n = open + (escaped ? 2 : 1);
    const std::size_t name_start = n;
    while (n < html.size() && (std::isalnum(static_cast<unsigned char>(html[n])) ||
                               html[n] == '_' || html[n] == '-'))
      ++n;
    const std::string name(html.substr(name_start, n - name_start));
    const auto close = html.find(']', n);
    if (name.empty() || close == std::string_view::npos ||
        (n < html.size() && html[n] != ']' && !is_space(html[n]))) {
      out += '[';
      at = open + 1;
      continue;
    }
    if (escaped) {
      const auto end = html.find("]]", n);
      if (end == std::string_view::npos) {
        out += '[';
        at = open + 1;
        continue;
      }
      out.append(html.substr(open + 1, end - open));
      at = end + 2;
      continue;
    }
    const auto attrs = parse_attrs(html.substr(n, close - n));
    const bool enclosing = name == "caption" || name == "wp_caption" || name == "embed";
    std::string_view inner;
    std::size_t after = close + 1;
    if (enclosing) {
      const std::string end_tag = "[/" + name + "]";
      const auto end = html.find(end_tag, close);
      if (end != std::string_view::npos) {
        inner = html.substr(close + 1, end - close - 1);
        after = end + end_tag.size();
      }
    }
    if (name == "caption" || name == "wp_caption") {
      out += caption_html(attrs, inner);
    } else if (name == "gallery") {
      out += gallery_html(attrs, ctx, report);
    } else if (name == "embed") {
      const std::string url(trim(inner));
      out += "<p><a href=\"" + escape_attr(url) + "\">" + escape_attr(url) + "</a></p>";
    } else if (name == "audio" || name == "video") {
      std::string src;
      for (const char* key : {"src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv"})
        if (const auto a = attrs.find(key); a != attrs.end() && src.empty()) src = a->second;
      out += "<" + name + " controls src=\"" + escape_attr(src) + "\"></" + name + ">";
    } else {
      if (std::find(report.unknown_shortcodes.begin(), report.unknown_shortcodes.end(), name) ==
          report.unknown_shortcodes.end())
        report.unknown_shortcodes.push_back(name);
      out.append(html.substr(open, close + 1 - open));
    }
    at = after;
  }
  out.append(html.substr(std::min(at, html.size())));
  return out;
}

std::string convert_post_content(std::string_view content, const ContentContext& ctx,
                                 ContentReport& report) {
  const bool blocks = content.find("<!-- wp:") != std::string_view::npos;
  std::string html = expand_shortcodes(strip_block_comments(content), ctx, report);
  if (!blocks) html = wpautop(html);
  return render::sanitize_html(html);
}

}  // namespace jarida::importer
