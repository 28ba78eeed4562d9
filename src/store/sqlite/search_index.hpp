// Keeping search_fts (migration 0004) in step with the articles. Triggers
// list changed articles in search_dirty; flush_search_index re-indexes them
// inside the writer's open transaction, and Transaction::commit calls it
// before every write COMMIT, so no write path can forget it.
#pragma once

#include <cstdint>
#include <functional>

#include "store/sqlite/connection.hpp"

namespace jarida::store::sqlite {

// Re-indexes the articles listed in search_dirty and empties it. Must run
// inside a write transaction. Does nothing before migration 0004.
void flush_search_index(Connection& writer);

// Rebuilds the whole index from the articles, in one transaction (readers
// keep the old index until it commits), reporting (done, total) articles
// along the way.
void rebuild_search_index(Connection& writer,
                          const std::function<void(std::int64_t, std::int64_t)>& progress);

}  // namespace jarida::store::sqlite
