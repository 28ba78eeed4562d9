#include "search/service.hpp"

#include <algorithm>

#include "search/highlight.hpp"
#include "search/query.hpp"
#include "search/typo.hpp"
#include "text/normalize.hpp"
#include "text/stem.hpp"
#include "text/utf8.hpp"

namespace jarida::search {

// One thing the reader asked for, as the store will search it.
struct PlannedClause {
  store::SearchClause clause;
  std::vector<std::size_t> terms;        // indexes into ParsedQuery::terms
  std::optional<std::string> corrected;  // the indexed term searched instead
  std::string surface;                   // ...as the articles write it
};

namespace {

// Whether a clause matches anything is all the plan needs to know: the
// store stops counting at the first match.
constexpr std::int64_t kCountCap = 1;
// The vocabulary (typo suggestions) is reloaded at most this often, and
// only when content changed; the refresher looks every kVocabularyCheck.
constexpr auto kVocabularyMaxAge = std::chrono::minutes(10);
constexpr auto kVocabularyCheck = std::chrono::seconds(30);

store::SearchPhrase phrase_of(const std::vector<std::string>& words) {
  return {words};
}

void add_variants(const VariantTable& variants, const std::string& key, PlannedClause& c) {
  for (const VariantEntry* e : variants.variants_of(key))
    c.clause.any_of.push_back(phrase_of(e->words));
}

std::vector<PlannedClause> plan(const ParsedQuery& q, const VariantTable& variants) {
  std::vector<PlannedClause> clauses;
  for (std::size_t i = 0; i < q.terms.size();) {
    const QueryTerm& t = q.terms[i];
    PlannedClause c;
    if (t.quoted) {  // exact phrase: no variants
      std::vector<std::string> words;
      for (const QueryWord& w : t.words) words.push_back(w.original);
      c.clause.any_of.push_back(phrase_of(words));
      c.terms.push_back(i++);
      clauses.push_back(std::move(c));
      continue;
    }
    // A multi-word variant entry (فيس بوك) joins the words it spans.
    std::size_t joined = 1;
    for (std::size_t n = std::min(variants.longest_entry(), q.terms.size() - i); n >= 2; --n) {
      std::string key;
      bool plain = true;
      for (std::size_t k = i; k < i + n; ++k) {
        plain = plain && !q.terms[k].quoted;
        if (!key.empty()) key += ' ';
        key += q.terms[k].words.front().stem;
      }
      if (plain && !variants.variants_of(key).empty()) {
        add_variants(variants, key, c);
        joined = n;
        break;
      }
    }
    if (joined == 1) {
      c.clause.any_of.push_back(phrase_of({t.words.front().original}));
      for (const VariantEntry* e : variants.variants_of(t.words.front().stem))
        if (e->stem_key != t.words.front().stem) c.clause.any_of.push_back(phrase_of(e->words));
    }
    for (std::size_t k = i; k < i + joined; ++k) c.terms.push_back(k);
    i += joined;
    clauses.push_back(std::move(c));
  }
  return clauses;
}

void add_stems(const store::SearchClause& clause, StemSet& stems) {
  for (const store::SearchPhrase& p : clause.any_of)
    for (const std::string& w : p.words)
      for (const text::Token& t : text::tokenize(w)) stems.insert(text::search_stem(t.normalized));
}

// How the corrected word appears in the articles (المدرسة, not the stem
// مدرس): of the words there with that stem, the one closest to what the
// reader typed, and how many edits away it is.
std::pair<std::string, std::size_t> surface_form(const std::string& corrected,
                                                 std::string_view typed_normalized,
                                                 const std::vector<std::string>& texts) {
  std::pair<std::string, std::size_t> best{corrected, SIZE_MAX};
  const std::u32string typed = code_points(typed_normalized);
  for (const std::string& text : texts) {
    for (const text::Token& t : text::tokenize(text)) {
      const auto stems = text::index_stems(t.normalized);
      if (std::find(stems.begin(), stems.end(), corrected) == stems.end()) continue;
      const std::size_t d = edit_distance(typed, code_points(t.normalized), 64);
      if (d < best.second)
        best = {std::string(std::string_view(text).substr(t.begin, t.end - t.begin)), d};
    }
  }
  return best;
}

}  // namespace

SearchService::SearchService(store::Store& store, VariantTable variants)
    : store_(store),
      variants_(std::move(variants)),
      refresher_([this](std::stop_token stop) { refresh_vocabulary(stop); }) {}

SearchService::~SearchService() {
  refresher_.request_stop();
  wake_.notify_all();
}

void SearchService::load_vocabulary() {
  std::lock_guard load(load_mutex_);
  const std::uint64_t version = store_.content_version();
  {
    std::lock_guard lock(vocabulary_mutex_);
    if (vocabulary_ && version == vocabulary_version_) {
      vocabulary_loaded_ = std::chrono::steady_clock::now();
      return;
    }
  }
  auto fresh = std::make_shared<const std::vector<store::IndexedTerm>>(store_.search_vocabulary());
  std::lock_guard lock(vocabulary_mutex_);
  vocabulary_ = std::move(fresh);
  vocabulary_version_ = version;
  vocabulary_loaded_ = std::chrono::steady_clock::now();
}

void SearchService::refresh_vocabulary(std::stop_token stop) {
  std::mutex sleep_mutex;
  while (!stop.stop_requested()) {
    bool stale = false;
    {
      std::lock_guard lock(vocabulary_mutex_);
      stale =
          !vocabulary_ || std::chrono::steady_clock::now() - vocabulary_loaded_ > kVocabularyMaxAge;
    }
    try {
      if (stale) load_vocabulary();
    } catch (const std::exception&) {
      // The store is unavailable for now: suggestions use the old copy.
    }
    std::unique_lock lock(sleep_mutex);
    wake_.wait_for(lock, stop, kVocabularyCheck, [] { return false; });
  }
}

std::shared_ptr<const std::vector<store::IndexedTerm>> SearchService::vocabulary() {
  {
    std::lock_guard lock(vocabulary_mutex_);
    if (vocabulary_) return vocabulary_;
  }
  load_vocabulary();  // only before the refresher's first load finished
  std::lock_guard lock(vocabulary_mutex_);
  return vocabulary_;
}

std::optional<PlannedClause> SearchService::correct_typo(const ParsedQuery& parsed,
                                                         const PlannedClause& c,
                                                         core::TimePoint now) {
  const QueryTerm& term = parsed.terms[c.terms.front()];
  if (term.quoted || c.terms.size() > 1) return std::nullopt;
  const QueryWord& typed = term.words.front();
  const auto words = vocabulary();
  for (const std::string& near : closest_terms(typed.stem, *words)) {
    // The term goes back through the tokenizer: it must stem to itself.
    if (text::search_stem(near) != near) continue;
    PlannedClause fixed;
    fixed.terms = c.terms;
    fixed.clause.any_of.push_back(phrase_of({near}));
    for (const VariantEntry* e : variants_.variants_of(near))
      if (e->stem_key != near) fixed.clause.any_of.push_back(phrase_of(e->words));
    store::SearchSpec spec;
    spec.clauses = {fixed.clause};
    spec.min_clauses = spec.max_clauses = 1;
    spec.now = now;
    spec.limit = 3;
    spec.count_total = false;  // only whether it finds something, and its best hits
    const store::SearchPage found = store_.search(spec);
    std::vector<std::string> texts;
    for (const store::SearchHit& h : found.hits)
      texts.push_back(h.article.title + "\n" + h.body_text);
    // Stems can be near while words are not (بركان -> برك, برد -> برد):
    // the word as written must be as near to what was typed.
    auto [surface, edits] = surface_form(near, typed.normalized, texts);
    if (found.total == 0 || edits > allowed_edits(code_points(typed.normalized).size())) continue;
    fixed.corrected = near;
    fixed.surface = std::move(surface);
    return fixed;
  }
  return std::nullopt;
}

SearchResults SearchService::search(const SearchRequest& request) {
  SearchResults out;
  out.per_page = std::clamp<std::int64_t>(request.per_page, 1, kMaxPerPage);
  out.page = std::clamp<std::int64_t>(request.page, 1, kMaxPage);
  const ParsedQuery parsed = parse_query(request.query);
  out.cut = parsed.cut;
  if (parsed.terms.empty()) {
    out.nothing_to_search = true;
    return out;
  }
  std::vector<PlannedClause> clauses = plan(parsed, variants_);

  // Clauses that match nothing: typos, or words no article has. One such
  // word among three or more is left out (the others still say what the
  // story is; results are then marked partial); otherwise the query has no
  // answer, and gets none rather than loosely related articles.
  std::vector<PlannedClause> kept;
  std::size_t unknown = 0;
  for (PlannedClause& c : clauses) {
    if (store_.search_match_count(c.clause, kCountCap) > 0) {
      kept.push_back(std::move(c));
    } else if (auto fixed = correct_typo(parsed, c, request.now)) {
      kept.push_back(std::move(*fixed));
    } else if (parsed.terms[c.terms.front()].quoted) {
      return out;  // an exact phrase nobody wrote
    } else {
      ++unknown;
    }
  }
  if (unknown > 1 || (unknown == 1 && clauses.size() < 3) || kept.empty()) return out;
  clauses = std::move(kept);
  const bool all_partial = unknown > 0;

  std::vector<store::SearchClause> spec_clauses;
  for (const PlannedClause& c : clauses) spec_clauses.push_back(c.clause);
  const std::int64_t offset = (out.page - 1) * out.per_page;

  store::SearchSpec full;
  full.clauses = spec_clauses;
  full.min_clauses = full.max_clauses = spec_clauses.size();
  full.now = request.now;
  full.offset = offset;
  full.limit = out.per_page;
  // Counted up to 1,000, or as far as this reader can page if further.
  full.total_cap = kMaxPage * std::max(out.per_page, kDefaultPerPage);
  store::SearchPage full_page = store_.search(full);

  store::SearchPage partial_page;
  // (With an unknown word left out, every result already misses one.)
  if (spec_clauses.size() >= 3 && !all_partial) {
    store::SearchSpec partial = full;
    partial.min_clauses = partial.max_clauses = spec_clauses.size() - 1;
    partial.offset = std::max<std::int64_t>(0, offset - full_page.total);
    partial.limit = out.per_page - static_cast<std::int64_t>(full_page.hits.size());
    const bool page_has_room = partial.limit > 0;
    if (!page_has_room) partial.limit = 1;  // still want its total
    partial_page = store_.search(partial);
    if (!page_has_room) partial_page.hits.clear();
  }
  out.total = std::min(full.total_cap, full_page.total + partial_page.total);
  out.total_capped = full_page.total_capped || partial_page.total_capped ||
                     full_page.total + partial_page.total > full.total_cap;

  StemSet stems;
  for (const PlannedClause& c : clauses) add_stems(c.clause, stems);
  auto add = [&](store::SearchHit& hit, bool partial) {
    SearchResult r;
    r.title_html = highlight_html(hit.article.title, stems);
    r.snippet_html = snippet_html(hit.body_text, stems);
    r.partial = partial;
    r.article = std::move(hit.article);
    out.results.push_back(std::move(r));
  };
  for (store::SearchHit& h : full_page.hits) add(h, all_partial);
  for (store::SearchHit& h : partial_page.hits) add(h, true);

  // "هل تقصد": the query as typed, with each corrected word replaced by
  // how the articles write it.
  std::string suggestion = text::valid_utf8(request.query);
  std::vector<std::pair<const QueryWord*, const PlannedClause*>> fixes;
  for (const PlannedClause& c : clauses)
    if (c.corrected) fixes.emplace_back(&parsed.terms[c.terms.front()].words.front(), &c);
  // Last first, so earlier offsets stay valid.
  std::sort(fixes.begin(), fixes.end(),
            [](const auto& a, const auto& b) { return a.first->offset > b.first->offset; });
  for (const auto& [typed, c] : fixes)
    suggestion.replace(typed->offset, typed->original.size(), c->surface);
  const bool corrected = !fixes.empty();
  if (corrected) out.suggestion = suggestion;
  return out;
}

}  // namespace jarida::search
