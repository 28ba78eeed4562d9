// Domain types shared by every layer: what an article, category, comment...
// is, independent of HTTP, SQL and templates. Times are UTC (ARCHITECTURE.md
// principle 7); display code converts them at the edge.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jarida::core {

using Id = std::int64_t;
using TimePoint = std::chrono::sys_seconds;  // UTC, second precision
// Now, to the second (what the database stores).
inline TimePoint now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

enum class Role { admin, editor, author };
// pending: waiting for an editor's review; private: the newsroom sees it,
// readers never do (password-protected WordPress posts are imported so).
enum class ArticleStatus { draft, pending, scheduled, published, private_, trash };
enum class CommentStatus { pending, approved, spam, trash };

std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);
std::string_view to_string(ArticleStatus s);
std::optional<ArticleStatus> article_status_from_string(std::string_view s);
std::string_view to_string(CommentStatus s);
std::optional<CommentStatus> comment_status_from_string(std::string_view s);

struct Category {
  Id id = 0;
  std::string slug;
  std::string name;
  std::string description;
  std::optional<Id> parent;
};

struct Tag {
  Id id = 0;
  std::string slug;
  std::string name;
};

struct Author {
  Id id = 0;
  std::string login;
  std::string slug;
  std::string display_name;
  std::string bio;
  Role role = Role::author;
};

// A smaller WebP copy of an uploaded image, for srcset (issue 6).
struct MediaVariant {
  std::int64_t width = 0;  // pixels
  std::int64_t height = 0;
  std::string url;  // "/media/2026/11/name-400.webp"
};

// An image an article refers to (its featured image): the media table.
struct Media {
  Id id = 0;
  std::string url;  // "/media/..." on this site, or a kept remote http(s) URL
  std::string mime;
  std::int64_t width = 0;  // pixels; 0 when unknown
  std::int64_t height = 0;
  std::string alt;
  std::string caption;                 // plain text
  std::string title;                   // the file's name as uploaded, for the media library
  std::vector<MediaVariant> variants;  // narrowest first; empty for imported/remote images
  TimePoint created_at{};
  Id uploaded_by = 0;  // user id; 0 when imported
};

// What a list (home, category, tag, author) shows of an article.
struct ArticleSummary {
  Id id = 0;
  std::string slug;
  std::string title;
  std::string kicker;  // e.g. "انفراد" (exclusive), "عاجل" (breaking); may be empty
  std::string excerpt;
  TimePoint published_at{};
  Category category;
  Author author;
  std::int64_t visits = 0;  // as last flushed to the store
  std::int64_t comment_count = 0;
  bool sticky = false;  // pinned atop the home page (WordPress's sticky posts)
  std::optional<Media> featured_image;
};

struct Article : ArticleSummary {
  std::string body_html;  // sanitized when saved
  std::vector<Tag> tags;
  bool comments_open = true;  // false: no new comments (approved ones still show)
};

struct Comment {
  Id id = 0;
  Id article_id = 0;
  std::optional<Id> parent;
  std::string author_name;
  std::string author_email;  // never shown publicly
  std::string body;          // plain text
  CommentStatus status = CommentStatus::pending;
  TimePoint created_at{};
};

// A comment as the moderation queue shows it.
struct ModerationItem {
  Comment comment;
  std::string article_title;
  std::string article_slug;
  TimePoint article_published_at{};
};

// One row of the site-wide "latest comments" list.
struct LatestComment {
  Comment comment;
  std::string article_title;
  std::string article_slug;
  TimePoint article_published_at{};
};

struct Page {
  Id id = 0;
  std::string slug;
  std::string title;
  std::string body_html;
  TimePoint updated_at{};
};

// A slice of a longer list, with the total so lists can paginate.
template <class T>
struct Paged {
  std::vector<T> items;
  std::int64_t total = 0;
};

// The public path of an article: WordPress's month-and-name permalink,
// /{yyyy}/{mm}/{slug}/, month taken in UTC. `slug` is raw UTF-8 (not encoded).
std::string article_path(const ArticleSummary& a);
std::string article_path(TimePoint published_at, std::string_view slug);

}  // namespace jarida::core
