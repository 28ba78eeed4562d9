// Small UTF-8 helpers for the renderer (excerpt cuts) and request validation.
// Decoding uses ICU's U8_NEXT, which implements the Unicode "well-formed
// UTF-8" table (3-7): overlong forms, surrogates (ED A0..ED BF) and anything
// past U+10FFFF come back as a negative code point. Tested in
// tests/text/utf8_test.cpp.
#include "text/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace jarida::text {

namespace {

const std::uint8_t* as_bytes(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

// Decodes the code point at s[i] and advances i; -1 if ill-formed (then i
// has moved past the bad bytes, so callers never loop forever).
UChar32 next_code_point(std::string_view s, std::size_t& i) {
  UChar32 c;
  U8_NEXT(as_bytes(s), i, s.size(), c);
  return c;
}

void append_utf8(std::string& out, UChar32 c) {
  std::array<std::uint8_t, U8_MAX_LENGTH> buf{};
  std::size_t n = 0;
  U8_APPEND_UNSAFE(buf.data(), n, c);
  out.append(reinterpret_cast<const char*>(buf.data()), n);
}

// A place where a line may break between words. No-break spaces (U+00A0,
// U+2007, U+202F) are whitespace but glue "10 كم" together on purpose, so
// u_isWhitespace (which excludes them) rather than u_isUWhiteSpace.
bool is_break_space(UChar32 c) {
  return c >= 0 && u_isWhitespace(c);
}

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026 "…"

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, s.size(), c);
    if (c >= 0) out.append(s.substr(start, i - start));
  }
  return out;
}

std::string cut_utf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t end = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to a code point start.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (next_code_point(s, i) < 0) return false;
  }
  return true;
}

std::size_t count_code_points(std::string_view s) {
  // Valid UTF-8: every code point has exactly one non-continuation byte.
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; }));
}

// Rule: an excerpt ends on a whole word ("اقرأ المزيد" follows it), never
// halfway through one, and says it was shortened with "…".
std::string cut_at_word(std::string_view text, std::size_t max_chars) {
  // Walk the first max_chars code points, remembering where the last
  // breakable space starts (byte offset).
  std::size_t i = 0;
  std::size_t count = 0;
  std::size_t last_space = std::string_view::npos;
  while (i < text.size() && count < max_chars) {
    const std::size_t start = i;
    if (is_break_space(next_code_point(text, i))) last_space = start;
    ++count;
  }
  const std::size_t limit = i;
  // Nothing to cut, or only trailing blanks: no "…" for those.
  std::size_t rest = limit;
  while (rest < text.size()) {
    std::size_t next = rest;
    if (!is_break_space(next_code_point(text, next))) break;
    rest = next;
  }
  if (rest >= text.size()) return std::string(text.substr(0, limit));

  std::size_t cut = limit;  // used when the window is one long word
  std::size_t peek = limit;
  if (!is_break_space(next_code_point(text, peek)) && last_space != std::string_view::npos) {
    cut = last_space;  // else the window already ends at a word boundary
  }
  // Drop the spaces before the ellipsis: "كلمة …" reads as a stray mark.
  auto trim_back = [&](std::size_t end) {
    while (end > 0) {
      std::size_t back = end;
      U8_BACK_1(as_bytes(text), 0, back);
      std::size_t probe = back;
      if (!is_break_space(next_code_point(text, probe))) break;
      end = back;
    }
    return end;
  };
  std::size_t end = trim_back(cut);
  // Only blanks before the last space (leading blanks): cut at the limit.
  if (end == 0) end = trim_back(limit);
  std::string out(text.substr(0, end));
  out.append(kEllipsis);
  return out;
}

