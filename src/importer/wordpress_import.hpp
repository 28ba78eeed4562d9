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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importer/wxr.hpp"
#include "store/store.hpp"

namespace jarida::importer {

struct ImportOptions {
  std::filesystem::path file;
  // WordPress's wp-content/uploads folder (optional): images found there
  // are re-encoded into media_root like any upload, and the article HTML
  // and media rows point at the copies; without it, remote URLs are kept.
  std::optional<std::filesystem::path> uploads;
  std::filesystem::path media_root;  // DATA/media
  // Keyed hash of a commenter's IP (the site's own, so imported comments
  // count for its rate limits like new ones); the raw IP is never stored.
  std::function<std::string(std::string_view ip)> hash_ip;
  // The first pass (bytes read of the file's size), then items written of
  // the total the first pass counted, then a note before the commit (it
  // indexes every new article for search, which takes a while).
  std::function<void(std::uint64_t read, std::uint64_t size)> scanning;
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  std::function<void()> committing;
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
  std::int64_t images_copied = 0;  // re-encoded from --uploads
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
