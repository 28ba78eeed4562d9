// The media library: uploaded images (re-encoded to WebP variants by
// media/, never served as uploaded), their alt text and captions, and the
// JSON the editor's image picker reads.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "admin/context.hpp"
#include "media/upload.hpp"
#include "render/images.hpp"
#include "text/dates.hpp"

#include <iostream>

namespace jarida::admin {
namespace {

constexpr std::int64_t kPickerPerPage = 24;
constexpr std::size_t kMaxAltBytes = 500;

// A variant's address, checked as the image's own (image_src).
std::string variant_src(const core::MediaVariant& v) {
  core::Media m;
  m.url = v.url;
  return render::image_src(m);
}

std::string srcset_of(const core::Media& m) {
  std::string s;
  for (const auto& v : m.variants) {
    if (!s.empty()) s += ", ";
    s += variant_src(v) + " " + std::to_string(v.width) + "w";
  }
  return s;
}

boost::json::object item_json(const core::Media& m) {
  boost::json::object o;
  o["id"] = m.id;
  o["url"] = render::image_src(m);
  o["width"] = m.width;
  o["height"] = m.height;
  o["alt"] = m.alt;
  o["title"] = m.title;
  o["caption"] = m.caption;
  o["srcset"] = srcset_of(m);
  return o;
}

}  // namespace

void Newsroom::media_page(Ctx& ctx) {
  const std::int64_t page = std::max<std::int64_t>(1, parse_id(ctx.query("page")).value_or(1));
  const std::string q = ctx.query("q");
  const auto result = store_.media_library(q, (page - 1) * options_.per_page, options_.per_page);
  const std::int64_t pages =
      std::max<std::int64_t>(1, (result.total + options_.per_page - 1) / options_.per_page);
  std::string h = page_start(ctx, "الوسائط", "media", true);
  h += "<h1>الوسائط</h1>";
  h += "<p class=\"muted\">الصور المرفوعة تُحوَّل إلى WebP بثلاثة مقاسات وتُحذف بياناتها الوصفية "
       "(الموقع الجغرافي والكاميرا). الحد 20 ميغابايت.</p>";
  // The upload control is the editor script's media dialog, opened here on
  // its own (without JavaScript, uploads are not possible).
  h += "<div id=\"media-library\" data-media-url=\"/admin/media.json\" "
       "data-upload-url=\"/admin/media/upload\"><button type=\"button\" class=\"btn btn-primary\" "
       "id=\"media-upload\">ارفع صورة</button></div>";
  h += "<form class=\"filters\" method=\"get\" action=\"/admin/media\"><label>بحث <input "
       "type=\"search\" name=\"q\" dir=\"auto\"";
  attr(h, "value", q);
  h += "></label><button class=\"btn\" type=\"submit\">ابحث</button></form>";
  h += "<div class=\"media-grid\">";
  for (const auto& m : result.items) {
    h += "<figure class=\"media-item\"><img loading=\"lazy\"";
    attr(h, "src", m.variants.empty() ? render::image_src(m) : variant_src(m.variants.front()));
    attr(h, "alt", m.alt);
    h += "><figcaption><form class=\"admin-form\" method=\"post\" action=\"/admin/media/" +
         std::to_string(m.id) + "\">" + csrf_field(ctx);
    h += "<div class=\"field\"><label>النص البديل<input name=\"alt\" dir=\"auto\" required";
    attr(h, "value", m.alt);
    h += "></label></div><div class=\"field\"><label>التعليق<input name=\"caption\" dir=\"auto\"";
    attr(h, "value", m.caption);
    h += "></label></div><p class=\"muted\" dir=\"auto\">" + esc(m.title) + " · " +
         std::to_string(m.width) + "×" + std::to_string(m.height) +
         "</p><button class=\"btn\" type=\"submit\">احفظ</button></form></figcaption></figure>";
  }
  if (result.items.empty()) h += "<p class=\"empty\">لا صور بعد.</p>";
  h += "</div>";
  h += pagination(page, pages, [&](std::int64_t n) {
    return "/admin/media" + query_string({{"q", q}, {"page", std::to_string(n)}});
  });
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::media_json(Ctx& ctx) {
  const std::int64_t page = std::max<std::int64_t>(1, parse_id(ctx.query("page")).value_or(1));
  const std::string q = ctx.query("q");
  const auto result = store_.media_library(q, (page - 1) * kPickerPerPage, kPickerPerPage);
  boost::json::array items;
  for (const auto& m : result.items) items.push_back(item_json(m));
  boost::json::object o;
  o["items"] = std::move(items);
  o["page"] = page;
  o["pages"] = std::max<std::int64_t>(1, (result.total + kPickerPerPage - 1) / kPickerPerPage);
  o["total"] = result.total;
  send_json(ctx, 200, boost::json::serialize(o));
}

// POST /admin/media/upload?alt=...&name=...: the raw image bytes as body.
void Newsroom::upload_media(Ctx& ctx) {
  const std::string alt = one_line(ctx.query("alt"), kMaxAltBytes);
  if (alt.find_first_not_of(' ') == std::string::npos)
    return json_error(ctx, 422, "اكتب نصًا بديلًا يصف الصورة لمن لا يراها.");
  if (ctx.req.body.empty()) return json_error(ctx, 422, "لم يصل ملف. اختر صورة ثم أعد المحاولة.");
  std::string name = one_line(ctx.query("name"), 300);
  if (name.empty()) name = "صورة";
  if (options_.media_dir.empty()) return json_error(ctx, 500, "مجلد الوسائط غير مهيأ.");
  // Decoding and encoding three sizes takes a good fraction of a second:
  // off the serving threads.
  ctx.res.offload = [this, alt, name, user = ctx.user_id(), req = &ctx.req](http::Response& res) {
    http::Params none;
    Ctx c{*req, none, res, std::nullopt, {}, {}, {}};
    const auto now = core::now_seconds();
    const auto day = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::year_month_day ymd{day};
    char dir[16];
    std::snprintf(dir, sizeof dir, "%04d/%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()));
    media::UploadedImage image;
    try {
      image = media::store_upload(req->body, options_.media_dir, dir, name);
    } catch (const media::UploadError& e) {
      std::cerr << "jarida: upload refused: " << e.detail << "\n";
      return json_error(c, e.problem == media::UploadProblem::not_saved ? 500 : 422, e.what());
    }
    store::NewMedia m;
    m.url = "/media/" + image.largest.path;
    m.width = image.largest.width;
    m.height = image.largest.height;
    m.title = name;
    m.alt = alt;
    for (const auto& v : image.variants)
      m.variants.push_back(core::MediaVariant{v.width, v.height, "/media/" + v.path});
    m.uploaded_by = user;
    m.created_at = now;
    const auto id = store_.add_media(m);
    auto stored = store_.media_by_id(id);
    send_json(c, 201, boost::json::serialize(item_json(*stored)));
  };
}

void Newsroom::update_media(Ctx& ctx) {
  const std::string alt = one_line(ctx.field("alt"), kMaxAltBytes);
  const std::string caption = one_line(ctx.field("caption"), 2000);
  if (!store_.update_media_text(ctx.params.get_int("id"), alt, caption))
    return deny(ctx, 404, "لا توجد هذه الصورة.");
  if (options_.on_content_changed) options_.on_content_changed();
  flash_redirect(ctx, "/admin/media", "media_updated");
}

}  // namespace jarida::admin
