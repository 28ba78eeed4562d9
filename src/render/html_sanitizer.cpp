// The allowlist walker over gumbo's tree, behind the guard that keeps
// gumbo's time linear (html_guard.hpp). Rules: html_sanitizer.hpp; tests:
// html_sanitizer_test.cpp.
#include "render/html_sanitizer.hpp"

#include "render/html_guard.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace jarida::render {
using namespace detail;
namespace {

// A re-parse changes the output only where the first tree cannot be written
// back as HTML that parses to itself (an unwrapped element's content that the
// parser then moves); two passes settle it in practice, four is a margin.
constexpr int kMaxPasses = 4;

std::string_view trim_ascii_space(std::string_view s) {
  while (!s.empty() && is_html_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_html_space(s.back())) s.remove_suffix(1);
  return s;
}

// ---- Parsing ----------------------------------------------------------------

// The input parsed as the body of an HTML5 document. Not gumbo's fragment
// mode: in 0.10 it leaves the document's quirks mode uninitialised, so
// whether "<p><table>" closes the paragraph changed from run to run
// (valgrind: "conditional jump depends on uninitialised value").
class Fragment {
 public:
  explicit Fragment(std::string_view html) : source_("<!DOCTYPE html><body>" + guard_html(html)) {
    options_.max_errors = 0;  // nobody reads them
    output_ = gumbo_parse_with_options(&options_, source_.data(), source_.size());
  }
  ~Fragment() { gumbo_destroy_output(&options_, output_); }
  Fragment(const Fragment&) = delete;
  Fragment& operator=(const Fragment&) = delete;

  // The <body>; the input is its children.
  const GumboNode* root() const {
    const GumboVector& kids = output_->root->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) {
      const auto* node = static_cast<const GumboNode*>(kids.data[i]);
      if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_BODY) return node;
    }
    return output_->root;  // not reached: the guard cuts <frameset>, the one way to lose it
  }

 private:
  std::string source_;
  GumboOptions options_ = kGumboDefaultOptions;
  GumboOutput* output_ = nullptr;
};

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
    return &node->v.element.children;
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

const GumboNode* child(const GumboVector& v, unsigned i) {
  return static_cast<const GumboNode*>(v.data[i]);
}

// C0 controls other than tab and newline, and DEL: never printed (the page
// cache's slot markers are among them). Gumbo already turns them into
// U+FFFD, all but form feed (written as a space).
constexpr bool is_dropped_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
}

void append_escaped(std::string& out, std::string_view s, bool attribute) {
  for (const char c : s) {
    if (c == '\f') {  // whitespace to HTML, a control to everyone else
      out += ' ';
      continue;
    }
    if (is_dropped_control(static_cast<unsigned char>(c))) continue;
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
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&#39;" : "'";
        break;
      default:
        out += c;
    }
  }
}

// ---- The allowlist ------------------------------------------------------------

enum class Fate { keep, unwrap, drop };

struct Verdict {
  Fate fate;
  GumboTag as;  // the element written, for keep
};

// Written as they are.
const TagSet kKept = tag_set(
    "p br h2 h3 h4 h5 h6 strong b em i u s blockquote q cite ul ol li a img figure figcaption "
    "table thead tbody tfoot tr th td caption pre code hr sub sup span div abbr mark small del "
    "ins dl dt dd audio video source");
// Written as a kindred element (blocks stay blocks).
const TagSet kAsDiv = tag_set(
    "article section nav aside header footer address main hgroup center details summary "
    "fieldset legend");
const TagSet kAsList = tag_set("menu dir");
const TagSet kAsPre = tag_set("listing xmp plaintext");
const TagSet kAsSpan = tag_set("bdi bdo");
// Gone with all they hold: invisible, embedded, interactive or foreign.
const TagSet kDropped = tag_set(
    "html head title base link meta style script noscript template iframe embed object param "
    "track area math svg colgroup col input button select datalist optgroup option textarea "
    "keygen menuitem applet bgsound frame frameset noframes isindex noembed basefont");

