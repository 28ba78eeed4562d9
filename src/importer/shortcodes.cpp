// WordPress's shortcodes and autoembed, rewritten: expand_shortcodes.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "importer/html_pieces.hpp"
#include "importer/wp_content.hpp"
#include "render/html_sanitizer.hpp"
#include "text/utf8.hpp"

namespace jarida::importer {
using namespace detail;
namespace {

// A caption's image may hold shortcodes too; real content nests one level.
constexpr int kMaxShortcodeDepth = 4;

// ---- Shortcodes -----------------------------------------------------------------

struct Attributes {
  std::map<std::string, std::string> named;
  std::vector<std::string> positional;

  const std::string& get(const std::string& name) const {
    static const std::string kNone;
    const auto it = named.find(name);
    return it == named.end() ? kNone : it->second;
  }
};

// WordPress's shortcode_parse_atts: name="value", name='value', name=value
// (names lower-cased), and "value", 'value' or value alone.
Attributes parse_attributes(std::string_view raw) {
  std::string s;  // no-break and zero-width spaces count as spaces
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw.compare(i, 2, "\xC2\xA0") == 0) {
      s += ' ';
      ++i;
    } else if (raw.compare(i, 3, "\xE2\x80\x8B") == 0) {
      s += ' ';
      i += 2;
    } else {
      s += raw[i];
    }
  }
  Attributes a;
  std::size_t i = 0;
  const auto is_name_char = [](char c) {
    return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
  };
  const auto quoted = [&](std::size_t& k) {  // at a quote
    const char q = s[k];
    const std::size_t end = s.find(q, k + 1);
    std::string v = s.substr(k + 1, end == npos ? npos : end - k - 1);
    k = end == npos ? s.size() : end + 1;
    return v;
  };
  while (true) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    std::size_t k = i;
    while (k < s.size() && is_name_char(s[k])) ++k;
    std::size_t eq = k;
    while (eq < s.size() && is_space(s[eq])) ++eq;
    if (k > i && eq < s.size() && s[eq] == '=') {
      std::string name = lower(s.substr(i, k - i));
      std::size_t v = eq + 1;
      while (v < s.size() && is_space(s[v])) ++v;
      std::string value;
      if (v < s.size() && (s[v] == '"' || s[v] == '\'')) {
        value = quoted(v);
      } else {
        const std::size_t start = v;
        while (v < s.size() && !is_space(s[v]) && s[v] != '"' && s[v] != '\'') ++v;
        value = s.substr(start, v - start);
      }
      a.named[std::move(name)] = std::move(value);
      i = v;
    } else if (s[i] == '"' || s[i] == '\'') {
      a.positional.push_back(quoted(i));
    } else {
      k = i;
      while (k < s.size() && !is_space(s[k])) ++k;
      a.positional.push_back(s.substr(i, k - i));
      i = k;
    }
  }
  return a;
}

std::string escape(std::string_view s) {
  return text::html_escape(s);
}

// An attribute or content of a shortcode as text: the post's HTML source,
// entities decoded once, tags dropped.
std::string as_text(std::string_view html) {
  return std::string(trim(render::html_to_text(html)));
}

bool is_web_url(std::string_view s) {
  if (!starts_with_ci(s, "http://") && !starts_with_ci(s, "https://")) return false;
  const std::size_t host = s.find("//") + 2;
  if (host >= s.size()) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return is_space(c) || c == '<' || c == '>' || c == '"' || static_cast<unsigned char>(c) < 0x20;
  });
}

std::string link(std::string_view url) {
  const std::string e = escape(url);
  return "<a href=\"" + e + "\">" + e + "</a>";
}

std::string image(const AttachmentInfo& a) {
  std::string out = "<img src=\"" + escape(a.url) + "\" alt=\"" + escape(a.alt) + "\"";
  if (a.width > 0) out += " width=\"" + std::to_string(a.width) + "\"";
  if (a.height > 0) out += " height=\"" + std::to_string(a.height) + "\"";
  return out + ">";
}

std::vector<std::int64_t> ids_in(std::string_view list) {
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < list.size();) {
    if (!is_digit(list[i])) {
      ++i;
      continue;
    }
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(list.data() + i, list.data() + list.size(), id);
    if (ec == std::errc() && id > 0) ids.push_back(id);
    i = static_cast<std::size_t>(end - list.data());
    while (i < list.size() && is_digit(list[i])) ++i;  // past an out-of-range number
  }
  return ids;
}

struct Shortcode {
  std::string name;
  std::size_t begin = 0, end = 0;  // the text it replaces
  std::string_view attributes;
  std::optional<std::string_view> content;  // the enclosing form's
  bool escaped = false;                     // [[name]]: literal
  bool stray_bracket = false;               // "[[name]" : a "[" before it
};

bool is_known(std::string_view name) {
  return name == "caption" || name == "wp_caption" || name == "gallery" || name == "embed" ||
         name == "audio" || name == "video";
}

class Expander {
 public:
  Expander(const ContentContext& ctx, ContentReport& report) : ctx_(ctx), report_(report) {}

