// The Store conformance suite's fixture, shared by every file of the suite
// (store_conformance_test.cpp, store_comments_mail_test.cpp). To add a
// backend, write a Backend type like SqliteBackend (constructed per test
// with an empty temporary directory; open() returns a new Store on that
// test's database, the same database on every call) and add it to Backends.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace jarida_store_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using jarida::core::ArticleStatus;
using jarida::core::CommentStatus;
using jarida::core::Id;
using jarida::core::TimePoint;
namespace core = jarida::core;
namespace store = jarida::store;

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string name = (fs::temp_directory_path() / "jarida-store-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct SqliteBackend {
  explicit SqliteBackend(const fs::path& dir) : file(dir / "jarida.db") {}
  std::unique_ptr<store::Store> open() const { return store::open_sqlite_store(file); }
  fs::path file;
};

using Backends = ::testing::Types<SqliteBackend>;

inline TimePoint now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
inline std::chrono::sys_days today() {
  return std::chrono::floor<std::chrono::days>(now());
}

// "n" + std::to_string(i) trips a false -Wrestrict in g++ 12 at -O2.
inline std::string numbered(std::string_view prefix, int i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

// (Designated initializers would warn under g++ 12's -Wextra.)
inline store::ArticleFilter where(std::optional<Id> category, std::optional<Id> tag = std::nullopt,
                                  std::optional<Id> author = std::nullopt) {
  store::ArticleFilter f;
  f.category_id = category;
  f.tag_id = tag;
  f.author_id = author;
  return f;
}

inline std::vector<std::string> slugs_of(const std::vector<core::ArticleSummary>& list) {
  std::vector<std::string> out;
  for (const auto& a : list) out.push_back(a.slug);
  return out;
}

template <class Backend>
class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : backend_(dir_.path()) {}
  void SetUp() override {
    store_ = backend_.open();
    store_->migrate();
  }

  store::Store& db() { return *store_; }
  std::unique_ptr<store::Store> open_another() { return backend_.open(); }

  // Two authors, two categories, two tags: what most scenarios need.
  struct World {
    Id amal = 0, omar = 0, politics = 0, sports = 0, gaza = 0, economy = 0;
  };
  World seed() {
    auto b = db().begin_write();
    World w;
    w.amal = b->upsert_user({"amal", "amal-hassan", "أمل حسن", "محررة", core::Role::editor, "h1"});
    w.omar = b->upsert_user({"omar", "omar", "عمر", "", core::Role::author, "h2"});
    w.politics = b->upsert_category({"politics", "سياسة", "أخبار سياسية", std::nullopt});
    w.sports = b->upsert_category({"sports", "رياضة", "", std::nullopt});
    w.gaza = b->upsert_tag({"gaza", "غزة"});
    w.economy = b->upsert_tag({"economy", "اقتصاد"});
    b->commit();
    return w;
  }

  store::NewArticle article(std::string slug, TimePoint at, Id author, Id category,
                            ArticleStatus status = ArticleStatus::published) {
    store::NewArticle a;
    a.title = "عنوان " + slug;
    a.slug = std::move(slug);
    a.kicker = "عاجل";
    a.excerpt = "مقتطف";
    a.body_html = "<p>نص الخبر</p>";
    a.status = status;
    a.published_at = at;
    a.author_id = author;
    a.category_id = category;
    return a;
  }
  Id add(const store::NewArticle& a) {
    auto b = db().begin_write();
    const Id id = b->add_article(a);
    b->commit();
    return id;
  }
  Id comment(Id article, CommentStatus status, TimePoint at, std::string body = "تعليق") {
    auto b = db().begin_write();
    const Id id = b->add_comment({article, std::nullopt, "قارئ", "r@example.com", std::move(body),
                                  status, at, "iphash", ""});
    b->commit();
    return id;
  }

  TempDir dir_;
  Backend backend_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace jarida_store_test
