// Measures search quality on the labelled set in relevance.toml (original
// articles, graded queries): recall@10, nDCG@10, MRR@10, no-answer
// precision and typo recall, for the real pipeline (store + search layer)
// on a fresh SQLite database.
//
//   jarida_search_eval relevance.toml             the shipped configuration
//   jarida_search_eval relevance.toml --report    also without stemming,
//                                                 with Snowball, without variants
//   jarida_search_eval relevance.toml --check     exit 1 below the targets
//   jarida_search_eval relevance.toml --verbose   every query and its top 10
#include <toml++/toml.h>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "search/service.hpp"
#include "store/store.hpp"
#include "text/slug.hpp"
#include "text/stem.hpp"

namespace fs = std::filesystem;
using namespace jarida;

namespace {

struct Article {
  std::string key, title, kicker, excerpt, category, body, published;
  std::vector<std::string> tags;
};

struct Query {
  std::string q, kind, suggestion;
  std::map<std::string, int> grades;  // article key -> 1..3
};

struct Metrics {
  double recall = 0, ndcg = 0, mrr = 0, typo_recall = 0, no_answer = 0, suggestions = 0;
  int judged = 0, typos = 0, no_answers = 0;
  std::map<std::string, std::pair<double, int>> recall_by_kind;
};

std::string str(const toml::table& t, const char* key) {
  return t[key].value_or(std::string());
}

core::TimePoint parse_day(const std::string& ymd) {
  int y = 0, m = 0, d = 0;
  std::sscanf(ymd.c_str(), "%d-%d-%d", &y, &m, &d);
  const auto day =
      std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month(m), std::chrono::day(d)};
  return std::chrono::sys_days{day} + std::chrono::hours(9);
}

// Loads the articles into a new database; returns key -> article id.
std::map<core::Id, std::string> load(store::Store& s, const std::vector<Article>& articles) {
  std::map<core::Id, std::string> keys;
  auto batch = s.begin_write();
  const core::Id author =
      batch->upsert_user({"eval", "eval", "محرر التقييم", "", core::Role::author, ""});
  for (const Article& a : articles) {
    store::NewArticle n;
    n.slug = text::slugify(a.title) + "-" + a.key;
    n.title = a.title;
    n.kicker = a.kicker;
    n.excerpt = a.excerpt;
    n.body_html = a.body;
    n.published_at = parse_day(a.published);
    n.author_id = author;
    n.category_id = batch->upsert_category({text::slugify(a.category), a.category, "", {}});
    for (const std::string& t : a.tags)
      n.tag_ids.push_back(batch->upsert_tag({text::slugify(t), t}));
    keys[batch->add_article(n)] = a.key;
  }
  batch->commit();
  return keys;
}

