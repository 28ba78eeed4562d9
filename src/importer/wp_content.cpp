// WordPress's content filters, rewritten: block delimiters, shortcodes,
// autoembed links and wpautop. Rules: wp_content.hpp; tests:
// tests/importer/wp_content_test.cpp. The HTML written here is trusted by
// nothing: render::sanitize_html runs over all of it.
#include "importer/wp_content.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "render/html_sanitizer.hpp"
#include "text/utf8.hpp"

namespace jarida::importer {
namespace {

constexpr std::size_t npos = std::string_view::npos;
// A caption's image may hold shortcodes too; real content nests one level.
constexpr int kMaxShortcodeDepth = 4;
// Block elements wpautop keeps track of; beyond, nesting is tag soup and
// tracking it would make each end tag a long search.
constexpr std::size_t kMaxBlockDepth = 512;

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool blank(std::string_view s) {
  return trim(s).empty();
}

// ---- Reading HTML ---------------------------------------------------------------
// Just enough to know what is a tag, a comment or text; never a security
// decision (the sanitizer parses the result properly).

struct Piece {
  enum Kind { text, tag, comment, raw } kind = text;
  std::string_view src;
  std::string name;  // tags, lower case
  bool closing = false;
};

Piece piece(Piece::Kind kind, std::string_view src) {
  Piece p;
  p.kind = kind;
  p.src = src;
  return p;
}

// The '>' that ends the tag starting at s[lt]; quoted values may hold '>'.
std::size_t tag_end(std::string_view s, std::size_t lt) {
  char quote = 0;
  bool after_equals = false;
  for (std::size_t i = lt + 1; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '>') {
      return i;
    } else if (after_equals && (c == '"' || c == '\'')) {
      quote = c;
      after_equals = false;
    } else if (c == '=') {
      after_equals = true;
    } else if (!is_space(c)) {
      after_equals = false;
    }
  }
  return npos;
}

// Where "</name" (any case, then a space, '/' or '>') starts, or s.size().
std::size_t end_tag_at(std::string_view s, std::size_t from, std::string_view name) {
  for (std::size_t p = s.find("</", from); p != npos; p = s.find("</", p + 2)) {
    const std::size_t after = p + 2 + name.size();
    if (after >= s.size()) break;
    if (lower(s.substr(p + 2, name.size())) == name &&
        (is_space(s[after]) || s[after] == '/' || s[after] == '>'))
      return p;
  }
  return s.size();
}

bool is_raw_text(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp";
}

std::vector<Piece> tokenize(std::string_view s) {
  std::vector<Piece> out;
  std::size_t text_from = 0;
  const auto text_to = [&](std::size_t to) {
    if (to > text_from) out.push_back(piece(Piece::text, s.substr(text_from, to - text_from)));
  };
  for (std::size_t lt = s.find('<'); lt != npos; lt = s.find('<', lt)) {
    Piece p;
    std::size_t end;
    if (s.compare(lt, 4, "<!--") == 0) {
      const std::size_t e = s.find("-->", lt + 4);
      end = e == npos ? s.size() : e + 3;
      p = piece(Piece::comment, s.substr(lt, end - lt));
    } else if (lt + 1 < s.size() && (s[lt + 1] == '!' || s[lt + 1] == '?')) {
      const std::size_t e = s.find('>', lt);
      end = e == npos ? s.size() : e + 1;
      p = piece(Piece::comment, s.substr(lt, end - lt));
    } else {
      const bool closing = lt + 1 < s.size() && s[lt + 1] == '/';
      const std::size_t name_at = lt + 1 + (closing ? 1 : 0);
      if (name_at >= s.size() || !is_alpha(s[name_at])) {
        ++lt;
        continue;
      }
      const std::size_t gt = tag_end(s, lt);
      if (gt == npos) break;  // the rest is text
      std::size_t k = name_at;
      while (k < gt && !is_space(s[k]) && s[k] != '/') ++k;
      p = {Piece::tag, s.substr(lt, gt + 1 - lt), lower(s.substr(name_at, k - name_at)), closing};
      end = gt + 1;
    }
    text_to(lt);
    out.push_back(p);
    text_from = lt = end;
    if (p.kind == Piece::tag && !p.closing && is_raw_text(p.name)) {
      const std::size_t close = end_tag_at(s, end, p.name);
      if (close > end) out.push_back(piece(Piece::raw, s.substr(end, close - end)));
      text_from = lt = close;
    }
  }
  text_to(s.size());
  return out;
}

// ---- Block comments ---------------------------------------------------------------

bool block_name(std::string_view s, std::size_t& i) {
  if (i >= s.size() || s[i] < 'a' || s[i] > 'z') return false;
  while (i < s.size() &&
         ((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]) || s[i] == '_' || s[i] == '-'))
    ++i;
  return true;
}

