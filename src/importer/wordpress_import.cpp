// The WordPress import in two passes over the file. The first only counts
// items and collects attachments (a [gallery] or featured image usually
// refers to an attachment exported after its post) and the site's UTC
// offset; the second writes everything in one ImportBatch transaction.
#include "importer/wordpress_import.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "core/model.hpp"
#include "http/target.hpp"
#include "importer/plain_text.hpp"
#include "importer/wp_content.hpp"
#include "mail/address.hpp"
#include "media/image_store.hpp"
#include "render/html_sanitizer.hpp"
#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace jarida::importer {

namespace {

using std::chrono::seconds;

// "2023-01-28 05:52:20" as written (local or GMT); nullopt for WordPress's
// "0000-00-00 00:00:00" (drafts never published) and anything malformed.
std::optional<core::TimePoint> parse_wp_date(std::string_view s) {
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    if (at + len > s.size()) return false;
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, out);
    return ec == std::errc() && p == s.data() + at + len;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (s.size() < 19 || !num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) ||
      !num(14, 2, mi) || !num(17, 2, se) || y < 1970)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return core::TimePoint(std::chrono::sys_days(ymd)) + std::chrono::hours(h) +
         std::chrono::minutes(mi) + seconds(se);
}

// A WordPress slug as stored: percent-encoded UTF-8 in lower-case hex.
// Returns the raw UTF-8 Jarida keeps ("" when it does not decode).
std::string decode_slug(std::string_view encoded) {
  std::string out;
  if (!http::decode_query_value(encoded, out)) return "";
  if (!text::is_valid_utf8(out)) return text::valid_utf8(out);
  return out;
}

// WordPress stores names HTML-escaped ("أخبار &amp; آراء"); decoded
// exactly once, tags dropped.
std::string plain(std::string_view html) {
  return plain_text(html);
}

// The decoded path of an old permalink ("" when it is not a plain path on
// the exported site, e.g. "?p=12": the legacy-link handler covers those).
std::string old_path(std::string_view link) {
  const auto scheme = link.find("://");
  if (scheme == std::string_view::npos) return "";
  const auto slash = link.find('/', scheme + 3);
  if (slash == std::string_view::npos) return "";
  const std::string_view target = link.substr(slash);
  std::string path;
  std::string_view query;
  if (http::parse_target(target, path, query) != http::TargetError::none || !query.empty())
    return "";
  return path;
}

std::string mime_from_url(std::string_view url) {
  const auto dot = url.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(url.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, const char*> kTypes[] = {
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"svg", "image/svg+xml"},
      {"pdf", "application/pdf"},
      {"mp3", "audio/mpeg"},
      {"m4a", "audio/mp4"},
      {"ogg", "audio/ogg"},
      {"mp4", "video/mp4"},
      {"webm", "video/webm"},
      {"mov", "video/quicktime"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"zip", "application/zip"}};
  for (auto [e, type] : kTypes)
    if (ext == e) return type;
  return "application/octet-stream";
}

// width and height from _wp_attachment_metadata, a PHP-serialized array
// (a:5:{s:5:"width";i:1200;s:6:"height";i:800;...}). The first "width"
// and "height" are the original's; the per-size ones follow them.
std::int64_t php_int_field(std::string_view serialized, std::string_view key) {
  const std::string needle = "s:" + std::to_string(key.size()) + ":\"" + std::string(key) + "\";i:";
  const auto at = serialized.find(needle);
  if (at == std::string_view::npos) return 0;
  std::int64_t v = 0;
  const char* first = serialized.data() + at + needle.size();
  std::from_chars(first, serialized.data() + serialized.size(), v);
  return v > 0 && v < 100000 ? v : 0;
}

std::int64_t meta_int(const WxrItem& item, std::string_view key) {
  std::int64_t v = 0;
  const std::string& s = item.meta_value(key);
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v > 0 ? v : 0;
}

