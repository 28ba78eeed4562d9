// WordPress's wpautop, rewritten: paragraphs and line breaks for classic post content.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "importer/html_pieces.hpp"
#include "importer/wp_content.hpp"

namespace jarida::importer {
using namespace detail;
namespace {

// Block elements wpautop keeps track of; beyond, nesting is tag soup and
// tracking it would make each end tag a long search.
constexpr std::size_t kMaxBlockDepth = 512;

// ---- wpautop ----------------------------------------------------------------------

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

}  // namespace

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

}  // namespace jarida::importer
