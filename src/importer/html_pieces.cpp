// Reading HTML for the WordPress content filters: the tokenizer and helpers in html_pieces.hpp.
#include "importer/html_pieces.hpp"

namespace jarida::importer::detail {

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

}  // namespace jarida::importer::detail