struct Attachment {
  AttachmentInfo info;
  std::string file;  // _wp_attached_file: "2024/03/photo.jpg", relative to uploads
  std::int64_t parent = 0;
  std::int64_t menu_order = 0;
};

// Pass 1: what items refer to before they appear.
struct FirstPass {
  std::int64_t items = 0;
  std::unordered_map<std::int64_t, Attachment> attachments;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> attachments_by_parent;
  seconds utc_offset{0};  // the site's local time minus UTC, from its posts
  // The URL the uploads folder was served at (attachment_url minus
  // _wp_attached_file), e.g. "http://old.example/wp-content/uploads/".
  std::string uploads_url;
  std::unordered_map<std::int64_t, std::string> reusable_blocks;  // wp_block id -> content
};

// Posts use a reusable block as <!-- wp:block {"ref":401} /-->; Jarida has
// no reusable blocks, so the block's content is put in its place (one
// level: a block inside a block is as rare as it is in WordPress's UI).
std::string inline_reusable_blocks(std::string_view html, const FirstPass& fp,
                                   std::int64_t& missing) {
  static constexpr std::string_view kOpen = "<!-- wp:block ";
  std::string out;
  std::size_t at = 0;
  for (;;) {
    const auto start = html.find(kOpen, at);
    if (start == std::string_view::npos) break;
    const auto end = html.find("-->", start);
    if (end == std::string_view::npos) break;
    const std::string_view comment = html.substr(start, end + 3 - start);
    std::int64_t ref = 0;
    if (const auto r = comment.find("\"ref\":"); r != std::string_view::npos)
      std::from_chars(comment.data() + r + 6, comment.data() + comment.size(), ref);
    out.append(html.substr(at, start - at));
    const auto block = fp.reusable_blocks.find(ref);
    if (block != fp.reusable_blocks.end())
      out += block->second;
    else
      ++missing;
    at = end + 3;
  }
  out.append(html.substr(at));
  return out;
}

FirstPass first_pass(const ImportOptions& options) {
  FirstPass fp;
  bool offset_known = false;
  WxrHandler h;
  h.progress = options.scanning;
  h.item = [&](const WxrItem& it) {
    ++fp.items;
    if (!offset_known) {
      const auto local = parse_wp_date(it.post_date), gmt = parse_wp_date(it.post_date_gmt);
      if (local && gmt) {
        fp.utc_offset = *local - *gmt;
        offset_known = true;
      }
    }
    if (it.post_type == "wp_block") fp.reusable_blocks[it.post_id] = it.content;
    if (it.post_type != "attachment" || it.post_id <= 0) return;
    Attachment a;
    a.info.url = it.attachment_url;
    a.info.mime = mime_from_url(it.attachment_url);
    a.file = it.meta_value("_wp_attached_file");
    if (fp.uploads_url.empty() && !a.file.empty() && it.attachment_url.ends_with(a.file))
      fp.uploads_url = it.attachment_url.substr(0, it.attachment_url.size() - a.file.size());
    const std::string& meta = it.meta_value("_wp_attachment_metadata");
    a.info.width = php_int_field(meta, "width");
    a.info.height = php_int_field(meta, "height");
    a.info.alt = plain(it.meta_value("_wp_attachment_image_alt"));
    a.info.caption = plain(it.excerpt);
    a.parent = it.post_parent;
    a.menu_order = it.menu_order;
    if (a.parent > 0) fp.attachments_by_parent[a.parent].push_back(it.post_id);
    fp.attachments.emplace(it.post_id, std::move(a));
  };
  read_wxr(options.file, h);
  for (auto& [parent, ids] : fp.attachments_by_parent)
    std::stable_sort(ids.begin(), ids.end(), [&](std::int64_t a, std::int64_t b) {
      return fp.attachments.at(a).menu_order < fp.attachments.at(b).menu_order;
    });
  return fp;
}

// Pass 2.
class Importer {
 public:
  Importer(store::ImportBatch& batch, const FirstPass& fp, const ImportOptions& options,
           ImportSummary& summary)
      : b_(batch), fp_(fp), options_(options), s_(summary) {}

