// Applies the embedded migrations (store/migration.hpp) to a database.
// Safe when several processes start at once: each migration runs in its own
// BEGIN IMMEDIATE transaction and re-checks schema_migrations after taking
// the write lock, so the loser of a race finds the work done and skips it.
#pragma once

#include <span>

#include "store/migration.hpp"
#include "store/sqlite/connection.hpp"

namespace jarida::store::sqlite {

// Applies, in order, every migration whose number is not recorded.
void apply_migrations(Connection& writer, std::span<const Migration> list);

// The highest recorded migration number, 0 on a fresh database.
int recorded_schema_version(Connection& c);

}  // namespace jarida::store::sqlite
