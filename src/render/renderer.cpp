#include "render/renderer.hpp"

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include <unicode/plurrule.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "render/images.hpp"
#include "render/share_metadata.hpp"
#include "render/slots.hpp"
#include "text/digits.hpp"
#include "text/utf8.hpp"

namespace jarida::render {
namespace {

using Dict = ctemplate::TemplateDictionary;

// Every value printed by a template goes through here (see slots.hpp).
void put(Dict& d, const char* key, std::string_view value) {
  d.SetValue(key, strip_slot_bytes(value));
}

// Trusted HTML (sanitized article bodies, our own fragments) for {{X:none}}.
void put_html(Dict& d, const char* key, std::string_view html) {
  d.SetValue(key, std::string(html));
}

std::string category_url(const core::Category& c) {
  return "/category/" + c.slug + "/";
}
std::string author_url(const core::Author& a) {
  return "/author/" + a.slug + "/";
}

// Characters of the about text shown in every footer before "read more".
constexpr std::size_t kAboutExcerptChars = 220;
// Characters of a comment shown in the latest-comments list (SEED-PAGE.md 8).
constexpr std::size_t kLatestCommentChars = 100;

std::string file_hash(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a: a cache-busting tag, not security
  for (unsigned char c : ss.str()) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 10);
}

// The theme's publisher logo: static/logo.png, its size read from the PNG
// header (signature, then the IHDR chunk: width and height, big-endian).
std::optional<PublisherLogo> read_logo(const std::filesystem::path& static_dir,
                                       const std::string& base_url) {
  std::ifstream in(static_dir / "logo.png", std::ios::binary);
  unsigned char h[24] = {};
  if (!in.read(reinterpret_cast<char*>(h), sizeof h)) return std::nullopt;
  static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (!std::equal(std::begin(kSignature), std::end(kSignature), h) ||
      std::string_view(reinterpret_cast<const char*>(h + 12), 4) != "IHDR")
    return std::nullopt;
  auto be32 = [&](int at) {
    return (std::int64_t{h[at]} << 24) | (std::int64_t{h[at + 1]} << 16) |
           (std::int64_t{h[at + 2]} << 8) | std::int64_t{h[at + 3]};
  };
  return PublisherLogo{base_url + "/static/logo.png", be32(16), be32(20)};
}

}  // namespace

Renderer::Renderer(core::SiteSettings settings, std::filesystem::path theme_dir)
    : settings_(std::move(settings)),
      templates_dir_(theme_dir / "templates"),
      static_dir_(theme_dir / "static"),
      dates_(std::make_unique<text::DateFormatter>(settings_.dates)) {
  if (!std::filesystem::is_regular_file(templates_dir_ / "layout.tpl"))
    throw std::runtime_error("theme not found: " + templates_dir_.string() + "/layout.tpl");
  about_excerpt_ = text::cut_at_word(text::html_to_text(settings_.about_text), kAboutExcerptChars);
  asset_version_ = file_hash(static_dir_ / "site.css") + file_hash(static_dir_ / "site.js");
  logo_ = read_logo(static_dir_, settings_.base_url);
}

std::string Renderer::expand(const std::string& name, const void* dict) const {
  // One cache per template directory; ctemplate's cache is thread-safe.
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<ctemplate::TemplateCache>> caches;
  ctemplate::TemplateCache* cache;
  {
    std::lock_guard lock(mu);
    auto& c = caches[templates_dir_.string()];
    if (!c) {
      c = std::make_unique<ctemplate::TemplateCache>();
      c->SetTemplateRootDirectory(templates_dir_.string());
    }
    cache = c.get();
  }
  std::string out;
  ctemplate::StringEmitter emitter(&out);
  if (!cache->ExpandWithData(name, ctemplate::STRIP_BLANK_LINES, static_cast<const Dict*>(dict),
                             nullptr, &emitter))
    throw std::runtime_error("template failed: " + (templates_dir_ / name).string());
  return out;
}

std::string Renderer::number(std::int64_t n) const {
  const auto s = std::to_string(n);
  return arabic_digits() ? text::to_arabic_indic_digits(s) : s;
}