  void site(const WxrSite& site) { s_.site = site; }

  void author(const WxrAuthor& a) {
    if (a.login.empty()) return warn("authors without a login (skipped)");
    store::ImportedUser u;
    u.legacy_id = a.id;
    u.login = a.login;
    u.display_name = plain(a.display_name);
    if (u.display_name.empty()) u.display_name = plain(a.first_name + " " + a.last_name);
    if (u.display_name.empty()) u.display_name = a.login;
    u.email = a.email;
    u.slug = author_slug(u.display_name, a.login, a.id);
    const auto r = b_.upsert_user(u);
    count(s_.authors, r);
    users_[a.login] = r.id;
  }

  void term(const WxrTerm& t) {
    if (t.taxonomy != "category" && t.taxonomy != "post_tag") {
      if (seen_terms_.insert({t.taxonomy, t.id}).second) ++s_.skipped["term: " + t.taxonomy];
      return;
    }
    if (!seen_terms_.insert({t.taxonomy, t.id}).second) return;  // listed twice
    store::ImportedTerm it;
    it.legacy_id = t.id;
    it.slug = decode_slug(t.slug);
    it.name = plain(t.name);
    it.description = plain(t.description);
    if (it.slug.empty()) it.slug = text::slugify(it.name);
    if (it.slug.empty())
      it.slug = (t.taxonomy == "category" ? "category-" : "tag-") + std::to_string(t.id);
    if (it.name.empty()) it.name = it.slug;
    if (t.taxonomy == "category") {
      if (!t.parent_slug.empty()) {
        const auto p = category_legacy_by_slug_.find(t.parent_slug);
        if (p != category_legacy_by_slug_.end())
          it.parent_legacy_id = p->second;
        else
          warn("categories whose parent is not in the file (now top-level)");
      }
      const auto r = b_.upsert_category(it);
      count(s_.categories, r);
      categories_[t.slug] = r.id;
      category_legacy_by_slug_[t.slug] = t.id;
      category_path_[t.slug] =
          (it.parent_legacy_id ? parent_path(t.parent_slug) + "/" : std::string()) + it.slug;
      if (it.parent_legacy_id) {
        // WordPress nests child categories: /category/parent/child/.
        redirect("/category/" + category_path_[t.slug] + "/", "/category/" + it.slug + "/");
      }
    } else {
      const auto r = b_.upsert_tag(it);
      count(s_.tags, r);
      tags_[t.slug] = r.id;
    }
  }

  void item(const WxrItem& it) {
    ++s_.items;
    if (options_.progress) options_.progress(s_.items, fp_.items);
    if (it.post_id <= 0) return warn("items without a post id (skipped)");
    const std::string& type = it.post_type;
    if (type == "post") return post(it);
    if (type == "page") return page(it);
    if (type == "attachment") return attachment(it);
    if (type == "wp_block") {  // inlined where posts use them
      ++s_.skipped["wp_block (reusable blocks: their content is put where posts use them)"];
      return;
    }
    ++s_.skipped[type.empty() ? "items without a type" : type];
    if (!it.comments.empty()) s_.skipped["comments on a " + type] += std::ssize(it.comments);
  }

  void finish() {
    const auto fix = b_.finish();
    if (fix.orphan_comments > 0)
      s_.warnings["replies whose parent comment is not in the file (now top-level)"] +=
          fix.orphan_comments;
    if (fix.missing_featured_media > 0)
      s_.warnings["featured images not in the file (articles kept without one)"] +=
          fix.missing_featured_media;
  }

 private:
  void warn(const std::string& what, std::int64_t n = 1) { s_.warnings[what] += n; }
  static void count(KindCount& k, const store::Upserted& r) { ++(r.added ? k.added : k.updated); }

  void redirect(const std::string& from, const std::string& to) {
    if (from.empty() || from == to) return;
    b_.add_redirect(from, to);
    ++s_.redirects;
  }

