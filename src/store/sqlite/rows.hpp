// How query rows become domain types (core/model.hpp), and the column
// lists that go with them: a query selects `kSummaryColumns` and reads them
// back with read_summary() from the same position, so the two can't drift.
#pragma once

#include <string_view>

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

// An article as lists show it, with its category and author: select from
// `articles a` + kSummaryJoins.
inline constexpr std::string_view kSummaryColumns =
    "a.id, a.slug, a.title, a.kicker, a.excerpt, a.published_at, a.visits, a.comment_count, "
    "c.id, c.slug, c.name, c.description, c.parent_id, "
    "u.id, u.login, u.slug, u.display_name, u.bio, u.role";
inline constexpr int kSummaryColumnCount = 8 + kCategoryColumnCount + kAuthorColumnCount;
inline constexpr std::string_view kSummaryJoins =
    " JOIN categories c ON c.id = a.category_id JOIN users u ON u.id = a.author_id";
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
