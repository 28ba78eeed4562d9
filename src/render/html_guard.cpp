// The guard in front of gumbo; why it exists: html_guard.hpp. Tests:
// tests/render/html_sanitizer_test.cpp.
#include "render/html_guard.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace jarida::render::detail {

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

TagSet tag_set(std::string_view names) {
  TagSet set;
  std::size_t i = 0;
  while (i < names.size()) {
    const std::size_t end = std::min(names.find(' ', i), names.size());
    const GumboTag t = gumbo_tagn_enum(names.data() + i, static_cast<unsigned>(end - i));
    if (t == GUMBO_TAG_UNKNOWN) throw std::logic_error("unknown tag in a tag set");
    set.set(t);
    i = end + 1;
  }
  return set;
}

const TagSet kVoid = tag_set(
    "area base basefont bgsound br col embed frame hr image img input isindex keygen link "
    "meta param source track wbr");

namespace {

// Gumbo compares each attribute of a tag with those before it: 100,000
// attributes on one tag take half a minute. Real tags have a handful.
constexpr std::size_t kMaxAttributes = 64;

constexpr std::size_t npos = std::string_view::npos;

// ---- The guard ----------------------------------------------------------------
//
// Before gumbo sees the input:
//  - <svg> and <math> tags (not their content) are cut out, so nothing is
//    parsed as foreign content. Gumbo 0.10 aborts on an assertion for some
//    foreign content in tables, selects and templates (for instance
//    "<table><math><td><mi><select></table>", google/gumbo-parser#278), and
//    neither element is allowed anyway; what they held is read as HTML and
//    allowlisted like the rest (their text shows, their tags go).
//  - <isindex> is cut out: gumbo still builds the obsolete search form with
//    its English prompt, browsers no longer do; and <frameset>, which would
//    replace the document's body.
//  - start tags that would nest deeper than kMaxNesting, or carry more than
//    kMaxAttributes attributes, are cut out, with the end tags that match
//    them. The depth comes from a small model of the tree builder that errs
//    on the deep side: it pops only where the parser surely pops, counts
//    formatting elements closed implicitly (the parser may reopen them) and
//    reads raw text (script, style, textarea...) as the tokenizer does.
// A guard on time and crashes, not on safety: whatever it lets through is
// still parsed and allowlisted.

const TagSet kFormatting = tag_set("a b big code em font i nobr s small strike strong tt u");
// The HTML "special" category (treating more as special only makes the
// model pop less).
const TagSet kSpecial = tag_set(
    "address applet area article aside base basefont bgsound blockquote body br button "
    "caption center col colgroup dd details dir div dl dt embed fieldset figcaption "
    "figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html "
    "iframe img input isindex keygen li link listing main marquee menu menuitem meta nav "
    "noembed noframes noscript object ol p param plaintext pre script section select "
    "source style summary table tbody td template textarea tfoot th thead title tr track "
    "ul wbr xmp");
// Every element that bounds some "in scope" check (the union is the safe
// side: an end tag that crosses none of them surely closes its element).
const TagSet kScopeBoundary =
    tag_set("applet caption html table td th marquee object template button ol ul select");
// Start tags that close an open <p> first.
const TagSet kClosesP = tag_set(
    "address article aside blockquote center details dir div dl fieldset figcaption "
    "figure footer header hgroup main menu nav ol p section summary ul h1 h2 h3 h4 h5 h6 "
    "pre listing form table hr xmp plaintext li dd dt");
const TagSet kHeadings = tag_set("h1 h2 h3 h4 h5 h6");
const TagSet kTableParts = tag_set("table caption colgroup tbody thead tfoot tr td th");
const TagSet kRowGroups = tag_set("tbody thead tfoot");
// Elements that put a marker in the list of active formatting elements.
const TagSet kMarkers = tag_set("td th caption applet object marquee template");
// Content read as text up to the element's end tag.
const TagSet kRawText =
    tag_set("script style textarea title xmp iframe noembed noframes plaintext");
// Start tags a fragment's body ignores.
const TagSet kIgnoredInBody = tag_set("html body head frameset frame");

class NestingGuard {
 public:
  explicit NestingGuard(std::string_view in) : in_(in) {}