// The length of the block delimiter at s[at] ("<!--"), or 0 for any other
// comment. Attributes are JSON in which WordPress escapes "--", so the
// delimiter ends at the first "-->".
std::size_t block_delimiter(std::string_view s, std::size_t at) {
  std::size_t i = at + 4;
  const std::size_t spaces = i;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i == spaces) return 0;
  if (i < s.size() && s[i] == '/') ++i;
  if (s.compare(i, 3, "wp:") != 0) return 0;
  i += 3;
  if (!block_name(s, i)) return 0;
  if (i < s.size() && s[i] == '/' && (++i, !block_name(s, i))) return 0;  // namespace/name
  const std::size_t after_name = i;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i == after_name) return 0;
  const std::size_t end = s.find("-->", i);
  if (end == npos) return 0;
  std::size_t k = end;
  if (k > i && s[k - 1] == '/') --k;  // "/-->": a block without content
  if (s[i] == '{') {
    const std::size_t before_spaces = k;
    while (k > i && is_space(s[k - 1])) --k;
    if (k == before_spaces || k <= i + 1 || s[k - 1] != '}') return 0;
  } else if (k != i) {
    return 0;
  }
  return end + 3 - at;
}

// ---- wpautop ----------------------------------------------------------------------

// Whether `list` (words between spaces, with a space at each end) has `word`.
bool listed(std::string_view list, std::string_view word) {
  const std::size_t at = list.find(word);
  for (std::size_t p = at; p != npos; p = list.find(word, p + 1))
    if (list[p - 1] == ' ' && list[p + word.size()] == ' ') return true;
  return false;
}

// WordPress's list of block elements (wpautop's "allblocks"), and main.
bool is_block(std::string_view name) {
  return !name.empty() &&
         listed(
             " table thead tfoot caption col colgroup tbody tr td th div dl dd dt ul ol li pre "
             "form map area blockquote address math style p h1 h2 h3 h4 h5 h6 hr fieldset "
             "legend section article aside hgroup header footer nav figure figcaption details "
             "menu summary main ",
             name);
}

bool is_void(std::string_view name) {
  return name == "hr" || name == "col" || name == "area";
}

// What a run of text and inline markup becomes inside an element.
enum class Flow {
  paragraphs,  // always <p> (top level, blockquote)
  split,       // <p> where blank lines split it, else as it is (div, li, td...)
  lines,       // as it is, newlines as <br> (p, h1-h6, figcaption...)
  verbatim,    // as it is (ul, table, tr...: no text of their own)
};

Flow flow_in(std::string_view parent) {
  if (parent.empty() || parent == "blockquote") return Flow::paragraphs;
  if (listed(" div section article aside header footer nav main form fieldset details li dd td "
             "th address menu ",
             parent))
    return Flow::split;
  if (listed(" ul ol dl table thead tbody tfoot tr colgroup hgroup map style ", parent))
    return Flow::verbatim;
  return Flow::lines;
}

struct Item {
  Piece::Kind kind;
  std::string s;
  bool br = false;  // a <br> tag
};