Metrics evaluate(const std::vector<Article>& articles, const std::vector<Query>& queries,
                 text::StemMode stem, bool variants, bool verbose) {
  text::set_search_stem_mode(stem);
  const fs::path dir =
      fs::temp_directory_path() / ("jarida-eval-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(static_cast<int>(stem)) + (variants ? "v" : ""));
  fs::remove_all(dir);
  fs::create_directories(dir);
  Metrics m;
  {
    auto s = store::open_sqlite_store(dir / "jarida.db");
    s->migrate();
    const auto keys = load(*s, articles);
    search::SearchService service(
        *s, variants ? search::VariantTable::defaults() : search::VariantTable{});
    const core::TimePoint now = parse_day("2027-01-01");
    for (const Query& q : queries) {
      const auto found = service.search({.query = q.q, .page = 1, .per_page = 10, .now = now});
      std::vector<std::string> top;
      for (const auto& r : found.results) top.push_back(keys.at(r.article.id));
      if (verbose) {
        std::cout << "[" << q.kind << "] " << q.q << "  total=" << found.total
                  << (found.suggestion ? "  suggestion=" + *found.suggestion : "") << "\n   ";
        for (const auto& k : top) std::cout << " " << k << (q.grades.count(k) ? "*" : "");
        std::cout << "\n    missed:";
        for (const auto& [k, g] : q.grades)
          if (std::find(top.begin(), top.end(), k) == top.end())
            std::cout << " " << k << "(" << g << ")";
        std::cout << "\n";
      }
      if (q.kind == "noanswer") {
        ++m.no_answers;
        m.no_answer += found.total == 0 ? 1 : 0;
        continue;
      }
      // recall@10, nDCG@10 (gain 2^g - 1), MRR@10 (first relevant result).
      int hits = 0;
      double dcg = 0, rr = 0;
      for (std::size_t i = 0; i < top.size(); ++i) {
        const auto g = q.grades.find(top[i]);
        if (g == q.grades.end()) continue;
        ++hits;
        dcg += (std::pow(2.0, g->second) - 1) / std::log2(static_cast<double>(i) + 2);
        if (rr == 0) rr = 1.0 / static_cast<double>(i + 1);
      }
      std::vector<int> ideal;
      for (const auto& [k, g] : q.grades) ideal.push_back(g);
      std::sort(ideal.rbegin(), ideal.rend());
      double idcg = 0;
      for (std::size_t i = 0; i < ideal.size() && i < 10; ++i)
        idcg += (std::pow(2.0, ideal[i]) - 1) / std::log2(static_cast<double>(i) + 2);
      const double recall = static_cast<double>(hits) /
                            static_cast<double>(std::min<std::size_t>(q.grades.size(), 10));
      ++m.judged;
      m.recall += recall;
      m.ndcg += idcg > 0 ? dcg / idcg : 0;
      m.mrr += rr;
      auto& k = m.recall_by_kind[q.kind];
      k.first += recall;
      ++k.second;
      if (q.kind == "typo") {
        ++m.typos;
        m.typo_recall += recall;
        m.suggestions += found.suggestion ? 1 : 0;
      }
    }
  }
  fs::remove_all(dir);
  auto avg = [](double sum, int n) { return n ? sum / n : 0.0; };
  m.recall = avg(m.recall, m.judged);
  m.ndcg = avg(m.ndcg, m.judged);
  m.mrr = avg(m.mrr, m.judged);
  m.typo_recall = avg(m.typo_recall, m.typos);
  m.suggestions = avg(m.suggestions, m.typos);
  m.no_answer = avg(m.no_answer, m.no_answers);
  return m;
}

void print(const std::string& name, const Metrics& m) {
  std::cout << std::fixed << std::setprecision(3) << std::left << std::setw(30) << name
            << " recall@10 " << m.recall << "  nDCG@10 " << m.ndcg << "  MRR@10 " << m.mrr
            << "  no-answer " << m.no_answer << "  typo recall " << m.typo_recall << " (suggested "
            << m.suggestions << ")\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: jarida_search_eval relevance.toml [--report] [--check] [--verbose]\n";
    return 2;
  }
  bool report = false, check = false, verbose = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    report |= a == "--report";
    check |= a == "--check";
    verbose |= a == "--verbose";
  }
  std::vector<Article> articles;
  std::vector<Query> queries;
  try {
    const toml::table doc = toml::parse_file(argv[1]);
    for (const auto& node : *doc["article"].as_array()) {
      const auto& t = *node.as_table();
      Article a{str(t, "key"),      str(t, "title"), str(t, "kicker"),    str(t, "excerpt"),
                str(t, "category"), str(t, "body"),  str(t, "published"), {}};
      if (const auto* tags = t["tags"].as_array())
        for (const auto& tag : *tags) a.tags.push_back(tag.value_or(std::string()));
      articles.push_back(std::move(a));
    }
    for (const auto& node : *doc["query"].as_array()) {
      const auto& t = *node.as_table();
      Query q{str(t, "q"), str(t, "kind"), str(t, "suggestion"), {}};
      if (const auto* rel = t["relevant"].as_table())
        for (const auto& [k, v] : *rel) q.grades[std::string(k.str())] = v.value_or(0);
      queries.push_back(std::move(q));
    }
  } catch (const std::exception& e) {
    std::cerr << argv[1] << ": " << e.what() << "\n";
    return 2;
  }
  std::cout << articles.size() << " articles, " << queries.size() << " queries\n";

  const Metrics shipped = evaluate(articles, queries, text::StemMode::light, true, verbose);
  print("light stemmer + variants", shipped);
  std::cout << "  recall@10 by kind:";
  for (const auto& [kind, v] : shipped.recall_by_kind)
    std::cout << " " << kind << " " << std::setprecision(2) << v.first / v.second;
  std::cout << "\n";
  if (report) {
    print("light stemmer, no variants",
          evaluate(articles, queries, text::StemMode::light, false, false));
    print("no stemming + variants", evaluate(articles, queries, text::StemMode::none, true, false));
    print("no stemming, no variants",
          evaluate(articles, queries, text::StemMode::none, false, false));
    print("Snowball + variants",
          evaluate(articles, queries, text::StemMode::snowball, true, false));
  }
  if (check) {
    const bool ok = shipped.recall >= 0.95 && shipped.ndcg >= 0.90 && shipped.no_answer == 1.0;
    std::cout << (ok ? "targets met" : "BELOW TARGET")
              << " (recall@10 >= 0.95, nDCG@10 >= 0.90, every no-answer query 0 results)\n";
    return ok ? 0 : 1;
  }
  return 0;
}
