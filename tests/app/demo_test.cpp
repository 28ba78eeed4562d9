// `jarida demo` content, written into the real SQLite store: counts, the
// About page, unique slugs, article shape, determinism, and a second run
// into a store that already has articles.
#include "app/demo.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <string>

#include "text/utf8.hpp"

namespace jarida::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class TempStore {
 public:
  TempStore() {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("jarida-demo-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = store::open_sqlite_store(dir_ / "jarida.db");
    store_->migrate();
  }
  ~TempStore() {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

// 2024-06-01 12:00:00 UTC
const core::TimePoint kNow = std::chrono::sys_days{std::chrono::year{2024} / 6 / 1} + 12h;

DemoOptions options(std::int64_t articles, std::uint64_t seed) {
  DemoOptions o;
  o.articles = articles;
  o.seed = seed;
  o.now = kNow;
  return o;
}

bool has_arabic_letter(const std::string& s) {
  // U+0621..U+064A is encoded as D8 A1 .. D9 8A.
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]);
    const auto b = static_cast<unsigned char>(s[i + 1]);
    if ((a == 0xD8 && b >= 0xA1) || (a == 0xD9 && b <= 0x8A)) return true;
  }
  return false;
}

std::vector<std::string> all_titles(store::Store& s) {
  std::vector<std::string> titles;
  for (const auto& a : s.published_articles({}, 0, 100000).items) titles.push_back(a.title);
  return titles;
}

TEST(DemoTest, FillsASite) {
  TempStore s;
  const DemoSummary sum = fill_demo(*s, options(200, 1));
  EXPECT_EQ(sum.articles, 200);
  EXPECT_GE(sum.categories, 9);
  EXPECT_GE(sum.tags, 35);
  EXPECT_EQ(sum.authors, 3);
  EXPECT_GT(sum.comments, 200);

  EXPECT_EQ(s->count_articles(), 200);
  EXPECT_EQ(s->count_users(), 3);
  const auto cats = s->categories();
  EXPECT_GE(cats.size(), 9u);
  const auto uncategorized = s->category_by_slug("غير-مصنفة");
  ASSERT_TRUE(uncategorized);
  EXPECT_EQ(uncategorized->name, "غير مصنفة");
  ASSERT_TRUE(s->category_by_slug("سياسة"));

  const auto salma = s->user_by_login("salma");
  ASSERT_TRUE(salma);
  EXPECT_TRUE(has_arabic_letter(salma->display_name));
  EXPECT_TRUE(s->author_by_slug("salma"));

  const auto about = s->page_by_slug("about");
  ASSERT_TRUE(about);
  EXPECT_EQ(about->title, "عن الموقع");
  std::size_t paragraphs = 0;
  for (std::size_t at = 0; (at = about->body_html.find("<p>", at)) != std::string::npos; ++at)
    ++paragraphs;
  EXPECT_GE(paragraphs, 3u);

  // Slugs: unique, non-empty, one per article.
  const auto slugs = s->article_slugs_starting_with("");
  EXPECT_EQ(slugs.size(), 200u);
  const std::set<std::string> unique(slugs.begin(), slugs.end());
  EXPECT_EQ(unique.size(), slugs.size());
  for (const auto& slug : slugs) EXPECT_FALSE(slug.empty());

  // Every published article: a bold lead, sub-headings, valid Arabic text,
  // dated within the two years before `now`, comments after the article.
  int published = 0, with_kicker = 0, with_tags = 0, comments_seen = 0;
  for (const auto& slug : slugs) {
    const auto a = s->published_article_by_slug(slug);
    if (!a) continue;  // a draft
    ++published;
    SCOPED_TRACE(a->title);
    EXPECT_EQ(a->body_html.rfind("<p><strong>", 0), 0u);
    EXPECT_NE(a->body_html.find("</strong></p>"), std::string::npos);
    EXPECT_NE(a->body_html.find("<h2>"), std::string::npos);
    EXPECT_NE(a->body_html.find("<p>", 1), std::string::npos);
    for (const std::string* t : {&a->title, &a->excerpt, &a->body_html}) {
      EXPECT_TRUE(text::is_valid_utf8(*t));
      EXPECT_TRUE(has_arabic_letter(*t));
    }
    EXPECT_FALSE(a->excerpt.empty());
    EXPECT_LE(a->published_at, kNow);
    EXPECT_GE(a->published_at, kNow - std::chrono::days{730});
    if (!a->kicker.empty()) ++with_kicker;
    if (!a->tags.empty()) ++with_tags;
    EXPECT_LE(a->tags.size(), 3u);
    for (const auto& c : s->approved_comments(a->id)) {
      ++comments_seen;
      EXPECT_GT(c.created_at, a->published_at);
      EXPECT_TRUE(text::is_valid_utf8(c.body));
      EXPECT_TRUE(has_arabic_letter(c.body));
      EXPECT_TRUE(has_arabic_letter(c.author_name));
    }
  }
  EXPECT_GE(published, 190);
  EXPECT_GT(with_kicker, 10);  // about 1 in 6
  EXPECT_LT(with_kicker, 70);
  EXPECT_GT(with_tags, 100);
  EXPECT_GT(comments_seen, 100);

  EXPECT_FALSE(s->latest_comments(10).empty());
  const auto today = std::chrono::floor<std::chrono::days>(kNow);
  EXPECT_GE(s->most_read(today - std::chrono::days{7}, 10).size(), 5u);
}

TEST(DemoTest, SameSeedSameContent) {
  TempStore a, b, c;
  fill_demo(*a, options(60, 7));
  fill_demo(*b, options(60, 7));
  fill_demo(*c, options(60, 8));
  const auto ta = all_titles(*a);
  ASSERT_FALSE(ta.empty());
  EXPECT_EQ(ta, all_titles(*b));
  EXPECT_NE(ta, all_titles(*c));
  const auto first = a->published_article_by_slug(a->published_articles({}, 0, 1).items[0].slug);
  const auto same = b->published_article_by_slug(b->published_articles({}, 0, 1).items[0].slug);
  ASSERT_TRUE(first && same);
  EXPECT_EQ(first->body_html, same->body_html);
}

TEST(DemoTest, SecondRunDoesNotCollide) {
  TempStore s;
  fill_demo(*s, options(80, 3));
  // The same seed again: every title repeats, every slug must be new.
  const DemoSummary again = fill_demo(*s, options(80, 3));
  EXPECT_EQ(again.articles, 80);
  EXPECT_EQ(s->count_articles(), 160);
  const auto slugs = s->article_slugs_starting_with("");
  EXPECT_EQ(std::set<std::string>(slugs.begin(), slugs.end()).size(), 160u);
  EXPECT_EQ(s->categories().size(), 9u);  // upserted, not duplicated
  EXPECT_EQ(s->count_users(), 3);
}

TEST(DemoTest, ZeroArticles) {
  TempStore s;
  const DemoSummary sum = fill_demo(*s, options(0, 1));
  EXPECT_EQ(sum.articles, 0);
  EXPECT_EQ(s->count_articles(), 0);
  EXPECT_TRUE(s->page_by_slug("about"));
}

}  // namespace
}  // namespace jarida::app