  std::string parent_path(const std::string& slug) const {
    const auto p = category_path_.find(slug);
    return p == category_path_.end() ? decode_slug(slug) : p->second;
  }

  // A public slug that is not the login: /?author=ID redirects to it, and
  // a login must never be revealed that way.
  static std::string author_slug(const std::string& name, const std::string& login,
                                 std::int64_t id) {
    std::string slug = text::slugify(name);
    std::string lower_login = login;
    for (char& c : lower_login) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (slug.empty() || slug == lower_login || slug == text::slugify(login))
      slug = "author-" + std::to_string(id > 0 ? id : 0);
    return slug;
  }

  core::TimePoint time_of(const std::string& gmt, const std::string& local) const {
    if (auto t = parse_wp_date(gmt)) return *t;
    if (auto t = parse_wp_date(local)) return *t - fp_.utc_offset;
    return core::now_seconds();
  }

  core::Id author_of(const WxrItem& it) {
    const auto u = users_.find(it.creator);
    if (u != users_.end()) return u->second;
    // A post by someone missing from the author list (a partial export).
    store::ImportedUser nu;
    nu.login = it.creator.empty() ? "wordpress-import" : it.creator;
    nu.display_name = nu.login;
    // Numbered after the listed authors; the store adds a suffix if taken.
    nu.slug = "author-" + std::to_string(users_.size() + 1);
    const auto r = b_.upsert_user(nu);
    count(s_.authors, r);
    warn("post authors missing from the author list (added from their login)");
    return users_[it.creator] = r.id;
  }

  core::Id term_id(std::unordered_map<std::string, core::Id>& known, const WxrItemTerm& t,
                   bool category) {
    const auto k = known.find(t.nicename);
    if (k != known.end()) return k->second;
    store::ImportedTerm nt;
    nt.slug = decode_slug(t.nicename);
    nt.name = plain(t.name);
    if (nt.slug.empty()) nt.slug = text::slugify(nt.name);
    if (nt.name.empty()) nt.name = nt.slug;
    const auto r = category ? b_.upsert_category(nt) : b_.upsert_tag(nt);
    count(category ? s_.categories : s_.tags, r);
    return known[t.nicename] = r.id;
  }

  core::Id default_category() {
    if (!default_category_) {
      store::ImportedTerm t;
      t.slug = "uncategorized";
      t.name = "غير مصنف";
      const auto k = categories_.find("uncategorized");
      default_category_ = k != categories_.end() ? k->second : b_.upsert_category(t).id;
    }
    return *default_category_;
  }

  // WordPress statuses to Jarida's. A password-protected post is never
  // public: it becomes private (the newsroom sees it, readers don't).
  std::optional<core::ArticleStatus> status_of(const WxrItem& it) {
    using S = core::ArticleStatus;
    std::optional<S> s;
    if (it.status == "publish")
      s = S::published;
    else if (it.status == "future")
      s = S::scheduled;
    else if (it.status == "draft")
      s = S::draft;
    else if (it.status == "pending")
      s = S::pending;
    else if (it.status == "private")
      s = S::private_;
    else if (it.status == "trash")
      s = S::trash;
    if (!s) return std::nullopt;
    if (!it.post_password.empty() && *s != S::trash && *s != S::private_) {
      warn("password-protected items imported as private (their passwords are not kept)");
      s = S::private_;
    }
    return s;
  }

  std::string slug_of(const WxrItem& it, std::string_view fallback_prefix) {
    std::string slug = decode_slug(it.post_name);
    // Trashed items carry WordPress's "__trashed" suffix on their slug.
    if (it.status == "trash" && slug.ends_with("__trashed")) slug.resize(slug.size() - 9);
    if (slug.empty()) slug = text::slugify(plain(it.title));
    if (slug.empty()) slug = std::string(fallback_prefix) + std::to_string(it.post_id);
    return slug;
  }

