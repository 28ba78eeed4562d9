// The article editor's form: reading what was posted into a store draft,
// with every check an editor should hear about in Arabic (a title, a
// category, a future time for scheduling...), and the body through the
// HTML allowlist. Tested in tests/admin/article_form_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "store/newsroom.hpp"

namespace jarida::admin {

inline constexpr std::size_t kMaxTitleBytes = 600;   // ~300 Arabic letters
inline constexpr std::size_t kMaxKickerBytes = 120;  // "انفراد", "عاجل": a word or two
inline constexpr std::size_t kMaxExcerptBytes = 2000;
inline constexpr std::size_t kMaxSlugBytes = 200;  // as WordPress: URLs stay shareable
inline constexpr std::size_t kMaxTags = 30;

struct ArticleFormInput {
  std::vector<std::pair<std::string, std::string>> fields;  // the posted form
  core::Id user_id = 0;
  bool user_is_editor = false;  // may choose the author
  bool may_publish = false;     // may choose published or scheduled
  std::string time_zone;        // the site's, for publish_at
  core::TimePoint now{};
  bool autosave = false;  // lenient: an unfinished draft is still kept
};

struct ArticleFormResult {
  store::ArticleDraft draft;
  std::vector<std::string> errors;  // Arabic sentences; empty = valid
  std::string notice;               // "saved", "published", "scheduled", "submitted"
};

ArticleFormResult read_article_form(const ArticleFormInput& in);

}  // namespace jarida::admin