std::string Renderer::layout(const std::string& title, const std::string& description,
                             const std::string& canonical_path, const std::string& content,
                             const Chrome* chrome, bool noindex,
                             const std::string& share_head) const {
  Dict d("layout");
  if (noindex) d.ShowSection("NOINDEX");
  put_html(d, "SHARE_HEAD", strip_slot_bytes(share_head));
  const auto& L = settings_;
  put(d, "TITLE", title.empty() ? L.site_name : title + " - " + L.site_name);
  if (!description.empty()) put(*d.AddSectionDictionary("DESCRIPTION"), "TEXT", description);
  put(d, "CANONICAL", L.base_url + canonical_path);
  put(d, "SITE_NAME", L.site_name);
  put(d, "ASSET_VERSION", asset_version_);
  put(d, "SKIP", L.label("skip_to_content"));
  put(d, "SEARCH_LABEL", L.label("search"));
  put(d, "SEARCH_PLACEHOLDER", L.label("search_placeholder"));
  put(d, "CATEGORIES_LABEL", L.label("categories"));
  put(d, "HOME_LABEL", L.label("home"));
  put(d, "ABOUT_LABEL", L.label("about"));
  put(d, "ABOUT_TEXT", about_excerpt_);
  put(d, "READ_MORE", L.label("read_more"));
  if (chrome) {
    for (const auto& c : chrome->categories) {
      auto* item = d.AddSectionDictionary("CAT");
      put(*item, "NAME", c.name);
      put(*item, "URL", category_url(c));
    }
    put_html(d, "LATEST_COMMENTS", fragment_slot("latest_comments"));
  }
  put_html(d, "CONTENT", content);
  return expand("layout.tpl", &d);
}

