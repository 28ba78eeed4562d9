// `jarida import wordpress`: a WordPress export (WXR) into the store, in one
// transaction, keyed by WordPress ids so importing again updates instead of
// duplicating. What cannot be carried over is counted in the summary,
// never dropped silently.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "importer/wxr.hpp"
#include "store/store.hpp"

namespace jarida::importer {

struct ImportOptions {
  std::filesystem::path file;
  // Keyed hash of a commenter's IP (the site's own, so imported comments
  // count for its rate limits like new ones); the raw IP is never stored.
  std::function<std::string(std::string_view ip)> hash_ip;
  // Items done so far and the total (known after the first pass).
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// Added and updated rows of one kind.
struct KindCount {
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t total() const { return added + updated; }
};

struct ImportSummary {
  WxrSite site;
  std::int64_t items = 0;
  KindCount articles, pages, categories, tags, authors, comments, media;
  std::map<std::string, std::int64_t> article_statuses;  // published, draft ... -> count
  std::map<std::string, std::int64_t> comment_statuses;
  std::int64_t redirects = 0;
  // What was not imported, by what it is ("nav_menu_item", "pingback"...).
  std::map<std::string, std::int64_t> skipped;
  // Things imported differently from WordPress, each with how many.
  std::map<std::string, std::int64_t> warnings;
  std::chrono::duration<double> elapsed{};
};

// Throws ImportError for bad input (nothing is written then), store::Error
// when the database fails.
ImportSummary import_wordpress(store::Store& store, const ImportOptions& options);

}  // namespace jarida::importer
