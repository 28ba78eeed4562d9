#include "store/sqlite/shared_writes.hpp"

#include <algorithm>

namespace jarida::store::sqlite {

std::string free_slug(Connection& c, std::string_view taken_sql, std::string_view wanted,
                      std::optional<core::Id> self) {
  std::string slug(wanted);
  for (int n = 2;; ++n) {
    {
      auto q = c.query(taken_sql, "free slug");
      q.bind(1, std::string_view(slug));
      if (!q.step() || q.int64(0) == self) return slug;
    }
    slug = std::string(wanted) + "-" + std::to_string(n);
  }
}

void set_article_tags(Connection& c, core::Id article, std::vector<core::Id> wanted) {
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<core::Id> have;
  {
    auto q = c.query("SELECT tag_id FROM article_tags WHERE article_id = ?1 ORDER BY tag_id",
                     "article tags");
    q.bind(1, article);
    while (q.step()) have.push_back(q.int64(0));
  }
  if (have == wanted) return;
  {
    auto q = c.query("DELETE FROM article_tags WHERE article_id = ?1", "article tags");
    q.bind(1, article);
    q.run();
  }
  for (core::Id tag : wanted) {
    auto q = c.query(
        "INSERT INTO article_tags (article_id, tag_id, status, published_at) "
        "SELECT id, ?2, status, published_at FROM articles WHERE id = ?1",
        "article tags");
    q.bind(1, article).bind(2, tag);
    q.run();
  }
}

std::uint64_t read_content_version(Connection& c) {
  auto q = c.query("SELECT version FROM content_version WHERE id = 1", "content_version");
  q.step();
  return static_cast<std::uint64_t>(q.int64(0));
}

}  // namespace jarida::store::sqlite