// Any other element (font, label, form, kbd, custom tags...) is unwrapped:
// its content stays.
Verdict judge(GumboTag tag) {
  if (kKept[tag]) return {Fate::keep, tag};
  if (tag == GUMBO_TAG_H1) return {Fate::keep, GUMBO_TAG_H2};  // the page's title is the h1
  if (tag == GUMBO_TAG_STRIKE) return {Fate::keep, GUMBO_TAG_S};
  if (kAsDiv[tag]) return {Fate::keep, GUMBO_TAG_DIV};
  if (kAsList[tag]) return {Fate::keep, GUMBO_TAG_UL};
  if (kAsPre[tag]) return {Fate::keep, GUMBO_TAG_PRE};
  if (kAsSpan[tag]) return {Fate::keep, GUMBO_TAG_SPAN};
  if (kDropped[tag]) return {Fate::drop, tag};
  return {Fate::unwrap, tag};
}

// ---- Attribute values ----------------------------------------------------------

// A URL as a browser reads it (spaces and controls around it stripped, tabs
// and newlines anywhere removed), when its scheme is one we link to and it
// holds no other control character.
std::optional<std::string> safe_url(std::string_view raw) {
  while (!raw.empty() && static_cast<unsigned char>(raw.front()) <= 0x20) raw.remove_prefix(1);
  while (!raw.empty() && static_cast<unsigned char>(raw.back()) <= 0x20) raw.remove_suffix(1);
  std::string url;
  url.reserve(raw.size());
  for (const char c : raw) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return std::nullopt;
    url += c;
  }
  // U+FFFD stands for a control character or a broken byte: not a link.
  if (url.empty() || url.find("\xEF\xBF\xBD") != std::string::npos) return std::nullopt;
  if (is_alpha(url[0])) {
    std::size_t i = 1;
    while (i < url.size() && (is_alpha(url[i]) || is_digit(url[i]) || url[i] == '+' ||
                              url[i] == '-' || url[i] == '.'))
      ++i;
    if (i < url.size() && url[i] == ':') {
      const std::string_view scheme(url.data(), i);
      if (!equals_ci(scheme, "http") && !equals_ci(scheme, "https") &&
          !equals_ci(scheme, "mailto") && !equals_ci(scheme, "tel"))
        return std::nullopt;
    }
  }
  return url;
}

// srcset as a browser splits it (HTML's "parse a srcset attribute"): each
// candidate is a URL (a run without white space; commas that end it are
// separators), then descriptors up to the next comma. Kept only when every
// URL passes safe_url and every candidate has at most one descriptor, a
// width ("400w") or a density ("2x", "1.5x"); written back as
// "a.jpg 400w, b.jpg 800w". Anything else, and no candidate, drops the
// whole attribute (a browser would drop only the bad candidate; an
// editor's image never needs one).
constexpr std::size_t kMaxSrcsetCandidates = 32;  // WordPress writes at most ~10

bool is_descriptor(std::string_view d) {
  if (d.size() < 2 || d.size() > 12) return false;
  const char unit = d.back();
  const std::string_view number = d.substr(0, d.size() - 1);
  const bool all_zero = number.find_first_not_of("0.") == std::string_view::npos;
  if (unit == 'w') return std::all_of(number.begin(), number.end(), is_digit) && !all_zero;
  if (unit != 'x') return false;
  const auto dot = number.find('.');
  const std::string_view whole = number.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  return !whole.empty() && std::all_of(whole.begin(), whole.end(), is_digit) &&
         (dot == std::string_view::npos ||
          (!fraction.empty() && std::all_of(fraction.begin(), fraction.end(), is_digit))) &&
         !all_zero;
}

