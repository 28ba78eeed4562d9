// A numbered schema migration. Each backend keeps its own as SQL files in
// store/<backend>/migrations/NNNN_name.sql, embedded at build time by
// cmake/embed_sql.cmake, applied in order, each in one transaction, and
// recorded in the schema_migrations table.
#pragma once

#include <span>

namespace jarida::store {

struct Migration {
  int number;
  const char* name;
  const char* sql;
};

}  // namespace jarida::store

namespace jarida::store::sqlite {
// The SQLite backend's migrations, in order (generated source).
std::span<const Migration> migrations();
}  // namespace jarida::store::sqlite