std::string Renderer::article_page(const ArticleView& v, const Chrome& chrome) const {
  const auto& a = v.article;
  const auto& L = settings_;
  Dict d("article");
  // Hidden when the site can't send mail ([smtp] not configured).
  if (L.smtp.configured()) {
    auto* send = d.AddSectionDictionary("SEND");
    put(*send, "SEND_TO_FRIEND", L.label("send_to_friend"));
    put(*send, "FRIEND_EMAIL", L.label("send_to_friend_email"));
    put(*send, "YOUR_NAME", L.label("send_to_friend_name"));
    put(*send, "SUBMIT", L.label("send_to_friend_submit"));
    put(*send, "CLOSE", L.label("send_to_friend_close"));
    put(*send, "SEND_URL", core::article_path(a) + "send/");
    put_html(*send, "SEND_TOKEN", text_slot("send_token"));
  }
  put_html(d, "SEND_NOTICE", text_slot("send_notice"));
  put(d, "PUBLISHED_LABEL", L.label("published_at"));
  put(d, "ISO", text::iso8601(a.published_at));
  put(d, "DATE", dates_->date(a.published_at));
  if (L.dates.hijri) put(*d.AddSectionDictionary("HIJRI"), "TEXT", dates_->hijri(a.published_at));
  put(d, "VISITS_LABEL", L.label("visits"));
  put_html(d, "VISITS", visit_slot(a.id));
  if (!a.kicker.empty()) put(*d.AddSectionDictionary("KICKER"), "TEXT", a.kicker);
  put(d, "TITLE", a.title);
  put(d, "CATEGORY", a.category.name.empty() ? L.label("uncategorized") : a.category.name);
  put(d, "CATEGORY_URL", category_url(a.category));
  put(d, "AUTHOR_LABEL", L.label("author"));
  put(d, "AUTHOR", a.author.display_name);
  put(d, "AUTHOR_URL", author_url(a.author));
  if (a.featured_image) {
    const core::Media& m = *a.featured_image;
    if (const std::string src = image_src(m); !src.empty()) {
      auto* img = d.AddSectionDictionary("FEATURED");
      put(*img, "SRC", src);
      // Uploads have WebP copies at several widths; imported images don't.
      if (const std::string srcset = image_srcset(m); !srcset.empty()) {
        auto* set = img->AddSectionDictionary("SRCSET");
        put(*set, "SRCSET", srcset);
        put(*set, "SIZES", article_image_sizes(m));
      }
      put(*img, "ALT", m.alt);
      if (m.width > 0 && m.height > 0) {
        auto* size = img->AddSectionDictionary("SIZE");
        put(*size, "WIDTH", std::to_string(m.width));
        put(*size, "HEIGHT", std::to_string(m.height));
      }
      if (!m.caption.empty()) put(*img->AddSectionDictionary("CAPTION"), "TEXT", m.caption);
    }
  }
  put_html(d, "BODY", strip_slot_bytes(a.body_html));
  if (!a.tags.empty()) {
    auto* tags = d.AddSectionDictionary("HAS_TAGS");
    put(*tags, "TAGS_LABEL", L.label("tags"));
    for (const auto& t : a.tags) {
      auto* item = tags->AddSectionDictionary("TAG");
      put(*item, "NAME", t.name);
      put(*item, "URL", "/tag/" + t.slug + "/");
    }
  }
  put(d, "COMMENTS_LABEL", L.label("comments"));
  put(d, "COMMENT_COUNT", number(static_cast<std::int64_t>(v.comments.size())));
  // Threads two levels deep: top-level comments, each with its replies.
  std::map<core::Id, Dict*> top;
  for (const auto& c : v.comments) {
    Dict* item;
    if (c.parent && top.count(*c.parent)) {
      item = top[*c.parent]->AddSectionDictionary("REPLY");
    } else {
      item = d.AddSectionDictionary("COMMENT");
      top[c.id] = item;
      // A reply whose parent is gone is shown alone, without a reply link:
      // threads are two levels deep.
      if (v.comments_open && !c.parent) {
        auto* reply = item->AddSectionDictionary("CAN_REPLY");
        put(*reply, "ID", std::to_string(c.id));
        put(*reply, "NAME", c.author_name);
        put(*reply, "REPLY_LABEL", L.label("comment_reply"));
      }
    }
    put(*item, "ID", std::to_string(c.id));
    put(*item, "NAME", c.author_name);
    put(*item, "ISO", text::iso8601(c.created_at));
    put(*item, "DATE", dates_->date(c.created_at));
    put(*item, "BODY", c.body);
  }
  if (v.comments_open) {
    auto* form = d.AddSectionDictionary("COMMENT_FORM");
    put(*form, "FORM_TITLE", L.label("comment_form_title"));
    put(*form, "REPLYING_LABEL", L.label("comment_replying"));
    put(*form, "COMMENT_URL", core::article_path(a) + "comment/");
    put_html(*form, "TOKEN", text_slot("comment_token"));
    put_html(*form, "PARENT", text_slot("reply_to"));
    put_html(*form, "NOTICE", text_slot("comment_notice"));
    put(*form, "NAME_LABEL", L.label("comment_name"));
    put(*form, "EMAIL_LABEL", L.label("comment_email"));
    put(*form, "COMMENT_LABEL", L.label("comment_body"));
    put(*form, "SUBMIT", L.label("comment_submit"));
  } else {
    put(*d.AddSectionDictionary("COMMENTS_CLOSED"), "TEXT", L.label("comments_closed"));
  }
  if (v.comments.empty())
    put(*d.AddSectionDictionary("NO_COMMENTS"), "TEXT", L.label("no_comments"));
  const std::string content = expand("article.tpl", &d);
  return layout(a.title, a.excerpt, core::article_path(a), content, &chrome, false,
                article_share_head(a, L, logo_));
}

