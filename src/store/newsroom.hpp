// What the newsroom (/admin/, issue 6) reads and writes through the store:
// accounts and sessions, every article whatever its status, revisions,
// scheduled publishing, moderation counts. Declared apart from store.hpp
// so the readers' interface stays readable; Store implements both.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace jarida::store {

// ---- Accounts and sessions

struct Account {
  core::Author author;        // id, login, slug, display_name, bio, role
  std::string password_hash;  // argon2id string; "" = cannot sign in
  std::string email;
  bool disabled = false;
  core::TimePoint created_at{};
};

// A session token is 32 random bytes held only by the browser; the store
// keeps its BLAKE2b hash, so a copied database hands out no live session.
using TokenHash = std::array<unsigned char, 32>;

struct NewSession {
  TokenHash token_hash{};
  core::Id user_id = 0;
  core::TimePoint created_at{};
  core::TimePoint expires_at{};
  std::string user_agent;  // shown in the sessions list (cut to 200 bytes)
  std::string ip;
};

struct SessionInfo {
  TokenHash token_hash{};
  core::TimePoint created_at{};
  core::TimePoint last_seen_at{};
  core::TimePoint expires_at{};
  std::string user_agent;
  std::string ip;
};

struct SignedInUser {
  Account account;
  SessionInfo session;
};

// ---- Articles as the newsroom sees them

// Which articles the newsroom list shows. No status: everything but trash.
struct NewsroomFilter {
  std::optional<core::ArticleStatus> status;
  std::optional<core::Id> category_id;
  std::optional<core::Id> author_id;
  std::string text;  // "" or words the title must contain (case-insensitive)
};

struct NewsroomArticle {
  core::ArticleSummary article;  // published_at: the publication (or planned) time
  core::ArticleStatus status = core::ArticleStatus::draft;
  core::TimePoint updated_at{};
};

// An article with everything the editor form edits.
struct EditableArticle {
  core::Article article;  // tags, featured_image, comments_open, sticky ...
  core::ArticleStatus status = core::ArticleStatus::draft;
  std::optional<core::Id> featured_media_id;
  core::TimePoint updated_at{};
};

// What the editor saves. The slug is made unique by the store ("-2", "-3"...).
struct ArticleDraft {
  std::string slug;  // already slugified by the caller; not empty
  std::string title;
  std::string kicker;
  std::string excerpt;
  std::string body_html;  // already sanitized by the caller
  core::ArticleStatus status = core::ArticleStatus::draft;
  core::TimePoint published_at{};
  core::Id author_id = 0;
  core::Id category_id = 0;
  std::vector<std::string> tag_names;  // tags are found or created by name (slug from name)
  std::optional<core::Id> featured_media_id;
  bool sticky = false;
  bool comments_open = true;
};

// Where an article was before and after a save: the pages to drop from the
// readers' page cache (its paths and lists, old and new).
struct ArticlePlace {
  bool visible = false;  // published and published_at <= now, as readers see it
  std::string slug;
  core::TimePoint published_at{};
  std::string category_slug;
  std::string author_slug;
  std::vector<std::string> tag_slugs;
};

struct SaveResult {
  core::Id id = 0;
  std::string slug;     // as stored (maybe with "-2")
  ArticlePlace before;  // empty for a new article
  ArticlePlace after;
  std::uint64_t version_before = 0;  // content_version() around the write
  std::uint64_t version_after = 0;
  std::int64_t revision = 0;  // the revision row written
};

struct Revision {
  std::int64_t id = 0;
  core::Id article_id = 0;
  core::TimePoint saved_at{};
  core::Id user_id = 0;
  std::string user_name;  // display name ("" if the account is gone)
  bool autosave = false;
  std::string title;
  std::string kicker;
  std::string excerpt;
  std::string body_html;
};

struct StatusCount {
  std::string status;  // core::to_string of the article or comment status
  std::int64_t count = 0;
};

// ---- Pages, categories and tags (sqlite/newsroom_taxonomy.cpp)

// A page as the newsroom edits it, whatever its status. Pages use the
// ArticleStatus values that pages.status allows (0005): draft, pending,
// published, private and trash; readers see only published ones.
struct EditablePage {
  core::Page page;  // body_html is "" in lists
  core::ArticleStatus status = core::ArticleStatus::draft;
};

struct PageDraft {
  std::string slug;  // already slugified by the caller; not empty
  std::string title;
  std::string body_html;                                    // already sanitized by the caller
  core::ArticleStatus status = core::ArticleStatus::draft;  // never scheduled
};

// What became of a save or a delete of a page, category or tag. Anything
// but `done` wrote nothing.
enum class EditOutcome {
  done,
  not_found,       // no row with that id
  slug_taken,      // another row of the same table has the slug
  name_taken,      // tags: another tag has the name (articles find tags by name)
  no_such_parent,  // categories: the parent id names no category
  cycle,           // categories: the parent is the category itself or one below it
  in_use,          // categories: articles still file under it (articles.category_id)
};

struct EditResult {
  EditOutcome outcome = EditOutcome::done;
  core::Id id = 0;             // the row saved or deleted
  std::string old_slug;        // its slug before the save ("" for a new row)
  bool was_published = false;  // pages: readers could see it before the save
  // in_use: the articles under the category; a deleted tag: the articles it left.
  std::int64_t articles = 0;
};

// A category or tag with the number of articles filed under it, every
// status counted (a trashed article still holds its category).
struct CategoryRow {
  core::Category category;
  std::int64_t articles = 0;
};

struct TagRow {
  core::Tag tag;
  std::int64_t articles = 0;
};

}  // namespace jarida::store