  std::string content_of(const WxrItem& it) {
    ContentContext ctx;
    ctx.post_id = it.post_id;
    ctx.attachment = [this](std::int64_t id) -> const AttachmentInfo* {
      const auto a = fp_.attachments.find(id);
      return a == fp_.attachments.end() ? nullptr : &a->second.info;
    };
    ctx.attachments_of = [this](std::int64_t post) {
      const auto a = fp_.attachments_by_parent.find(post);
      return a == fp_.attachments_by_parent.end() ? std::vector<std::int64_t>{} : a->second;
    };
    ContentReport report;
    std::int64_t missing_blocks = 0;
    std::string html =
        convert_post_content(it.content.find("<!-- wp:block ") == std::string::npos
                                 ? it.content
                                 : inline_reusable_blocks(it.content, fp_, missing_blocks),
                             ctx, report);
    if (missing_blocks > 0) warn("reusable blocks not in the file (left out)", missing_blocks);
    for (const auto& name : report.unknown_shortcodes)
      warn("items with the shortcode [" + name + "] (left as text)");
    if (report.missing_attachments > 0)
      warn("gallery images not in the file (left out)", report.missing_attachments);
    return options_.uploads ? with_local_images(std::move(html)) : html;
  }

  void post(const WxrItem& it) {
    const auto status = status_of(it);
    if (!status) {
      ++s_.skipped["posts with status " + (it.status.empty() ? "(none)" : it.status)];
      return;
    }
    store::ImportedArticle a;
    a.legacy_id = it.post_id;
    a.slug = slug_of(it, "post-");
    a.title = plain(it.title);
    if (a.title.empty()) warn("posts without a title");
    a.excerpt = plain(it.excerpt);
    a.body_html = content_of(it);
    a.status = *status;
    a.published_at = time_of(it.post_date_gmt, it.post_date);
    a.updated_at = time_of(it.post_modified_gmt, it.post_modified);
    if (a.updated_at < a.published_at) a.updated_at = a.published_at;
    a.author_id = author_of(it);
    std::vector<const WxrItemTerm*> cats;
    for (const auto& t : it.terms) {
      if (t.domain == "category")
        cats.push_back(&t);
      else if (t.domain == "post_tag")
        a.tag_ids.push_back(term_id(tags_, t, false));
      else
        ++s_.skipped["post terms: " + t.domain];
    }
    a.category_id = primary_category(it, cats);
    a.visits = std::max(meta_int(it, "views"), meta_int(it, "post_views_count"));
    a.sticky = it.is_sticky;
    a.comments_open = it.comment_status != "closed";
    if (const auto thumb = meta_int(it, "_thumbnail_id")) a.featured_media_legacy_id = thumb;

    const auto r = b_.upsert_article(a);
    count(s_.articles, r);
    ++s_.article_statuses[std::string(core::to_string(a.status))];
    if (a.status == core::ArticleStatus::published) {
      const std::string now_at = core::article_path(a.published_at, r.slug);
      // The old permalink, when it was not month-and-name or the slug moved.
      redirect(old_path(it.link), now_at);
      if (r.slug != a.slug) {
        warn("posts whose slug another article had (renamed with a number; old link redirects)");
        redirect(core::article_path(a.published_at, a.slug), now_at);
      }
    }
    for (const auto& c : it.comments) comment(c, r.id);
  }

  core::Id primary_category(const WxrItem& it, const std::vector<const WxrItemTerm*>& cats) {
    if (cats.empty()) return default_category();
    if (cats.size() > 1)
      warn("posts in more than one category (Jarida keeps one: the primary, else the first)");
    // Yoast SEO records the primary category by term id.
    const auto primary = meta_int(it, "_yoast_wpseo_primary_category");
    const WxrItemTerm* pick = cats.front();
    for (const auto* c : cats) {
      const auto legacy = category_legacy_by_slug_.find(c->nicename);
      if (primary > 0 && legacy != category_legacy_by_slug_.end() && legacy->second == primary) {
        pick = c;
        break;
      }
      if (pick->nicename == "uncategorized" && c->nicename != "uncategorized") pick = c;
    }
    for (const auto* c : cats)
      if (c != pick) term_id(categories_, *c, true);  // known, even if not the article's
    return term_id(categories_, *pick, true);
  }

