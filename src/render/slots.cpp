#include "render/slots.hpp"

#include "text/utf8.hpp"

namespace jarida::render {

std::string visit_slot(core::Id article_id) {
  std::string s(1, kSlotOpen);
  s += 'v';
  s += std::to_string(article_id);
  s += kSlotClose;
  return s;
}

std::string comment_count_slot(core::Id article_id) {
  std::string s(1, kSlotOpen);
  s += 'c';
  s += std::to_string(article_id);
  s += kSlotClose;
  return s;
}

std::string fragment_slot(std::string_view name) {
  std::string s(1, kSlotOpen);
  s += 'f';
  s += name;
  s += kSlotClose;
  return s;
}

std::string text_slot(std::string_view name) {
  std::string s(1, kSlotOpen);
  s += 't';
  s += name;
  s += kSlotClose;
  return s;
}

std::string html_escape(std::string_view s) {
  return text::html_escape(strip_slot_bytes(s));
}

std::string strip_slot_bytes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != kSlotOpen && c != kSlotClose && c != '\0') out.push_back(c);
  return out;
}

}  // namespace jarida::render