  std::string run() {
    out_.reserve(in_.size());
    std::size_t pos = 0;
    while (pos < in_.size()) {
      const std::size_t lt = in_.find('<', pos);
      if (lt == npos || lt + 1 >= in_.size()) break;
      pos = lt + 1;
      const char c = in_[lt + 1];
      if (c == '!') {
        pos = in_.compare(lt, 4, "<!--") == 0 ? comment_end(lt + 4) : bogus_end(lt + 2);
        continue;
      }
      if (c == '?') {
        pos = bogus_end(lt + 1);
        continue;
      }
      if (c == '/') {
        if (lt + 2 >= in_.size()) break;
        if (!is_alpha(in_[lt + 2])) {
          pos = in_[lt + 2] == '>' ? lt + 3 : bogus_end(lt + 2);
          continue;
        }
      } else if (!is_alpha(c)) {
        continue;
      }
      Tag t;
      const std::size_t stop = read_tag(lt, t);
      if (stop == npos) break;  // the tokenizer drops a tag cut by the end
      pos = stop;
      if (t.end) {
        end_tag(t, lt, stop);
      } else {
        pos = start_tag(t, lt, stop);
      }
    }
    out_.append(in_.substr(copied_));
    return std::move(out_);
  }

 private:
  struct Tag {
    bool end = false;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    std::string name;  // lower case
    std::size_t attributes = 0;
  };
  struct Open {
    GumboTag tag;
    std::string name;          // GUMBO_TAG_UNKNOWN only
    std::size_t off_mark = 0;  // markers: off_.size() when pushed
  };

  // Past the comment that starts at `from` ("<!--" already read).
  std::size_t comment_end(std::size_t from) const {
    if (in_.compare(from, 1, ">") == 0) return from + 1;   // <!-->
    if (in_.compare(from, 2, "->") == 0) return from + 2;  // <!--->
    for (std::size_t p = in_.find("--", from); p != npos; p = in_.find("--", p + 1)) {
      if (in_.compare(p + 2, 1, ">") == 0) return p + 3;
      if (in_.compare(p + 2, 2, "!>") == 0) return p + 4;
    }
    return in_.size();
  }
  std::size_t bogus_end(std::size_t from) const {
    const std::size_t gt = in_.find('>', from);
    return gt == npos ? in_.size() : gt + 1;
  }

  // The tag at `lt` as the tokenizer reads it; past its '>', or npos.
  std::size_t read_tag(std::size_t lt, Tag& t) const {
    std::size_t i = lt + 1;
    if (in_[i] == '/') {
      t.end = true;
      ++i;
    }
    const std::size_t name_start = i;
    while (i < in_.size() && !is_html_space(in_[i]) && in_[i] != '/' && in_[i] != '>') ++i;
    for (std::size_t k = name_start; k < i; ++k) t.name += ascii_lower(in_[k]);
    t.tag = gumbo_tagn_enum(t.name.data(), static_cast<unsigned>(t.name.size()));
    enum { before_name, name, after_name, before_value, dquoted, squoted, unquoted, after_quoted };
    int s = before_name;
    for (; i < in_.size(); ++i) {
      const char c = in_[i];
      switch (s) {
        case before_name:
        case after_name:
          if (c == '>') return i + 1;
          if (c == '=' && s == after_name) {
            s = before_value;
          } else if (c == '/') {
            s = before_name;
          } else if (!is_html_space(c)) {
            ++t.attributes;
            s = name;
          }
          break;
        case name:
          if (c == '>') return i + 1;
          if (is_html_space(c)) s = after_name;
          if (c == '/') s = before_name;
          if (c == '=') s = before_value;
          break;
        case before_value:
          if (c == '>') return i + 1;
          if (c == '"') s = dquoted;
          if (c == '\'') s = squoted;
          if (!is_html_space(c) && c != '"' && c != '\'') s = unquoted;
          break;
        case dquoted:
          if (c == '"') s = after_quoted;
          break;
        case squoted:
          if (c == '\'') s = after_quoted;
          break;
        case unquoted:
          if (c == '>') return i + 1;
          if (is_html_space(c)) s = before_name;
          break;
        case after_quoted:
          if (c == '>') return i + 1;
          s = before_name;
          if (!is_html_space(c) && c != '/') --i;  // reconsume as a new attribute
          break;
      }
    }
    return npos;
  }