std::string Renderer::list_page(const ListView& v, const Chrome& chrome) const {
  const auto& L = settings_;
  Dict d("list");
  if (!v.heading.empty()) put(*d.AddSectionDictionary("HEADING"), "TEXT", v.heading);
  if (!v.description.empty()) put(*d.AddSectionDictionary("DESCRIPTION"), "TEXT", v.description);
  if (v.is_home) {
    put(*d.AddSectionDictionary("LATEST_HEADING"), "TEXT", L.label("latest_articles"));
    put_html(d, "MOST_READ", fragment_slot("most_read"));
  }
  for (const auto& a : v.items) {
    auto* item = d.AddSectionDictionary("ITEM");
    put(*item, "URL", core::article_path(a));
    if (!a.kicker.empty()) put(*item->AddSectionDictionary("KICKER"), "TEXT", a.kicker);
    put(*item, "TITLE", a.title);
    put(*item, "CATEGORY", a.category.name.empty() ? L.label("uncategorized") : a.category.name);
    put(*item, "CATEGORY_URL", category_url(a.category));
    put(*item, "ISO", text::iso8601(a.published_at));
    put(*item, "DATE", dates_->date(a.published_at));
    put(*item, "VISITS_LABEL", L.label("visits"));
    put_html(*item, "VISITS", visit_slot(a.id));
    put(*item, "COMMENTS_LABEL", L.label("comments"));
    put_html(*item, "COMMENT_COUNT", comment_count_slot(a.id));
    put(*item, "EXCERPT", a.excerpt);
  }
  const auto& p = v.pagination;
  if (p.total_pages > 1) {
    auto* nav = d.AddSectionDictionary("PAGINATION");
    put(*nav, "PAGE_LABEL", L.label("page_n"));
    put(*nav, "PAGE", number(p.page));
    put(*nav, "PAGES", number(p.total_pages));
    if (p.page > 1) {
      auto* prev = nav->AddSectionDictionary("PREV");
      put(*prev, "LABEL", L.label("previous_page"));
      put(*prev, "URL",
          p.page == 2 ? p.base_path : p.base_path + "page/" + std::to_string(p.page - 1) + "/");
    }
    if (p.page < p.total_pages) {
      auto* next = nav->AddSectionDictionary("NEXT");
      put(*next, "LABEL", L.label("next_page"));
      put(*next, "URL", p.base_path + "page/" + std::to_string(p.page + 1) + "/");
    }
  }
  const std::string content = expand("list.tpl", &d);
  std::string canonical =
      p.page > 1 ? p.base_path + "page/" + std::to_string(p.page) + "/" : p.base_path;
  std::string title = v.heading;
  if (p.page > 1) title += (title.empty() ? "" : " - ") + L.label("page_n") + " " + number(p.page);
  return layout(title, v.description, canonical, content, &chrome, false, site_share_head(L));
}