class Autop {
 public:
  Autop(std::string& out, bool line_breaks) : out_(out), line_breaks_(line_breaks) {}

  // A run of text and inline markup between block tags.
  void flush(const std::vector<Piece>& run, std::string_view parent) {
    if (run.empty()) return;
    const Flow flow = flow_in(parent);
    std::vector<Item> items = merge_double_breaks(run);
    if (flow == Flow::verbatim) {
      for (const auto& it : items) out_ += it.s;
      return;
    }
    // Paragraphs: split at blank lines (a newline, whitespace, a newline).
    std::vector<std::vector<Item>> paragraphs(1);
    bool split = false;
    for (const auto& it : items) {
      if (it.kind != Piece::text) {
        paragraphs.back().push_back(it);
        continue;
      }
      std::size_t from = 0;
      std::size_t nl = it.s.find('\n');
      while (nl != npos) {
        std::size_t last_nl = nl;
        for (std::size_t k = nl + 1; k < it.s.size() && is_space(it.s[k]); ++k)
          if (it.s[k] == '\n') last_nl = k;
        if (last_nl != nl) {
          paragraphs.back().push_back({Piece::text, it.s.substr(from, nl - from)});
          paragraphs.emplace_back();
          split = true;
          from = last_nl + 1;
        }
        nl = it.s.find('\n', last_nl + 1);
      }
      if (from < it.s.size()) paragraphs.back().push_back({Piece::text, it.s.substr(from)});
    }
    const bool wrap = flow == Flow::paragraphs || (flow == Flow::split && split);
    if (!wrap) {
      if (std::all_of(items.begin(), items.end(),
                      [](const Item& it) { return it.kind == Piece::text && blank(it.s); })) {
        for (const auto& it : items) out_ += it.s;
      } else {
        inline_run(items);
      }
      return;
    }
    bool wrote = false;
    for (auto& p : paragraphs) {
      trim_ends(p);
      if (p.empty()) continue;
      const bool only_comments = std::all_of(p.begin(), p.end(), [](const Item& it) {
        return it.kind == Piece::comment || (it.kind == Piece::text && blank(it.s));
      });
      if (only_comments) {  // <!--more--> is no paragraph
        for (const auto& it : p) out_ += it.s;
        out_ += '\n';
      } else {
        if (after_end_tag()) out_ += '\n';  // "</h2>\n<p>", as WordPress writes it
        out_ += "<p>";
        inline_run(p);
        out_ += "</p>\n";
      }
      wrote = true;
    }
    const bool newline = std::any_of(items.begin(), items.end(), [](const Item& it) {
      return it.s.find('\n') != std::string::npos;
    });
    if (!wrote && newline) out_ += '\n';  // keeps blocks on their own lines
  }

 private:
  bool after_end_tag() const {
    const std::size_t lt = out_.rfind('<');
    return !out_.empty() && out_.back() == '>' && lt != npos && out_.compare(lt, 2, "</") == 0;
  }

  // "<br> <br>" is a paragraph break, as in WordPress.
  static std::vector<Item> merge_double_breaks(const std::vector<Piece>& run) {
    std::vector<Item> items;
    for (const auto& p : run) {
      const bool br = p.kind == Piece::tag && p.name == "br";
      if (br && !items.empty()) {
        std::size_t k = items.size();
        if (items[k - 1].kind == Piece::text && blank(items[k - 1].s)) --k;
        if (k > 0 && items[k - 1].br) {
          items.resize(k - 1);
          items.push_back({Piece::text, "\n\n"});
          continue;
        }
      }
      if (p.kind == Piece::text && !items.empty() && items.back().kind == Piece::text) {
        items.back().s += p.src;
      } else {
        items.push_back({p.kind, std::string(p.src), br});
      }
    }
    // Texts next to each other (after a merge) become one.
    std::vector<Item> merged;
    for (auto& it : items) {
      if (it.kind == Piece::text && !merged.empty() && merged.back().kind == Piece::text) {
        merged.back().s += it.s;
      } else {
        merged.push_back(std::move(it));
      }
    }
    return merged;
  }