  // Where the raw text that starts at `from` ends: the start of its end tag.
  std::size_t raw_text_end(std::size_t from, const Tag& t) {
    if (t.tag == GUMBO_TAG_PLAINTEXT) return in_.size();
    const std::string end_tag = "</" + t.name;
    if (t.tag != GUMBO_TAG_SCRIPT) return std::min(next(end_tag, from, true), in_.size());
    // Script data: "<!--" escapes, and "<script" inside an escape makes
    // "</script>" text until the escape's "-->".
    enum { data, escaped, double_escaped } state = data;
    for (std::size_t p = from;;) {
      const std::size_t end = next(end_tag, p, true);
      if (state == data) {
        const std::size_t open = next("<!--", p, false);
        if (open == npos || (end != npos && end < open)) return std::min(end, in_.size());
        state = escaped;
        p = open + 2;  // "<!-->" opens and closes
        continue;
      }
      const std::size_t close = next("-->", p, false);
      const std::size_t nested = state == escaped ? next("<" + t.name, p, true) : npos;
      const std::size_t first = std::min({close, end, nested});
      if (first == npos) return in_.size();
      if (first == close) {
        state = data;
        p = close + 3;
      } else if (first == end) {
        if (state == escaped) return end;
        state = escaped;
        p = end + 2;
      } else {
        state = double_escaped;
        p = nested + 1;
      }
    }
  }

  // The first `what` at or after `from` (as a tag: any case, followed by a
  // space, '/' or '>'), or npos. Remembered, since reading only moves
  // forward: no stretch of input is searched twice for the same thing.
  std::size_t next(const std::string& what, std::size_t from, bool tag) {
    auto& f = found_[what];
    if (f.searched && f.from <= from && (f.at == npos || f.at >= from)) return f.at;
    f = {true, from, tag ? find_tag(what, from) : in_.find(what, from)};
    return f.at;
  }
  std::size_t find_tag(std::string_view what, std::size_t from) const {
    for (std::size_t p = in_.find('<', from); p != npos; p = in_.find('<', p + 1)) {
      const std::size_t after = p + what.size();
      if (after >= in_.size()) return npos;
      const char c = in_[after];
      if (equals_ci(in_.substr(p, what.size()), what) && (is_html_space(c) || c == '/' || c == '>'))
        return p;
    }
    return npos;
  }

  void cut(std::size_t lt, std::size_t stop, std::string_view replacement = {}) {
    out_.append(in_.substr(copied_, lt - copied_));
    out_.append(replacement);
    copied_ = stop;
  }

  std::size_t depth() const { return open_.size() + off_.size(); }
  bool same(const Open& o, const Tag& t) const {
    return o.tag == t.tag && (t.tag != GUMBO_TAG_UNKNOWN || o.name == t.name);
  }

  void push(GumboTag tag, const std::string& name = {}) {
    Open o{tag, tag == GUMBO_TAG_UNKNOWN ? name : std::string(), off_.size()};
    if (tag == GUMBO_TAG_TABLE) ++tables_;
    open_.push_back(std::move(o));
  }
  // Pops open_[i] and everything above it. Formatting elements closed on
  // the way stay counted (the parser may reopen them), except open_[i] itself
  // when its own end tag closes it.
  void pop_to(std::size_t i, bool by_own_end_tag) {
    while (open_.size() > i) {
      const Open& o = open_.back();
      const bool own = by_own_end_tag && open_.size() == i + 1;
      if (o.tag == GUMBO_TAG_TABLE) --tables_;
      if (kMarkers[o.tag]) {
        off_.resize(std::min(off_.size(), o.off_mark));
      } else if (kFormatting[o.tag] && !own) {
        off_.push_back(o.tag);
      }
      open_.pop_back();
    }
  }
  std::size_t off_floor() const {
    for (std::size_t i = open_.size(); i-- > 0;)
      if (kMarkers[open_[i].tag]) return open_[i].off_mark;
    return 0;
  }
  // The nearest open element for which `match` holds, searching down from
  // the current node and giving up at one for which `stop` holds.
  template <class Match, class Stop>
  std::optional<std::size_t> find(Match match, Stop stop) const {
    for (std::size_t i = open_.size(); i-- > 0;) {
      if (match(open_[i])) return i;
      if (stop(open_[i])) return std::nullopt;
    }
    return std::nullopt;
  }
  void close_p() {
    const auto p = find([](const Open& o) { return o.tag == GUMBO_TAG_P; },
                        [](const Open& o) { return kScopeBoundary[o.tag]; });
    if (p) pop_to(*p, false);
  }
  // Pops down to the nearest table part (not crossing a template).
  std::optional<std::size_t> nearest_table_part() const {
    return find([](const Open& o) { return kTableParts[o.tag]; },
                [](const Open& o) { return o.tag == GUMBO_TAG_TEMPLATE; });
  }