  void comment(const WxrComment& c, core::Id article) {
    if (c.type == "pingback" || c.type == "trackback") {
      ++s_.skipped[c.type + "s"];
      return;
    }
    using S = core::CommentStatus;
    store::ImportedComment ic;
    if (c.approved == "1")
      ic.status = S::approved;
    else if (c.approved == "0")
      ic.status = S::pending;
    else if (c.approved == "spam")
      ic.status = S::spam;
    else if (c.approved == "trash" || c.approved == "post-trashed")
      ic.status = S::trash;
    else {
      ++s_.skipped["comments with status " + c.approved];
      return;
    }
    if (!c.type.empty() && c.type != "comment")
      warn("comments of type " + c.type + " (imported as comments)");
    ic.legacy_id = c.id;
    ic.article_id = article;
    if (c.parent > 0) ic.parent_legacy_id = c.parent;
    ic.author_name = plain(c.author);
    if (ic.author_name.empty()) ic.author_name = "زائر";  // WordPress's "Anonymous"
    ic.author_email = c.author_email;
    if (!c.author_email.empty() && mail::valid_email(c.author_email))
      ic.email_key = mail::normalize_email(c.author_email);
    ic.body = plain(c.content);
    ic.created_at = time_of(c.date_gmt, c.date);
    if (!c.author_ip.empty() && options_.hash_ip) ic.ip_hash = options_.hash_ip(c.author_ip);
    if (!c.author_url.empty()) warn("commenters' website links (not kept)");
    const auto r = b_.upsert_comment(ic);
    count(s_.comments, r);
    ++s_.comment_statuses[std::string(core::to_string(ic.status))];
  }

  void page(const WxrItem& it) {
    auto status = status_of(it);
    if (!status) {
      ++s_.skipped["pages with status " + (it.status.empty() ? "(none)" : it.status)];
      return;
    }
    if (*status == core::ArticleStatus::scheduled) {
      warn("scheduled pages (imported as drafts)");
      status = core::ArticleStatus::draft;
    }
    store::ImportedPage p;
    p.legacy_id = it.post_id;
    p.slug = slug_of(it, "page-");
    p.title = plain(it.title);
    p.body_html = content_of(it);
    p.status = *status;
    p.updated_at = time_of(it.post_modified_gmt, it.post_modified);
    const auto r = b_.upsert_page(p);
    count(s_.pages, r);
    if (!it.comments.empty()) s_.skipped["comments on pages"] += std::ssize(it.comments);
    // Child pages lived at /parent/child/; Jarida's pages are flat.
    if (p.status == core::ArticleStatus::published) redirect(old_path(it.link), "/" + r.slug + "/");
  }

  // The copy of an uploaded file (relative to the uploads folder), made
  // once per file; nullptr when it is not there or is not an image.
  const media::StoredImage* local_image(const std::string& relative) {
    const auto known = copies_.find(relative);
    if (known != copies_.end()) return known->second ? &*known->second : nullptr;
    std::optional<media::StoredImage> copy;
    const std::filesystem::path source = *options_.uploads / std::filesystem::path(relative);
    const auto slash = relative.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : relative.substr(0, slash);
    const std::string name = relative.substr(slash == std::string::npos ? 0 : slash + 1);
    std::error_code ec;
    if (relative.find("..") != std::string::npos || !std::filesystem::is_regular_file(source, ec)) {
      warn("uploaded files not found in --uploads (remote URL kept)");
    } else {
      try {
        copy = media::store_image(source, options_.media_root, dir, name);
        ++s_.images_copied;
      } catch (const media::ImageError& e) {
        warn("files in --uploads that are not usable images (remote URL kept)");
      }
    }
    const auto& slot = copies_[relative] = std::move(copy);
    return slot ? &*slot : nullptr;
  }

