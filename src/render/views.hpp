// View models: what each page template needs, built by the handlers (site/)
// from store data. The renderer turns them into HTML and knows nothing
// about requests or SQL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace jarida::render {

// What every page shares: the navigation.
struct Chrome {
  std::vector<core::Category> categories;
};

struct Pagination {
  std::int64_t page = 1;
  std::int64_t total_pages = 1;
  std::string base_path;  // "/category/x/"; page n is base_path + "page/n/"
};

struct ListView {
  std::string heading;      // "" on the home page
  std::string description;  // category description, author bio
  std::vector<core::ArticleSummary> items;
  Pagination pagination;
  bool is_home = false;  // adds the most-read list
};

// /search?q=...: results already highlighted by search/ (escaped HTML
// with <mark>), and links the handler built (it knows the query string).
struct SearchResultView {
  core::ArticleSummary article;
  std::string title_html;
  std::string snippet_html;
  bool partial = false;  // matches all but one of the words
};

struct SearchView {
  std::string query;  // as typed, shown back in the search box
  std::int64_t total = 0;
  bool total_capped = false;  // "أكثر من {total} نتيجة"
  std::string suggestion;     // "" when there is none
  std::string suggestion_url;
  std::vector<SearchResultView> results;
  std::int64_t page = 1;
  std::int64_t total_pages = 1;
  std::string previous_url;  // "" on the first page
  std::string next_url;      // "" on the last page
  bool nothing_to_search = false;
  bool cut = false;  // only the start of a long query was searched
};

struct ArticleView {
  core::Article article;
  std::vector<core::Comment> comments;  // approved, oldest first
  // Show the form ([comments] enabled and the article's comments open);
  // otherwise the page says the comments are closed.
  bool comments_open = true;
};

}  // namespace jarida::render
