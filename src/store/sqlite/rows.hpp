// How query rows become domain types (core/model.hpp), and the column
// lists that go with them: a query selects `kSummaryColumns` and reads them
// back with read_summary() from the same position, so the two can't drift.
#pragma once

#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "store/sqlite/statement.hpp"

namespace jarida::store::sqlite {

// Users as authors: u.id, login, slug, display_name, bio, role.
inline constexpr std::string_view kAuthorColumns =
    "u.id, u.login, u.slug, u.display_name, u.bio, u.role";
inline constexpr int kAuthorColumnCount = 6;
core::Author read_author(const Query& q, int first);

inline constexpr std::string_view kCategoryColumns =
    "c.id, c.slug, c.name, c.description, c.parent_id";
inline constexpr int kCategoryColumnCount = 5;
core::Category read_category(const Query& q, int first);

inline constexpr std::string_view kTagColumns = "t.id, t.slug, t.name";
core::Tag read_tag(const Query& q, int first);

// The featured image (NULLs when the article has none): LEFT JOIN media m.
// Its WebP variants come in the same row (media.variants, 0007), so a list
// of articles costs no query per image. The media library reads more
// (kLibraryMediaColumns, media_queries.cpp).
inline constexpr std::string_view kMediaColumns =
    "m.id, m.url, m.mime, m.width, m.height, m.alt, m.caption, m.variants";
inline constexpr int kMediaColumnCount = 8;
std::optional<core::Media> read_media(const Query& q, int first);

// media.variants: one line per copy, narrowest first, "<width> <height>
// <url>" ("" for none). URLs never hold a line break (encode_variants
// throws store::Error for one); decode_variants skips lines it can't read.
std::string encode_variants(const std::vector<core::MediaVariant>& variants);
std::vector<core::MediaVariant> decode_variants(std::string_view text);

// An article as lists show it, with its category, author and featured
// image: select from `articles a` + kSummaryJoins.
inline constexpr std::string_view kSummaryColumns =
    "a.id, a.slug, a.title, a.kicker, a.excerpt, a.published_at, a.visits, a.comment_count, "
    "c.id, c.slug, c.name, c.description, c.parent_id, "
    "u.id, u.login, u.slug, u.display_name, u.bio, u.role, "
    "a.sticky, m.id, m.url, m.mime, m.width, m.height, m.alt, m.caption, m.variants";
inline constexpr int kSummaryColumnCount =
    8 + kCategoryColumnCount + kAuthorColumnCount + 1 + kMediaColumnCount;
inline constexpr std::string_view kSummaryJoins =
    " JOIN categories c ON c.id = a.category_id JOIN users u ON u.id = a.author_id"
    " LEFT JOIN media m ON m.id = a.featured_media_id";
core::ArticleSummary read_summary(const Query& q, int first);
void read_summary_into(const Query& q, int first, core::ArticleSummary& out);

inline constexpr std::string_view kCommentColumns =
    "cm.id, cm.article_id, cm.parent_id, cm.author_name, cm.author_email, cm.body, cm.status, "
    "cm.created_at";
inline constexpr int kCommentColumnCount = 8;
core::Comment read_comment(const Query& q, int first);

// Now, to the second: what "published_at <= now" compares against.
core::TimePoint now_utc();

}  // namespace jarida::store::sqlite