  // The parser's implied closes for a start tag, then the number of
  // elements it opens.
  std::size_t open_for_start(const Tag& t) {
    const GumboTag g = t.tag;
    if (g == GUMBO_TAG_TABLE) {
      // In a table (not in one of its cells) a new table closes the old one.
      const auto part = nearest_table_part();
      if (part && open_[*part].tag != GUMBO_TAG_TD && open_[*part].tag != GUMBO_TAG_TH) {
        const auto table = find([](const Open& o) { return o.tag == GUMBO_TAG_TABLE; },
                                [](const Open& o) { return o.tag == GUMBO_TAG_TEMPLATE; });
        if (table) pop_to(*table, false);
      }
      close_p();
      return 1;
    }
    if (kTableParts[g] || g == GUMBO_TAG_COL) {
      if (tables_ == 0) return 0;  // ignored outside a table
      // Close what the new part cannot sit in, down to its context.
      const auto context_ok = [g](GumboTag at) {
        switch (g) {
          case GUMBO_TAG_TD:
          case GUMBO_TAG_TH:
            return at == GUMBO_TAG_TR || kRowGroups[at] || at == GUMBO_TAG_TABLE;
          case GUMBO_TAG_TR:
            return kRowGroups[at] || at == GUMBO_TAG_TABLE;
          case GUMBO_TAG_COL:
            return at == GUMBO_TAG_TABLE || at == GUMBO_TAG_COLGROUP;
          default:
            return at == GUMBO_TAG_TABLE;
        }
      };
      for (auto part = nearest_table_part(); part; part = nearest_table_part()) {
        if (context_ok(open_[*part].tag)) {
          pop_to(*part + 1, false);
          break;
        }
        pop_to(*part, false);
      }
      const GumboTag at = open_.empty() ? GUMBO_TAG_UNKNOWN : open_.back().tag;
      const bool cell = g == GUMBO_TAG_TD || g == GUMBO_TAG_TH;
      if (g == GUMBO_TAG_COL) return at == GUMBO_TAG_TABLE ? 1 : 0;  // an implied colgroup
      if (cell && at == GUMBO_TAG_TABLE) return 3;                   // tbody, tr, the cell
      if ((cell && kRowGroups[at]) || (g == GUMBO_TAG_TR && at == GUMBO_TAG_TABLE)) return 2;
      return 1;
    }
    if (g == GUMBO_TAG_LI || g == GUMBO_TAG_DD || g == GUMBO_TAG_DT) {
      const auto same_kind = [g](const Open& o) {
        return g == GUMBO_TAG_LI ? o.tag == GUMBO_TAG_LI
                                 : o.tag == GUMBO_TAG_DD || o.tag == GUMBO_TAG_DT;
      };
      const auto item = find(same_kind, [](const Open& o) {
        return kSpecial[o.tag] && o.tag != GUMBO_TAG_ADDRESS && o.tag != GUMBO_TAG_DIV &&
               o.tag != GUMBO_TAG_P;
      });
      if (item) pop_to(*item, false);
    }
    if (kClosesP[g]) close_p();
    if (kHeadings[g] && !open_.empty() && kHeadings[open_.back().tag])
      pop_to(open_.size() - 1, false);
    if ((g == GUMBO_TAG_A || g == GUMBO_TAG_OPTION || g == GUMBO_TAG_OPTGROUP) && !open_.empty() &&
        open_.back().tag == (g == GUMBO_TAG_A ? g : GUMBO_TAG_OPTION))
      pop_to(open_.size() - 1, g == GUMBO_TAG_A);
    return kVoid[g] || kIgnoredInBody[g] ? 0 : 1;
  }

