// `jarida demo`: fills a store with a believable Arabic news site made of
// original text (app/demo_phrases*.cpp) about a fictional country, so the
// site, the newsroom and the benchmarks have something to show. Tested in
// tests/app/demo_test.cpp.
#pragma once

#include <cstdint>

#include "core/model.hpp"
#include "store/store.hpp"

namespace jarida::app {

struct DemoOptions {
  std::int64_t articles = 50;
  std::uint64_t seed = 1;
  core::TimePoint now;  // articles are dated within the two years before `now`
};

// What fill_demo() wrote (categories, tags and authors are upserted, so a
// second run reuses them and counts them again).
struct DemoSummary {
  std::int64_t articles = 0;
  std::int64_t categories = 0;
  std::int64_t tags = 0;
  std::int64_t authors = 0;
  std::int64_t comments = 0;
};

// Writes, in one store::WriteBatch (all or nothing):
// - 9 categories (سياسة، أمن، اقتصاد، رياضة، ثقافة، تكنولوجيا، صحة، منوعات and
//   the default غير مصنفة, slug "غير-مصنفة"), about 40 tags;
// - 3 users (logins salma, karim, huda; password_hash "!" = cannot sign in
//   until a password is set);
// - the About page (slug "about");
// - opt.articles articles dated over the two years before opt.now, ids in
//   date order: about 1 in 6 with a kicker, a bold lead paragraph, 3-12
//   paragraphs with <h2> sub-headings, about 1% drafts, 0-3 tags, skewed
//   visit counts, per-day visits over the last 7 days for the newest and a
//   few other articles, and 0-6 comments each (mostly approved).
// Slugs are text::slugify(title), made unique WordPress-style ("-2", "-3");
// when the store already has articles, existing slugs are looked up (before
// the batch opens) so a second run never collides.
//
// Deterministic: the same seed, count and `now` give the same content on every
// platform (std::mt19937_64 is fully specified; numbers are drawn from it
// with our own range reduction, not std::uniform_int_distribution, whose
// results differ between standard libraries).
DemoSummary fill_demo(store::Store& store, const DemoOptions& opt);

}  // namespace jarida::app