  static void trim_ends(std::vector<Item>& p) {
    while (!p.empty() && p.front().kind == Piece::text) {
      const std::string_view t = p.front().s;
      std::size_t i = 0;
      while (i < t.size() && is_space(t[i])) ++i;
      if (i < t.size()) {
        p.front().s.erase(0, i);
        break;
      }
      p.erase(p.begin());
    }
    while (!p.empty() && p.back().kind == Piece::text) {
      std::string& t = p.back().s;
      while (!t.empty() && is_space(t.back())) t.pop_back();
      if (!t.empty()) break;
      p.pop_back();
    }
  }

  // The items as they are, newlines between the first and the last content
  // turned into <br> (not right after one, and without the spaces before).
  void inline_run(const std::vector<Item>& items) {
    // Content: markup other than comments, or text that is not whitespace.
    std::size_t first_item = npos, first_char = 0, last_item = 0, last_char = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].kind == Piece::comment) continue;
      if (items[i].kind != Piece::text) {
        if (first_item == npos) first_item = i, first_char = 0;
        last_item = i, last_char = 0;
        continue;
      }
      const std::string& t = items[i].s;
      for (std::size_t c = 0; c < t.size(); ++c) {
        if (is_space(t[c])) continue;
        if (first_item == npos) first_item = i, first_char = c;
        last_item = i, last_char = c;
      }
    }
    bool after_br = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (it.kind != Piece::text) {
        out_ += it.s;
        after_br = it.br;
        continue;
      }
      for (std::size_t c = 0; c < it.s.size(); ++c) {
        const char ch = it.s[c];
        const bool inside = first_item != npos &&
                            std::pair(i, c) > std::pair(first_item, first_char) &&
                            std::pair(i, c) < std::pair(last_item, last_char);
        if (ch == '\n' && inside && line_breaks_) {
          while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
          if (!after_br) out_ += "<br>";
          out_ += '\n';
          after_br = false;
          continue;
        }
        out_ += ch;
        if (!is_space(ch)) after_br = false;
      }
    }
  }

  std::string& out_;
  bool line_breaks_;
};

// The block element that is open, as far as paragraphs are concerned.
class BlockStack {
 public:
  std::string_view top() const { return open_.empty() ? std::string_view() : open_.back(); }
  void open(const std::string& name) {
    const auto top_is = [&](std::initializer_list<std::string_view> names) {
      return !open_.empty() && std::find(names.begin(), names.end(), open_.back()) != names.end();
    };
    if (top_is({"p"})) open_.pop_back();  // a block ends a paragraph
    if (name == "li" && top_is({"li"})) open_.pop_back();
    if ((name == "dt" || name == "dd") && top_is({"dt", "dd"})) open_.pop_back();
    if ((name == "tr" || name == "td" || name == "th") && top_is({"td", "th"})) open_.pop_back();
    if (name == "tr" && top_is({"tr"})) open_.pop_back();
    // Deeper than any article: count no more (an end tag searches this).
    if (!is_void(name) && open_.size() < kMaxBlockDepth) open_.push_back(name);
  }
  void close(const std::string& name) {
    const auto it = std::find(open_.rbegin(), open_.rend(), name);
    if (it != open_.rend()) open_.erase(std::next(it).base(), open_.end());
  }

 private:
  std::vector<std::string> open_;
};

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

bool starts_with_block_tag(std::string_view html) {
  for (;;) {
    html = trim(html);
    if (!html.starts_with("<!--")) break;
    const std::size_t end = html.find("-->");
    if (end == npos) return false;
    html.remove_prefix(end + 3);
  }
  if (html.size() < 2 || html[0] != '<' || !is_alpha(html[1])) return false;
  std::size_t k = 1;
  while (k < html.size() && (is_alpha(html[k]) || is_digit(html[k]))) ++k;
  return is_block(lower(html.substr(1, k - 1)));
}

}  // namespace