std::optional<std::string> safe_srcset(std::string_view raw) {
  std::string out;
  std::size_t count = 0;
  std::size_t i = 0;
  while (true) {
    while (i < raw.size() && (is_html_space(raw[i]) || raw[i] == ',')) ++i;
    if (i == raw.size()) break;
    const std::size_t url_start = i;
    while (i < raw.size() && !is_html_space(raw[i])) ++i;
    std::string_view url = raw.substr(url_start, i - url_start);
    std::string_view descriptor;
    if (url.back() == ',') {
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
    } else {
      const std::size_t end = std::min(raw.find(',', i), raw.size());
      const std::string_view descriptors = trim_ascii_space(raw.substr(i, end - i));
      i = end;
      if (!descriptors.empty()) {
        if (!is_descriptor(descriptors)) return std::nullopt;  // also: two of them, "(...)"
        descriptor = descriptors;
      }
    }
    const auto safe = safe_url(url);
    if (!safe || ++count > kMaxSrcsetCandidates) return std::nullopt;
    if (!out.empty()) out += ", ";
    out += *safe;
    if (!descriptor.empty()) {
      out += ' ';
      out += descriptor;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// sizes: media conditions and lengths ("(max-width: 600px) 100vw, 50vw",
// "min(600px, 100vw - 28px)"); nothing in it runs or loads, so only its
// characters are checked: letters, digits, spaces and ( ) , . % + - * / :.
std::optional<std::string> safe_sizes(std::string_view raw) {
  const std::string_view v = trim_ascii_space(raw);
  if (v.empty() || v.size() > 1000) return std::nullopt;
  std::string out;
  for (const char c : v) {
    if (is_html_space(c)) {
      if (out.back() != ' ') out += ' ';
    } else if (is_alpha(c) || is_digit(c) ||
               std::string_view("(),.%+-*/:").find(c) != std::string_view::npos) {
      out += c;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// Absolute http(s), or scheme-relative ("//host", and "/\host" that
// browsers read the same way).
bool is_external(std::string_view url) {
  const auto slash = [](char c) { return c == '/' || c == '\\'; };
  if (url.size() >= 2 && slash(url[0]) && slash(url[1])) return true;
  return (url.size() > 5 && equals_ci(url.substr(0, 5), "http:")) ||
         (url.size() > 6 && equals_ci(url.substr(0, 6), "https:"));
}

std::optional<std::string_view> digits(std::string_view raw) {
  const std::string_view v = trim_ascii_space(raw);
  if (v.empty() || v.size() > 9) return std::nullopt;
  for (const char c : v)
    if (!is_digit(c)) return std::nullopt;
  return v;
}

std::string allowed_classes(std::string_view raw) {
  static constexpr std::string_view kAllowed[] = {"alignleft",  "alignright", "aligncenter",
                                                  "wp-caption", "gallery",    "gallery-item"};
  std::vector<std::string_view> kept;
  std::size_t i = 0;
  while (i < raw.size()) {
    while (i < raw.size() && is_html_space(raw[i])) ++i;
    const std::size_t start = i;
    while (i < raw.size() && !is_html_space(raw[i])) ++i;
    const std::string_view word = raw.substr(start, i - start);
    if (std::find(std::begin(kAllowed), std::end(kAllowed), word) != std::end(kAllowed) &&
        std::find(kept.begin(), kept.end(), word) == kept.end())
      kept.push_back(word);
  }
  std::string out;
  for (const auto w : kept) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::optional<std::string> direction(std::string_view raw) {
  std::string v;
  for (const char c : trim_ascii_space(raw)) v += ascii_lower(c);
  if (v == "rtl" || v == "ltr" || v == "auto") return v;
  return std::nullopt;
}

// A language tag: letters first, then letters, digits and hyphens.
std::optional<std::string_view> language(std::string_view raw) {
  const std::string_view v = trim_ascii_space(raw);
  if (v.empty() || v.size() > 35 || !is_alpha(v[0])) return std::nullopt;
  for (const char c : v)
    if (!is_alpha(c) && !is_digit(c) && c != '-') return std::nullopt;
  return v;
}

class AttributeWriter {
 public:
  AttributeWriter(const GumboElement& e, std::string& out) : e_(e), out_(out) {}

  const char* get(const char* name) const {
    const GumboAttribute* a = gumbo_get_attribute(&e_.attributes, name);
    return a ? a->value : nullptr;
  }
  void put(std::string_view name, std::string_view value) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    append_escaped(out_, value, true);
    out_ += '"';
  }
  bool url(const char* name) {
    const char* v = get(name);
    if (!v) return false;
    const auto u = safe_url(v);
    if (!u) return false;
    put(name, *u);
    external_ = external_ || is_external(*u);
    return true;
  }
  void text(const char* name) {
    if (const char* v = get(name)) put(name, v);
  }
  void number(const char* name) {
    if (const char* v = get(name))
      if (const auto d = digits(v)) put(name, *d);
  }
  bool external() const { return external_; }

 private:
  const GumboElement& e_;
  std::string& out_;
  bool external_ = false;
};

// Writes the start tag's attributes; false when the element is useless
// without one that was refused (an image without a usable src).
bool write_attributes(const GumboElement& e, GumboTag as, std::string& out) {
  AttributeWriter w(e, out);
  switch (as) {
    case GUMBO_TAG_A:
      w.url("href");
      w.text("title");
      break;
    case GUMBO_TAG_IMG:
      if (!w.url("src")) return false;
      if (const char* v = w.get("srcset")) {
        if (const auto set = safe_srcset(v)) {
          w.put("srcset", *set);
          if (const char* z = w.get("sizes"))
            if (const auto sizes = safe_sizes(z)) w.put("sizes", *sizes);
        }
      }
      w.text("alt");
      w.number("width");
      w.number("height");
      break;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      w.number("colspan");
      w.number("rowspan");
      break;
    case GUMBO_TAG_OL:
      w.number("start");
      break;
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
      w.url("src");
      if (w.get("controls")) w.put("controls", "");
      break;
    case GUMBO_TAG_SOURCE:
      if (!w.url("src")) return false;
      w.text("type");
      break;
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_Q:
      w.url("cite");
      break;
    case GUMBO_TAG_ABBR:
      w.text("title");
      break;
    default:
      break;
  }
  if (const char* v = w.get("class")) {
    const std::string classes = allowed_classes(v);
    if (!classes.empty()) w.put("class", classes);
  }
  if (const char* v = w.get("dir"))
    if (const auto d = direction(v)) w.put("dir", *d);
  if (const char* v = w.get("lang"))
    if (const auto l = language(v)) w.put("lang", *l);
  if (as == GUMBO_TAG_A && w.external()) w.put("rel", "noopener");
  if (as == GUMBO_TAG_IMG) w.put("loading", "lazy");
  return true;
}

// ---- Writing the allowed tree --------------------------------------------------

// One pass: parse, walk, write. Iterative, so no input can overflow the
// call stack whatever tree the parser builds.
std::string sanitize_once(std::string_view html) {
  const Fragment fragment(html);
  std::string out;
  out.reserve(html.size());
  struct Frame {
    const GumboNode* node;
    unsigned next;
    const char* close;  // the end tag to write, or nullptr for an unwrapped element
  };
  std::vector<Frame> stack{{fragment.root(), 0, nullptr}};
  std::vector<GumboTag> written;  // elements open in the output
  bool pre_opened = false;        // just wrote <pre>: see the newline rule below

  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* kids = children_of(f.node);
    if (!kids || f.next >= kids->length) {
      if (f.close) {
        out += "</";
        out += f.close;
        out += '>';
        written.pop_back();
        pre_opened = false;
      }
      stack.pop_back();
      continue;
    }
    const GumboNode* node = child(*kids, f.next++);
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        const std::string_view text = node->v.text.text;
        if (text.empty()) break;
        // The parser drops a newline right after <pre>, so a text that
        // starts with one needs a second to keep it.
        if (pre_opened && text.front() == '\n') out += '\n';
        pre_opened = false;
        append_escaped(out, text, false);
        break;
      }
      case GUMBO_NODE_ELEMENT: {
        const GumboElement& e = node->v.element;
        if (e.tag_namespace != GUMBO_NAMESPACE_HTML) break;  // svg, math
        Verdict v = judge(e.tag);
        if (v.fate == Fate::keep && v.as == GUMBO_TAG_SOURCE &&
            (written.empty() ||
             (written.back() != GUMBO_TAG_AUDIO && written.back() != GUMBO_TAG_VIDEO)))
          v.fate = Fate::drop;
        if (v.fate == Fate::keep && !kVoid[v.as] && written.size() >= kMaxNesting)
          v.fate = Fate::unwrap;
        if (v.fate == Fate::drop) break;
        if (v.fate == Fate::unwrap) {
          stack.push_back({node, 0, nullptr});
          break;
        }
        const char* name = gumbo_normalized_tagname(v.as);
        std::string attributes;
        if (!write_attributes(e, v.as, attributes)) break;
        out += '<';
        out += name;
        out += attributes;
        out += '>';
        pre_opened = v.as == GUMBO_TAG_PRE;
        if (kVoid[v.as]) break;
        written.push_back(v.as);
        stack.push_back({node, 0, name});
        break;
      }
      default:  // comments; template contents
        break;
    }
  }
  return out;
}

// ---- Plain text ------------------------------------------------------------------

class TextWriter {
 public:
  // A block boundary: `lines` 1 for a line break, 2 for a blank line.
  void boundary(int lines) {
    if (!out_.empty()) pending_lines_ = std::max(pending_lines_, lines);
  }
  void line_break() {
    if (!out_.empty()) pending_lines_ = std::min(pending_lines_ + 1, 2);
  }
  void space() { pending_space_ = !out_.empty(); }

  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == '\n') {
        newlines_ = std::min(newlines_ + 1, 2);
        boundary(newlines_);
      } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\v') {
        space();
      } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        space();  // no-break space
        ++i;
      } else if (!is_dropped_control(c)) {
        if (!out_.empty()) {
          if (pending_lines_ > 0) {
            out_.append(static_cast<std::size_t>(pending_lines_), '\n');
          } else if (pending_space_) {
            out_ += ' ';
          }
        }
        pending_lines_ = 0;
        pending_space_ = false;
        newlines_ = 0;
        out_ += static_cast<char>(c);
      }
    }
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  int pending_lines_ = 0;  // newlines owed before the next character
  bool pending_space_ = false;
  int newlines_ = 0;  // in the current run of whitespace
};