std::string Renderer::result_count(std::int64_t n) const {
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::PluralRules> rules(
      icu::PluralRules::forLocale(icu::Locale("ar"), status));
  std::string form = "other";
  if (rules) {
    form.clear();
    rules->select(static_cast<int32_t>(std::min<std::int64_t>(n, 1'000'000'000)))
        .toUTF8String(form);
  }
  std::string label = settings_.label("search_count_" + form);
  const auto at = label.find("{n}");
  if (at != std::string::npos) label.replace(at, 3, number(n));
  return label;
}

std::string Renderer::search_page(const SearchView& v, const Chrome& chrome) const {
  const auto& L = settings_;
  Dict d("search");
  put(d, "HEADING",
      v.query.empty() ? L.label("search") : L.label("search_results_for") + " «" + v.query + "»");
  put(d, "QUERY", v.query);
  put(d, "SEARCH_LABEL", L.label("search"));
  put(d, "SEARCH_PLACEHOLDER", L.label("search_placeholder"));
  if (v.nothing_to_search) {
    put(*d.AddSectionDictionary("PROMPT"), "TEXT", L.label("search_prompt"));
  } else {
    std::string count = result_count(v.total);
    if (v.total_capped) {
      count = L.label("search_count_more");
      if (const auto at = count.find("{n}"); at != std::string::npos)
        count.replace(at, 3, number(v.total));
    }
    put(*d.AddSectionDictionary("COUNT"), "TEXT", count);
  }
  if (v.cut) put(*d.AddSectionDictionary("CUT"), "TEXT", L.label("search_cut"));
  if (!v.suggestion.empty()) {
    auto* s = d.AddSectionDictionary("SUGGESTION");
    put(*s, "LABEL", L.label("search_did_you_mean"));
    put(*s, "TEXT", v.suggestion);
    put(*s, "URL", v.suggestion_url);
  }
  if (!v.nothing_to_search && v.results.empty()) {
    auto* e = d.AddSectionDictionary("EMPTY");
    put(*e, "TEXT", L.label("search_no_results"));
    put(*e, "HINT", L.label("search_no_results_hint"));
  }
  for (const auto& r : v.results) {
    const auto& a = r.article;
    auto* item = d.AddSectionDictionary("RESULT");
    put(*item, "URL", core::article_path(a));
    put_html(*item, "TITLE_HTML", strip_slot_bytes(r.title_html));
    put(*item, "CATEGORY", a.category.name.empty() ? L.label("uncategorized") : a.category.name);
    put(*item, "CATEGORY_URL", category_url(a.category));
    put(*item, "ISO", text::iso8601(a.published_at));
    put(*item, "DATE", dates_->date(a.published_at));
    if (!r.snippet_html.empty())
      put_html(*item->AddSectionDictionary("SNIPPET"), "HTML", strip_slot_bytes(r.snippet_html));
    if (r.partial) put(*item->AddSectionDictionary("PARTIAL"), "TEXT", L.label("search_partial"));
  }
  if (v.total_pages > 1) {
    auto* nav = d.AddSectionDictionary("PAGINATION");
    put(*nav, "PAGE_LABEL", L.label("page_n"));
    put(*nav, "PAGE", number(v.page));
    put(*nav, "PAGES", number(v.total_pages));
    if (!v.previous_url.empty()) {
      auto* prev = nav->AddSectionDictionary("PREV");
      put(*prev, "LABEL", L.label("previous_page"));
      put(*prev, "URL", v.previous_url);
    }
    if (!v.next_url.empty()) {
      auto* next = nav->AddSectionDictionary("NEXT");
      put(*next, "LABEL", L.label("next_page"));
      put(*next, "URL", v.next_url);
    }
  }
  const std::string title =
      v.query.empty() ? L.label("search") : L.label("search") + ": " + v.query;
  return layout(title, "", "/search", expand("search.tpl", &d), &chrome, true);
}

std::string Renderer::static_page(const core::Page& pg, const Chrome& chrome) const {
  Dict d("page");
  put(d, "TITLE", pg.title);
  put_html(d, "BODY", strip_slot_bytes(pg.body_html));
  const std::string content = expand("page.tpl", &d);
  return layout(pg.title, "", "/" + pg.slug + "/", content, &chrome);
}

std::string Renderer::error_page(int status) const {
  const auto& L = settings_;
  const char* key = status == 404 ? "not_found" : status >= 500 ? "server_error" : "bad_request";
  Dict d("error");
  put(d, "TITLE", L.label(std::string(key) + "_title"));
  put(d, "TEXT", L.label(std::string(key) + "_text"));
  put(d, "STATUS", number(status));
  put(d, "SEARCH_LABEL", L.label("search"));
  put(d, "SEARCH_PLACEHOLDER", L.label("search_placeholder"));
  put(d, "HOME_LABEL", L.label("home"));
  const std::string content = expand("error.tpl", &d);
  return layout(L.label(std::string(key) + "_title"), "", "/", content, nullptr);
}

std::string Renderer::message_page(int status, const std::vector<std::string>& messages) const {
  const auto& L = settings_;
  Dict d("message");
  put(d, "TITLE", status == 429 ? "طلبات كثيرة" : "تعذّر إرسال النموذج");
  for (const auto& m : messages) put(*d.AddSectionDictionary("MESSAGE"), "TEXT", m);
  put(d, "BACK_LABEL", "عد إلى الصفحة السابقة وصحّح ما يلزم.");
  put(d, "HOME_LABEL", L.label("home"));
  return layout(status == 429 ? "طلبات كثيرة" : "تعذّر إرسال النموذج", "", "/",
                expand("message.tpl", &d), nullptr);
}

std::string Renderer::latest_comments(const std::vector<core::LatestComment>& items,
                                      core::TimePoint now) const {
  Dict d("latest_comments");
  put(d, "LABEL", settings_.label("latest_comments"));
  for (const auto& lc : items) {
    auto* item = d.AddSectionDictionary("ITEM");
    put(*item, "URL",
        core::article_path(lc.article_published_at, lc.article_slug) + "#comment-" +
            std::to_string(lc.comment.id));
    put(*item, "TITLE", lc.article_title);
    put(*item, "EXCERPT", text::cut_at_word(lc.comment.body, kLatestCommentChars));
    put(*item, "NAME", lc.comment.author_name);
    put(*item, "ISO", text::iso8601(lc.comment.created_at));
    put(*item, "WHEN", dates_->relative(lc.comment.created_at, now));
  }
  return expand("latest_comments.tpl", &d);
}

std::string Renderer::most_read(const std::vector<core::ArticleSummary>& items) const {
  Dict d("most_read");
  put(d, "LABEL", settings_.label("most_read"));
  for (const auto& a : items) {
    auto* item = d.AddSectionDictionary("ITEM");
    put(*item, "URL", core::article_path(a));
    put(*item, "TITLE", a.title);
  }
  return expand("most_read.tpl", &d);
}

}  // namespace jarida::render
