// What `jarida import wordpress` writes (issue 7). Every row is keyed by its
// WordPress id (legacy_id), so importing the same file again updates rows
// instead of adding them, and the whole import is one transaction: a bad
// file leaves the database exactly as it was.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace jarida::store {

struct ImportedUser {
  std::int64_t legacy_id = 0;
  std::string login;
  std::string slug;  // /author/{slug}/; never the login (it would reveal it)
  std::string display_name;
  std::string email;
};

// A category or a tag. parent_legacy_id is for categories only.
struct ImportedTerm {
  std::int64_t legacy_id = 0;
  std::string slug;
  std::string name;
  std::string description;
  std::optional<std::int64_t> parent_legacy_id;
};

struct ImportedMedia {
  std::int64_t legacy_id = 0;
  std::string url;
  std::string mime;
  std::int64_t width = 0;
  std::int64_t height = 0;
  std::string title;
  std::string alt;
  std::string caption;
  core::TimePoint created_at{};
};

struct ImportedArticle {
  std::int64_t legacy_id = 0;
  std::string slug;  // wanted; another article's slug gets a "-2" suffix (see ArticleWrite)
  std::string title;
  std::string excerpt;
  std::string body_html;  // already sanitized
  core::ArticleStatus status = core::ArticleStatus::published;
  core::TimePoint published_at{};
  core::TimePoint updated_at{};
  core::Id author_id = 0;
  core::Id category_id = 0;
  std::vector<core::Id> tag_ids;
  std::int64_t visits = 0;  // WordPress's counter; never lowers a count Jarida kept since
  bool sticky = false;
  bool comments_open = true;
  std::optional<std::int64_t> featured_media_legacy_id;
};

struct ImportedPage {
  std::int64_t legacy_id = 0;
  std::string slug;
  std::string title;
  std::string body_html;  // already sanitized
  core::ArticleStatus status =
      core::ArticleStatus::published;  // draft, pending, private, trash too
  core::TimePoint updated_at{};
};

struct ImportedComment {
  std::int64_t legacy_id = 0;
  core::Id article_id = 0;
  std::optional<std::int64_t> parent_legacy_id;
  std::string author_name;
  std::string author_email;
  std::string email_key;  // normalized email, so a returning commenter is recognized
  std::string body;       // plain text
  core::CommentStatus status = core::CommentStatus::pending;
  core::TimePoint created_at{};
  std::string ip_hash;
};

struct Upserted {
  core::Id id = 0;
  bool added = false;  // false: an earlier import's row was updated
};

struct ArticleWrite : Upserted {
  std::string slug;  // the slug stored: the wanted one, or it with a suffix when taken
};

// What finish() found.
struct ImportFixups {
  std::int64_t orphan_comments = 0;         // parent not in the file: now top-level
  std::int64_t missing_featured_media = 0;  // featured image not in the file
};

class ImportBatch {
 public:
  virtual ~ImportBatch() = default;
  // Matched by legacy id, then by login (an existing Jarida user keeps its
  // password, role and slug, and is linked to the WordPress author).
  virtual Upserted upsert_user(const ImportedUser& u) = 0;
  // Matched by legacy id, then by slug. A parent not yet imported is linked
  // in finish().
  virtual Upserted upsert_category(const ImportedTerm& t) = 0;
  virtual Upserted upsert_tag(const ImportedTerm& t) = 0;
  virtual Upserted upsert_media(const ImportedMedia& m) = 0;
  virtual ArticleWrite upsert_article(const ImportedArticle& a) = 0;
  virtual ArticleWrite upsert_page(const ImportedPage& p) = 0;
  virtual std::optional<core::Id> article_by_legacy_id(std::int64_t legacy_id) = 0;
  // A comment's parent may come later in the file: finish() links it.
  virtual Upserted upsert_comment(const ImportedComment& c) = 0;
  // An old path (as WordPress served it, decoded) that now lives elsewhere.
  virtual void add_redirect(std::string_view from_path, std::string_view to_path) = 0;
  // Links what referred forward (comment parents, category parents,
  // featured images); call once, after the last item.
  virtual ImportFixups finish() = 0;
  virtual void commit() = 0;
};

}  // namespace jarida::store
