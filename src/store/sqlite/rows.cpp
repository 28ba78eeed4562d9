#include "store/sqlite/rows.hpp"

#include <optional>
#include <string>

#include "store/store.hpp"

namespace jarida::store::sqlite {

core::Author read_author(const Query& q, int first) {
  core::Author a;
  a.id = q.int64(first);
  a.login = q.text(first + 1);
  a.slug = q.text(first + 2);
  a.display_name = q.text(first + 3);
  a.bio = q.text(first + 4);
  // The schema's CHECK allows only known roles.
  a.role = core::role_from_string(q.text(first + 5)).value_or(core::Role::author);
  return a;
}

core::Category read_category(const Query& q, int first) {
  core::Category c;
  c.id = q.int64(first);
  c.slug = q.text(first + 1);
  c.name = q.text(first + 2);
  c.description = q.text(first + 3);
  c.parent = q.optional_int64(first + 4);
  return c;
}

core::Tag read_tag(const Query& q, int first) {
  return core::Tag{q.int64(first), q.text(first + 1), q.text(first + 2)};
}

void read_summary_into(const Query& q, int first, core::ArticleSummary& s) {
  s.id = q.int64(first);
  s.slug = q.text(first + 1);
  s.title = q.text(first + 2);
  s.kicker = q.text(first + 3);
  s.excerpt = q.text(first + 4);
  s.published_at = q.time(first + 5);
  s.visits = q.int64(first + 6);
  s.comment_count = q.int64(first + 7);
  s.category = read_category(q, first + 8);
  const int after_author = first + 8 + kCategoryColumnCount + kAuthorColumnCount;
  s.author = read_author(q, first + 8 + kCategoryColumnCount);
  s.sticky = q.int64(after_author) != 0;
  s.featured_image = read_media(q, after_author + 1);
}

std::optional<core::Media> read_media(const Query& q, int first) {
  const auto id = q.optional_int64(first);
  if (!id) return std::nullopt;
  core::Media m;
  m.id = *id;
  m.url = q.text(first + 1);
  m.mime = q.text(first + 2);
  m.width = q.int64(first + 3);
  m.height = q.int64(first + 4);
  m.alt = q.text(first + 5);
  m.caption = q.text(first + 6);
  m.variants = decode_variants(q.text(first + 7));
  return m;
}

std::string encode_variants(const std::vector<core::MediaVariant>& variants) {
  std::string out;
  for (const auto& v : variants) {
    if (v.url.find_first_of("\r\n") != std::string::npos)
      throw Error("media variant URL with a line break: " + v.url);
    if (!out.empty()) out += '\n';
    out += std::to_string(v.width);
    out += ' ';
    out += std::to_string(v.height);
    out += ' ';
    out += v.url;
  }
  return out;
}

namespace {

// A whole non-negative decimal number, or nullopt.
std::optional<std::int64_t> whole_number(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  std::int64_t n = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

std::vector<core::MediaVariant> decode_variants(std::string_view text) {
  std::vector<core::MediaVariant> out;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos) continue;
    const auto w = whole_number(line.substr(0, sp1));
    const auto h = whole_number(line.substr(sp1 + 1, sp2 - sp1 - 1));
    if (!w || !h || sp2 + 1 == line.size()) continue;
    out.push_back(core::MediaVariant{*w, *h, std::string(line.substr(sp2 + 1))});
  }
  return out;
}

core::ArticleSummary read_summary(const Query& q, int first) {
  core::ArticleSummary s;
  read_summary_into(q, first, s);
  return s;
}

core::Comment read_comment(const Query& q, int first) {
  core::Comment c;
  c.id = q.int64(first);
  c.article_id = q.int64(first + 1);
  c.parent = q.optional_int64(first + 2);
  c.author_name = q.text(first + 3);
  c.author_email = q.text(first + 4);
  c.body = q.text(first + 5);
  c.status =
      core::comment_status_from_string(q.text(first + 6)).value_or(core::CommentStatus::pending);
  c.created_at = q.time(first + 7);
  return c;
}

core::TimePoint now_utc() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace jarida::store::sqlite
