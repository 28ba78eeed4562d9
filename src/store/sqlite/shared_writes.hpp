// Steps several write paths share (the importer, the newsroom, comments):
// each runs on the writer connection inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace jarida::store::sqlite {

// `wanted`, or wanted-2, wanted-3 ... whichever no other row of the table
// has; `self` may keep its own. `taken_sql` is a constant of the form
// "SELECT id FROM <table> WHERE slug = ?1".
std::string free_slug(Connection& c, std::string_view taken_sql, std::string_view wanted,
                      std::optional<core::Id> self);
inline constexpr std::string_view kArticleSlugTaken = "SELECT id FROM articles WHERE slug = ?1";
inline constexpr std::string_view kTagSlugTaken = "SELECT id FROM tags WHERE slug = ?1";

// Makes the article's tags exactly `tags` (duplicates ignored), copying
// its status and time into each row (article_tags in 0001_initial.sql).
// Rewrites nothing when they are already so: an unchanged save marks
// nothing for re-indexing and bumps no content version.
void set_article_tags(Connection& c, core::Id article, std::vector<core::Id> tags);

// content_version (0002), read inside the writer's transaction: under the
// write lock nobody else can commit between this read and the caller's.
std::uint64_t read_content_version(Connection& c);

}  // namespace jarida::store::sqlite