  // Returns where reading goes on (past raw text, which the tokenizer does
  // not read as tags).
  std::size_t start_tag(const Tag& t, std::size_t lt, std::size_t stop) {
    if (t.tag == GUMBO_TAG_SVG || t.tag == GUMBO_TAG_MATH || t.tag == GUMBO_TAG_ISINDEX ||
        t.tag == GUMBO_TAG_FRAMESET) {
      cut(lt, stop);  // see above
      return stop;
    }
    const bool raw = kRawText[t.tag];
    const bool opens = !kVoid[t.tag] && !kIgnoredInBody[t.tag] && !raw;
    if (t.attributes > kMaxAttributes || (opens && depth() >= kMaxNesting)) {
      cut(lt, stop);
      if (opens) ++dropped_[t.name];
      return stop;
    }
    if (raw) {
      if (kClosesP[t.tag]) close_p();
      return raw_text_end(stop, t);
    }
    const std::size_t opened = open_for_start(t);
    if (t.tag == GUMBO_TAG_TD || t.tag == GUMBO_TAG_TH) {
      if (opened >= 3) push(GUMBO_TAG_TBODY);
      if (opened >= 2) push(GUMBO_TAG_TR);
    } else if (t.tag == GUMBO_TAG_TR && opened >= 2) {
      push(GUMBO_TAG_TBODY);
    } else if (t.tag == GUMBO_TAG_COL) {
      if (opened >= 1) push(GUMBO_TAG_COLGROUP);
      return stop;
    }
    if (opened >= 1) push(t.tag, t.name);
    return stop;
  }

  void end_tag(const Tag& t, std::size_t lt, std::size_t stop) {
    if (t.tag == GUMBO_TAG_SVG || t.tag == GUMBO_TAG_MATH) {
      cut(lt, stop);
      return;
    }
    if (auto d = dropped_.find(t.name); d != dropped_.end() && d->second > 0) {
      --d->second;
      cut(lt, stop);
      return;
    }
    if (t.attributes > kMaxAttributes) cut(lt, stop, "</" + t.name + ">");
    const GumboTag g = t.tag;
    const auto mine = [&](const Open& o) { return same(o, t); };
    if (kFormatting[g]) {
      if (const auto i = find(mine, [](const Open& o) { return kSpecial[o.tag]; })) {
        pop_to(*i, true);
      } else if (!find(mine, [](const Open&) { return false; })) {
        // Closed earlier by another tag: the parser forgets it now.
        const std::size_t floor = off_floor();
        for (std::size_t k = off_.size(); k-- > floor;) {
          if (off_[k] == g) {
            off_.erase(off_.begin() + static_cast<std::ptrdiff_t>(k));
            break;
          }
        }
      }
      return;
    }
    if (g == GUMBO_TAG_FORM) {  // removes the form only, its content stays open
      const auto i = find(mine, [](const Open& o) { return kScopeBoundary[o.tag]; });
      if (i) open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(*i));
      return;
    }
    std::optional<std::size_t> i;
    if (kTableParts[g]) {
      i = find(mine, [](const Open& o) {
        return o.tag == GUMBO_TAG_TABLE || o.tag == GUMBO_TAG_TEMPLATE || o.tag == GUMBO_TAG_HTML;
      });
    } else if (kHeadings[g]) {
      i = find([](const Open& o) { return kHeadings[o.tag]; },
               [](const Open& o) { return kScopeBoundary[o.tag]; });
    } else if (kSpecial[g]) {
      i = find(mine, [](const Open& o) { return kScopeBoundary[o.tag]; });
    } else {
      i = find(mine, [](const Open& o) { return kSpecial[o.tag]; });
    }
    if (i) pop_to(*i, true);
  }

  std::string_view in_;
  std::string out_;
  std::size_t copied_ = 0;
  std::vector<Open> open_;
  std::vector<GumboTag> off_;  // formatting elements closed implicitly
  std::unordered_map<std::string, std::size_t> dropped_;
  struct Found {
    bool searched = false;
    std::size_t from = 0, at = npos;
  };
  std::unordered_map<std::string, Found> found_;
  std::size_t tables_ = 0;
};

}  // namespace

std::string guard_html(std::string_view html) {
  return NestingGuard(html).run();
}

}  // namespace jarida::render::detail