  std::string expand(std::string_view s, int depth) {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = s.find_first_of("<["); i != npos; i = s.find_first_of("<[", i)) {
      if (s[i] == '<') {
        i = skip_markup(s, i);
        continue;
      }
      const auto sc = read(s, i);
      if (!sc) {
        i += s.compare(i, 2, "[[") == 0 ? 2 : 1;  // [[other]] is not [other]
        continue;
      }
      out.append(s.substr(copied, sc->begin - copied));
      if (sc->escaped) {
        out.append(s.substr(sc->begin + 1, sc->end - sc->begin - 2));
      } else {
        if (sc->stray_bracket) out += '[';
        out += render(*sc, depth);
      }
      copied = i = sc->end;
    }
    out.append(s.substr(copied));
    return out;
  }

 private:
  // Past the tag or comment at s[i]; shortcodes in attributes stay as written.
  static std::size_t skip_markup(std::string_view s, std::size_t i) {
    if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t e = s.find("-->", i + 4);
      return e == npos ? s.size() : e + 3;
    }
    if (i + 1 < s.size() && (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
      const std::size_t gt = tag_end(s, i);
      return gt == npos ? s.size() : gt + 1;
    }
    return i + 1;
  }

  // The shortcode of ours that starts at s[at] ('['), if it is one. Other
  // names are reported, and left.
  std::optional<Shortcode> read(std::string_view s, std::size_t at) {
    Shortcode sc;
    std::size_t i = at + 1;
    const bool double_open = i < s.size() && s[i] == '[';
    if (double_open) ++i;
    const std::size_t name_at = i;  // what follows the name is no part of it
    while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_' || s[i] == '-')) ++i;
    sc.name = std::string(s.substr(name_at, i - name_at));
    const std::size_t close = s.find(']', i);
    if (sc.name.empty() || close == npos) return std::nullopt;
    if (!is_known(sc.name)) {
      // Reported when it looks like one: "[name]", "[name attr...]", "[name/]".
      const bool named = is_alpha(sc.name[0]) && (s[i] == ']' || s[i] == '/' || is_space(s[i]));
      if (named && !double_open &&
          std::find(report_.unknown_shortcodes.begin(), report_.unknown_shortcodes.end(),
                    sc.name) == report_.unknown_shortcodes.end())
        report_.unknown_shortcodes.push_back(sc.name);
      return std::nullopt;
    }
    sc.begin = at;
    sc.attributes = s.substr(i, close - i);
    sc.end = close + 1;
    if (!sc.attributes.empty() && sc.attributes.back() == '/') {
      sc.attributes.remove_suffix(1);  // [name /]: never encloses
    } else if (const std::size_t c = closer(s, close + 1, sc.name); c != npos) {
      sc.content = s.substr(close + 1, c - close - 1);
      sc.end = c + sc.name.size() + 3;
    }
    if (double_open) {
      if (sc.end < s.size() && s[sc.end] == ']') {
        sc.escaped = true;
        ++sc.end;
      } else {
        sc.stray_bracket = true;
      }
    }
    return sc;
  }

  // Where "[/name]" is at or after `from`, or npos. Remembered per name,
  // since a text full of unclosed shortcodes would search to its end for
  // each of them.
  std::size_t closer(std::string_view s, std::size_t from, const std::string& name) {
    if (s.data() != searched_in_) {
      searched_in_ = s.data();
      closers_.clear();
    }
    auto [it, fresh] = closers_.try_emplace(name, Found{});
    Found& f = it->second;
    if (!fresh && f.from <= from && (f.at == npos || f.at >= from)) return f.at;
    f = {from, s.find("[/" + name + "]", from)};
    return f.at;
  }

  std::string render(const Shortcode& sc, int depth) {
    const Attributes a = parse_attributes(sc.attributes);
    if (sc.name == "caption" || sc.name == "wp_caption") return caption(a, sc.content, depth);
    if (sc.name == "gallery") return gallery(a);
    if (sc.name == "embed") {
      if (!sc.content) return {};
      const std::string url = as_text(*sc.content);
      return is_web_url(url) ? link(url) : escape(url);
    }
    return media(sc.name, a);
  }

  // [caption]: the image (in its link, if any) first, the caption after it
  // or in caption="...". WordPress keeps nothing before the image.
  std::string caption(const Attributes& a, std::optional<std::string_view> content, int depth) {
    std::string_view media = content.value_or(std::string_view());
    std::string text;
    if (a.named.count("caption")) {
      text = escape(as_text(a.get("caption")));
    } else if (const std::size_t img = lower(media).find("<img"); img != npos) {
      std::size_t start = img, end = tag_end(media, img);
      if (end != npos) {
        ++end;
        // A link around the image: "<a ...>" just before, "</a>" just after.
        const std::string_view before = trim(media.substr(0, img));
        const std::size_t a_open = lower(before).rfind("<a ");
        if (a_open != npos && tag_end(before, a_open) == before.size() - 1) {
          std::size_t after = end;
          while (after < media.size() && is_space(media[after])) ++after;
          if (starts_with_ci(media.substr(after), "</a>")) {
            start = static_cast<std::size_t>(before.data() + a_open - media.data());
            end = after + 4;
          }
        }
        text = std::string(trim(media.substr(end)));
        media = media.substr(start, end - start);
      }
    }
    const std::string inner = std::string(
        trim(depth < kMaxShortcodeDepth ? expand(media, depth + 1) : std::string(media)));
    if (blank(text)) return inner;
    std::string cls = "wp-caption";
    const std::string& align = a.get("align");
    if (align == "alignleft" || align == "alignright" || align == "aligncenter") cls += " " + align;
    return "<figure class=\"" + cls + "\">" + inner + "<figcaption>" + text +
           "</figcaption></figure>";
  }

  // [gallery]: its ids (or include), else the post's attached images.
  std::string gallery(const Attributes& a) {
    std::vector<std::int64_t> ids = ids_in(a.get("ids"));
    if (ids.empty()) ids = ids_in(a.get("include"));
    if (ids.empty()) {
      const auto id = ids_in(a.get("id"));
      if (ctx_.attachments_of) ids = ctx_.attachments_of(id.empty() ? ctx_.post_id : id[0]);
      const auto excluded = ids_in(a.get("exclude"));
      std::erase_if(ids, [&](std::int64_t x) {
        return std::find(excluded.begin(), excluded.end(), x) != excluded.end();
      });
    }
    std::string items;
    for (const std::int64_t id : ids) {
      const AttachmentInfo* info = ctx_.attachment ? ctx_.attachment(id) : nullptr;
      if (!info || info->url.empty()) {
        ++report_.missing_attachments;
        continue;
      }
      if (!info->mime.empty() && !info->mime.starts_with("image/")) continue;  // as WordPress
      items += "<figure class=\"gallery-item\">" + image(*info);
      if (!info->caption.empty()) items += "<figcaption>" + escape(info->caption) + "</figcaption>";
      items += "</figure>";
    }
    return items.empty() ? std::string() : "<figure class=\"gallery\">" + items + "</figure>";
  }

  // [audio] and [video]: src, or the first of the format attributes
  // WordPress reads; a link inside for readers without the player.
  static std::string media(const std::string& tag, const Attributes& a) {
    static constexpr std::string_view kAudio[] = {"src", "mp3", "m4a", "ogg", "oga", "wav", "flac"};
    static constexpr std::string_view kVideo[] = {"src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"};
    std::string src;
    const std::span<const std::string_view> keys(tag == "audio" ? std::span(kAudio)
                                                                : std::span(kVideo));
    for (const auto key : keys) {
      src = as_text(a.get(std::string(key)));
      if (!src.empty()) break;
    }
    if (src.empty()) return {};
    return "<" + tag + " src=\"" + escape(src) + "\" controls>" + link(src) + "</" + tag + ">";
  }

  struct Found {
    std::size_t from = 0, at = npos;
  };
  const ContentContext& ctx_;
  ContentReport& report_;
  const char* searched_in_ = nullptr;
  std::map<std::string, Found> closers_;
};