// Rule: excerpts and "about" cuts show the words a reader sees, so block
// elements (<p>, <br>, <li>...) separate words while inline ones (<b>, <a>)
// do not, and <script>/<style> contents are not words at all.
std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool pending_space = false;  // collapse runs of whitespace to one ' '

  auto put_space = [&] { pending_space = true; };
  auto put_code_point = [&](UChar32 c) {
    if (u_isUWhiteSpace(c)) {
      put_space();
      return;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    append_utf8(out, c);
  };

  auto lower = [](std::string_view s) {
    std::string r(s);
    for (char& ch : r)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return r;
  };
  auto starts_with_ci = [&](std::size_t at, std::string_view prefix) {
    return html.size() - at >= prefix.size() && lower(html.substr(at, prefix.size())) == prefix;
  };
  auto is_ascii_alpha = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  };

  static constexpr std::array<std::string_view, 27> kBlockTags = {
      "address",    "article", "aside",  "blockquote", "br", "dd",  "div",     "dl", "dt",
      "figcaption", "figure",  "footer", "h1",         "h2", "h3",  "h4",      "h5", "h6",
      "header",     "hr",      "li",     "ol",         "p",  "pre", "section", "td", "tr"};

  std::size_t i = 0;
  while (i < html.size()) {
    const char ch = html[i];
    if (ch == '<') {
      // Comment: skip to "-->".
      if (starts_with_ci(i, "<!--")) {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const bool closing = i + 1 < html.size() && html[i + 1] == '/';
      const std::size_t name_at = i + (closing ? 2 : 1);
      const bool is_tag =
          name_at < html.size() && (is_ascii_alpha(html[name_at]) ||
                                    (!closing && (html[name_at] == '!' || html[name_at] == '?')));
      if (!is_tag) {  // a literal '<', as in "a < b"
        put_code_point('<');
        ++i;
        continue;
      }
      std::size_t name_end = name_at;
      while (name_end < html.size() &&
             (is_ascii_alpha(html[name_end]) || (html[name_end] >= '0' && html[name_end] <= '9')))
        ++name_end;
      const std::string name = lower(html.substr(name_at, name_end - name_at));
      // Find the closing '>', honouring quoted attribute values (title="a>b").
      std::size_t j = name_end;
      char quote = 0;
      for (; j < html.size(); ++j) {
        if (quote) {
          if (html[j] == quote) quote = 0;
        } else if (html[j] == '"' || html[j] == '\'') {
          quote = html[j];
        } else if (html[j] == '>') {
          break;
        }
      }
      i = j < html.size() ? j + 1 : html.size();
      if (std::find(kBlockTags.begin(), kBlockTags.end(), name) != kBlockTags.end()) put_space();
      if (!closing && (name == "script" || name == "style")) {
        const std::string close = "</" + name;
        std::size_t k = i;
        while (k < html.size() && !starts_with_ci(k, close)) ++k;
        if (k >= html.size()) {
          i = html.size();
        } else {
          const std::size_t gt = html.find('>', k);
          i = gt == std::string_view::npos ? html.size() : gt + 1;
        }
        put_space();
      }
      continue;
    }
    if (ch == '&') {
      const std::size_t semi = html.find(';', i + 1);
      // Entities are short; a lone '&' ("Q&A") stays as written.
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string_view ref = html.substr(i + 1, semi - i - 1);
        UChar32 decoded = -1;
        if (ref == "amp") {
          decoded = '&';
        } else if (ref == "lt") {
          decoded = '<';
        } else if (ref == "gt") {
          decoded = '>';
        } else if (ref == "quot") {
          decoded = '"';
        } else if (ref == "apos") {
          decoded = '\'';
        } else if (ref == "nbsp") {
          // Editors scatter &nbsp; between words; in an excerpt it is a space.
          decoded = ' ';
        } else if (ref.size() >= 2 && ref[0] == '#') {
          // Numeric references (&#39;, &#x627;): any Unicode scalar value.
          const bool hex = ref[1] == 'x' || ref[1] == 'X';
          const std::string_view digits = ref.substr(hex ? 2 : 1);
          long value = digits.empty() ? -1 : 0;
          for (char d : digits) {
            int v = -1;
            if (d >= '0' && d <= '9') v = d - '0';
            if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
            if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
            if (v < 0 || value > 0x10FFFF) {
              value = -1;
              break;
            }
            value = value * (hex ? 16 : 10) + v;
          }
          if (value > 0 && value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF))
            decoded = static_cast<UChar32>(value);
        }
        if (decoded >= 0) {
          put_code_point(decoded);
          i = semi + 1;
          continue;
        }
      }
      put_code_point('&');
      ++i;
      continue;
    }
    // Text: decode so that Unicode whitespace collapses too; ill-formed bytes
    // are dropped so the result is always valid UTF-8.
    const UChar32 c = next_code_point(html, i);
    if (c >= 0) put_code_point(c);
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
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
        out += c;
    }
  }
  return out;
}

}  // namespace jarida::text