  // Rewrites every URL into the old uploads folder that names a file found
  // in --uploads (the original or one of WordPress's resized copies) to
  // Jarida's re-encoded copy.
  std::string with_local_images(std::string html) {
    const std::string& base = fp_.uploads_url;
    if (base.empty()) return html;
    std::string out;
    std::size_t at = 0;
    for (;;) {
      const auto start = html.find(base, at);
      if (start == std::string::npos) break;
      auto end = html.find_first_of("\"' <>", start);
      if (end == std::string::npos) end = html.size();
      std::string relative;
      if (!http::decode_query_value(
              std::string_view(html).substr(start + base.size(), end - start - base.size()),
              relative))
        relative.clear();
      out.append(html, at, start - at);
      const media::StoredImage* copy = relative.empty() ? nullptr : local_image(relative);
      if (copy)
        out += "/media/" + http::encode_path(copy->path);
      else
        out.append(html, start, end - start);
      at = end;
    }
    out.append(html, at);
    return out;
  }

  void attachment(const WxrItem& it) {
    const auto a = fp_.attachments.find(it.post_id);
    if (a == fp_.attachments.end() || a->second.info.url.empty())
      return warn("attachments without a URL (skipped)");
    store::ImportedMedia m;
    m.legacy_id = it.post_id;
    m.url = a->second.info.url;
    m.mime = a->second.info.mime;
    m.width = a->second.info.width;
    m.height = a->second.info.height;
    if (options_.uploads && !a->second.file.empty() && m.mime.starts_with("image/") &&
        m.mime != "image/svg+xml") {
      if (const auto* copy = local_image(a->second.file)) {
        m.url = "/media/" + http::encode_path(copy->path);
        m.mime = copy->mime;
        m.width = copy->width;
        m.height = copy->height;
      }
    } else if (options_.uploads && !m.mime.starts_with("image/")) {
      warn("attachments that are not images (remote URL kept)");
    }
    m.alt = a->second.info.alt;
    m.caption = a->second.info.caption;
    m.title = plain(it.title);
    m.created_at = time_of(it.post_date_gmt, it.post_date);
    count(s_.media, b_.upsert_media(m));
    if (!it.comments.empty()) s_.skipped["comments on attachments"] += std::ssize(it.comments);
  }

  store::ImportBatch& b_;
  const FirstPass& fp_;
  const ImportOptions& options_;
  ImportSummary& s_;
  std::unordered_map<std::string, core::Id> users_;  // login -> id
  // Keyed by the slug as exported (percent-encoded), as items refer to them.
  std::unordered_map<std::string, core::Id> categories_, tags_;
  std::unordered_map<std::string, std::int64_t> category_legacy_by_slug_;
  std::unordered_map<std::string, std::string> category_path_;  // decoded parent/child path
  std::set<std::pair<std::string, std::int64_t>> seen_terms_;
  std::optional<core::Id> default_category_;
  std::unordered_map<std::string, std::optional<media::StoredImage>> copies_;  // by uploads path
};

}  // namespace

ImportSummary import_wordpress(store::Store& store, const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const FirstPass fp = first_pass(options);
  ImportSummary summary;
  auto batch = store.begin_import();
  Importer importer(*batch, fp, options, summary);
  WxrHandler h;
  h.site = [&](const WxrSite& s) { importer.site(s); };
  h.author = [&](const WxrAuthor& a) { importer.author(a); };
  h.term = [&](const WxrTerm& t) { importer.term(t); };
  h.item = [&](const WxrItem& it) { importer.item(it); };
  read_wxr(options.file, h);
  importer.finish();
  if (options.committing) options.committing();
  batch->commit();  // also indexes every new or changed article for search
  summary.elapsed = std::chrono::steady_clock::now() - started;
  return summary;
}

}  // namespace jarida::importer
