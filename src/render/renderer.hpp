// Turns view models into HTML with the theme's ctemplate templates
// (themes/<name>/templates/*.tpl). Every template auto-escapes for HTML and
// quotes every attribute (DEPENDENCIES.md: ctemplate mangles Arabic in
// unquoted attributes). Live values are left as slot markers (slots.hpp).
// Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/settings.hpp"
#include "render/share_metadata.hpp"
#include "render/views.hpp"
#include "text/dates.hpp"

namespace jarida::render {

class Renderer {
 public:
  Renderer(core::SiteSettings settings, std::filesystem::path theme_dir);

  const core::SiteSettings& settings() const { return settings_; }
  const std::filesystem::path& static_dir() const { return static_dir_; }
  bool arabic_digits() const { return settings_.dates.digits == core::Digits::arabic_indic; }

  std::string article_page(const ArticleView& v, const Chrome& chrome) const;
  std::string list_page(const ListView& v, const Chrome& chrome) const;
  std::string static_page(const core::Page& p, const Chrome& chrome) const;
  // Not cached, not indexed by search engines (robots noindex).
  std::string search_page(const SearchView& v, const Chrome& chrome) const;
  // "نتيجة واحدة", "نتيجتان", "٣ نتائج", "١١ نتيجة": Arabic plural forms
  // by ICU's plural rules for "ar", digits as the site writes them.
  std::string result_count(std::int64_t n) const;
  // 400, 404, 500...: an Arabic page with a search box; no live slots, so
  // it can be rendered without the store.
  std::string error_page(int status) const;
  // A refused form post: the reasons (Arabic sentences) and a way back.
  std::string message_page(int status, const std::vector<std::string>& messages) const;

  // Shared fragments, spliced into every page that shows them.
  std::string latest_comments(const std::vector<core::LatestComment>& items,
                              core::TimePoint now) const;
  std::string most_read(const std::vector<core::ArticleSummary>& items) const;

 private:
  struct Page;
  std::string expand(const std::string& name, const void* dict) const;
  std::string layout(const std::string& title, const std::string& description,
                     const std::string& canonical_path, const std::string& content,
                     const Chrome* chrome, bool noindex = false,
                     const std::string& share_head = {}) const;
  std::string number(std::int64_t n) const;

  core::SiteSettings settings_;
  std::filesystem::path templates_dir_;
  std::filesystem::path static_dir_;
  std::unique_ptr<text::DateFormatter> dates_;
  std::string about_excerpt_;
  std::string asset_version_;
  std::optional<PublisherLogo> logo_;  // the theme's static/logo.png, if it has one
};

}  // namespace jarida::render
