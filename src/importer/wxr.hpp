// A WordPress export (WXR 1.0–1.2) as the importer reads it, one record at
// a time: the file is streamed (expat), never held whole, so a 1 GB export
// imports in flat memory. Field values are the element text exactly as
// exported (CDATA unwrapped, XML entities decoded once by the parser);
// WordPress's own HTML escaping inside them (names stored as "&amp;") is
// the importer's to undo.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jarida::importer {

// Bad input: the message names the line of the file it was found on.
struct ImportError : std::runtime_error {
  ImportError(std::int64_t line, const std::string& message)
      : std::runtime_error(message), line(line) {}
  std::int64_t line;  // 0 when not tied to a line
};

struct WxrSite {
  std::string title;
  std::string link;  // the site's address, e.g. http://example.com
  std::string base_site_url;
  std::string wxr_version;
  std::string language;
};

struct WxrAuthor {
  std::int64_t id = 0;
  std::string login;
  std::string email;
  std::string display_name;
  std::string first_name;
  std::string last_name;
};

// wp:category, wp:tag and wp:term (an export lists most terms twice).
struct WxrTerm {
  std::int64_t id = 0;
  std::string taxonomy;  // category, post_tag, nav_menu ...
  std::string slug;      // percent-encoded as exported
  std::string name;
  std::string description;
  std::string parent_slug;  // categories: the parent's slug ("" for none)
  std::int64_t line = 0;
};

// <category domain="..." nicename="...">name</category> inside an item.
struct WxrItemTerm {
  std::string domain;
  std::string nicename;
  std::string name;
};

struct WxrComment {
  std::int64_t id = 0;
  std::string author;
  std::string author_email;
  std::string author_url;
  std::string author_ip;
  std::string date;
  std::string date_gmt;
  std::string content;
  std::string approved;  // "1", "0", "spam", "trash", "post-trashed"
  std::string type;      // "", "comment", "pingback", "trackback"
  std::int64_t parent = 0;
  std::int64_t user_id = 0;
};

struct WxrItem {
  std::int64_t line = 0;  // where <item> starts
  std::string title;
  std::string link;
  std::string creator;  // the author's login
  std::string content;  // content:encoded
  std::string excerpt;  // excerpt:encoded
  std::int64_t post_id = 0;
  std::string post_date;
  std::string post_date_gmt;
  std::string post_modified;
  std::string post_modified_gmt;
  std::string comment_status;
  std::string post_name;
  std::string status;
  std::int64_t post_parent = 0;
  std::int64_t menu_order = 0;
  std::string post_type;
  std::string post_password;
  bool is_sticky = false;
  std::string attachment_url;
  std::vector<WxrItemTerm> terms;
  std::vector<std::pair<std::string, std::string>> meta;  // wp:postmeta key, value
  std::vector<WxrComment> comments;

  // The first value of a post meta key, or "".
  const std::string& meta_value(std::string_view key) const;
};

// What the reader hands over, in file order. Site fields are complete by
// the first author, term or item (WordPress writes them first).
struct WxrHandler {
  std::function<void(const WxrSite&)> site;  // once, before the first record
  std::function<void(const WxrAuthor&)> author;
  std::function<void(const WxrTerm&)> term;
  std::function<void(const WxrItem&)> item;
  // Bytes read so far (for progress), called every few megabytes.
  std::function<void(std::uint64_t bytes, std::uint64_t total)> progress;
};

// No single item may be larger than this (text of all its fields): a 20 MB
// post is refused with its line rather than grown without bound.
inline constexpr std::size_t kMaxItemBytes = 16 * 1024 * 1024;

// Streams `file` through `handler`. Throws ImportError for anything that is
// not a well-formed WordPress export: a truncated file, another XML
// format, an encoding other than UTF-8/UTF-16/ISO-8859-1/US-ASCII, any
// DOCTYPE (WXR never has one; refusing it refuses external entities and
// entity-expansion bombs outright), an item over kMaxItemBytes. Exceptions
// thrown by the handler propagate unchanged.
void read_wxr(const std::filesystem::path& file, const WxrHandler& handler);

}  // namespace jarida::importer
