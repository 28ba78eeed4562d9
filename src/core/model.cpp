#include "core/model.hpp"

#include <cstdio>

namespace jarida::core {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::admin:
      return "admin";
    case Role::editor:
      return "editor";
    case Role::author:
      return "author";
  }
  return "author";
}

std::optional<Role> role_from_string(std::string_view s) {
  if (s == "admin") return Role::admin;
  if (s == "editor") return Role::editor;
  if (s == "author") return Role::author;
  return std::nullopt;
}

std::string_view to_string(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::draft:
      return "draft";
    case ArticleStatus::pending:
      return "pending";
    case ArticleStatus::private_:
      return "private";
    case ArticleStatus::scheduled:
      return "scheduled";
    case ArticleStatus::published:
      return "published";
    case ArticleStatus::trash:
      return "trash";
  }
  return "draft";
}

std::optional<ArticleStatus> article_status_from_string(std::string_view s) {
  for (auto status : {ArticleStatus::draft, ArticleStatus::pending, ArticleStatus::scheduled,
                      ArticleStatus::published, ArticleStatus::private_, ArticleStatus::trash})
    if (to_string(status) == s) return status;
  return std::nullopt;
}

std::string_view to_string(CommentStatus s) {
  switch (s) {
    case CommentStatus::pending:
      return "pending";
    case CommentStatus::approved:
      return "approved";
    case CommentStatus::spam:
      return "spam";
    case CommentStatus::trash:
      return "trash";
  }
  return "pending";
}

std::optional<CommentStatus> comment_status_from_string(std::string_view s) {
  if (s == "pending") return CommentStatus::pending;
  if (s == "approved") return CommentStatus::approved;
  if (s == "spam") return CommentStatus::spam;
  if (s == "trash") return CommentStatus::trash;
  return std::nullopt;
}

std::string article_path(TimePoint published_at, std::string_view slug) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(published_at)};
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "/%04d/%02u/", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  std::string path(prefix);
  path.append(slug);
  path.push_back('/');
  return path;
}

std::string article_path(const ArticleSummary& a) {
  return article_path(a.published_at, a.slug);
}

}  // namespace jarida::core