// WordPress's autoembed, for what Jarida embeds (nothing): a URL alone on
// its line, or alone in a paragraph, becomes a link. Not in links, <pre> or
// <code>.
std::string link_bare_urls(std::string_view html) {
  const std::vector<Piece> pieces = tokenize(html);
  std::string out;
  int skipping = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    if (p.kind == Piece::tag && (p.name == "a" || p.name == "pre" || p.name == "code")) {
      skipping = std::max(0, skipping + (p.closing ? -1 : 1));
    }
    if (p.kind != Piece::text || skipping > 0) {
      out += p.src;
      continue;
    }
    const auto is_tag = [&](std::size_t j, bool closing) {
      return j < pieces.size() && pieces[j].kind == Piece::tag && pieces[j].name == "p" &&
             pieces[j].closing == closing;
    };
    const bool open_before = k == 0 || is_tag(k - 1, false);
    const bool open_after = k + 1 == pieces.size() || is_tag(k + 1, true);
    std::size_t from = 0;
    while (from <= p.src.size()) {
      const std::size_t nl = std::min(p.src.find('\n', from), p.src.size());
      const std::string_view line = p.src.substr(from, nl - from);
      const std::string_view url = trim(line);
      if ((from > 0 || open_before) && (nl < p.src.size() || open_after) && is_web_url(url)) {
        const std::size_t lead = static_cast<std::size_t>(url.data() - line.data());
        out += line.substr(0, lead);
        out += link(as_text(url));
        out += line.substr(lead + url.size());
      } else {
        out += line;
      }
      if (nl < p.src.size()) out += '\n';
      from = nl + 1;
    }
  }
  return out;
}

}  // namespace

std::string expand_shortcodes(std::string_view html, const ContentContext& ctx,
                              ContentReport& report) {
  Expander expander(ctx, report);
  return link_bare_urls(expander.expand(html, 0));
}

}  // namespace jarida::importer