// How an element shows in plain text.
enum class Shape { inline_, hidden, line, paragraph, cell, br };

const TagSet kParagraphShape = tag_set("p h1 h2 h3 h4 h5 h6 blockquote pre figure hr");
const TagSet kLineShape = tag_set(
    "div li ul ol dl dt dd table caption thead tbody tfoot tr figcaption article section nav "
    "aside header footer address main hgroup center details summary form fieldset legend menu "
    "dir listing xmp plaintext");

Shape shape_of(const GumboElement& e) {
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return Shape::hidden;
  if (e.tag == GUMBO_TAG_BR) return Shape::br;
  if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) return Shape::cell;
  if (kParagraphShape[e.tag]) return Shape::paragraph;
  if (kLineShape[e.tag]) return Shape::line;
  // What the sanitizer drops is not seen, except a button's label.
  return kDropped[e.tag] && e.tag != GUMBO_TAG_BUTTON ? Shape::hidden : Shape::inline_;
}

}  // namespace

std::string sanitize_html(std::string_view html) {
  std::string current = sanitize_once(html);
  if (current == html) return current;
  for (int pass = 1; pass < kMaxPasses; ++pass) {
    std::string next = sanitize_once(current);
    if (next == current) return current;
    current = std::move(next);
  }
  // Never seen: output that keeps changing. Its text alone is stable.
  std::string text_only;
  append_escaped(text_only, html_to_text(html), false);
  return text_only;
}

std::string html_to_text(std::string_view html) {
  const Fragment fragment(html);
  TextWriter w;
  struct Frame {
    const GumboNode* node;
    unsigned next;
    Shape shape;
  };
  std::vector<Frame> stack{{fragment.root(), 0, Shape::inline_}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* kids = children_of(f.node);
    if (!kids || f.next >= kids->length) {
      if (f.shape == Shape::line) w.boundary(1);
      if (f.shape == Shape::paragraph) w.boundary(2);
      if (f.shape == Shape::cell) w.space();
      stack.pop_back();
      continue;
    }
    const GumboNode* node = child(*kids, f.next++);
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      w.text(node->v.text.text);
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      const Shape shape = shape_of(node->v.element);
      if (shape == Shape::hidden) continue;
      if (shape == Shape::br) {
        w.line_break();
        continue;
      }
      if (shape == Shape::line) w.boundary(1);
      if (shape == Shape::paragraph) w.boundary(2);
      stack.push_back({node, 0, shape});
    }
  }
  return w.take();
}

}  // namespace jarida::render