std::string strip_block_comments(std::string_view html) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = html.find("<!--"); at != npos;) {
    const std::size_t length = block_delimiter(html, at);
    if (length == 0) {
      at = html.find("<!--", at + 4);
      continue;
    }
    out.append(html.substr(copied, at - copied));
    std::size_t end = at + length;
    if (html.compare(end, 2, "\r\n") == 0)
      end += 2;
    else if (html.compare(end, 1, "\n") == 0)
      end += 1;
    copied = end;
    at = html.find("<!--", end);
  }
  out.append(html.substr(copied));
  return out;
}

std::string wpautop(std::string_view text, bool line_breaks) {
  if (blank(text)) return {};
  std::string src;
  src.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r')
      src += text[i];
    else if (i + 1 >= text.size() || text[i + 1] != '\n')
      src += '\n';
  }
  const std::vector<Piece> pieces = tokenize(src);
  std::string out;
  out.reserve(src.size() + src.size() / 8);
  Autop autop(out, line_breaks);
  BlockStack blocks;
  std::vector<Piece> run;
  const auto flush = [&] {
    autop.flush(run, blocks.top());
    run.clear();
  };
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    if (p.kind != Piece::tag || p.closing ||
        (p.name != "pre" && p.name != "svg" && p.name != "math")) {
      if (p.kind == Piece::tag && is_block(p.name)) {
        flush();
        out += p.src;
        if (p.closing)
          blocks.close(p.name);
        else
          blocks.open(p.name);
      } else {
        run.push_back(p);
      }
      continue;
    }
    // <pre>, <svg> and <math> are kept exactly as written, to their end tag.
    int depth = 0;
    std::size_t last = k;
    for (; last < pieces.size(); ++last) {
      const Piece& q = pieces[last];
      if (q.kind != Piece::tag || q.name != p.name) continue;
      depth += q.closing ? -1 : 1;
      if (depth == 0) break;
    }
    if (last == pieces.size()) --last;
    const char* from = p.src.data();
    const char* to = pieces[last].src.data() + pieces[last].src.size();
    const std::string_view whole(from, static_cast<std::size_t>(to - from));
    if (p.name == "svg") {  // inline
      run.push_back(piece(Piece::raw, whole));
    } else {
      flush();
      blocks.open(p.name);
      out += whole;
      blocks.close(p.name);
    }
    k = last;
  }
  flush();
  return out;
}

std::string expand_shortcodes(std::string_view html, const ContentContext& ctx,
                              ContentReport& report) {
  Expander expander(ctx, report);
  return link_bare_urls(expander.expand(html, 0));
}

std::string convert_post_content(std::string_view content, const ContentContext& ctx,
                                 ContentReport& report) {
  const bool blocks = content.find("<!-- wp:") != npos;
  std::string html = strip_block_comments(content);
  const bool structured = starts_with_block_tag(html);
  html = expand_shortcodes(html, ctx, report);
  if (!blocks) html = wpautop(html, !structured);
  html = render::sanitize_html(html);
  // Paragraphs left empty (around an iframe that went, say) take space and
  // say nothing. ("<p></p>" in sanitized HTML is always markup.)
  if (html.find("<p></p>") != npos) {
    std::string out;
    out.reserve(html.size());
    std::size_t copied = 0;
    for (std::size_t p = html.find("<p></p>"); p != npos; p = html.find("<p></p>", copied)) {
      out.append(html, copied, p - copied);
      copied = p + 7;
      if (html.compare(copied, 1, "\n") == 0) ++copied;
    }
    out.append(html, copied);
    // Once more: a newline now right after <pre> would be eaten by a parser.
    html = render::sanitize_html(out);
  }
  return std::string(trim(html));
}

}  // namespace jarida::importer
