#include "render/share_metadata.hpp"

#include <boost/json.hpp>

#include "http/target.hpp"
#include "render/images.hpp"
#include "text/dates.hpp"
#include "text/utf8.hpp"

namespace jarida::render {

namespace {

void meta(std::string& out, const char* attr, const char* key, const std::string& value) {
  out += "<meta ";
  out += attr;
  out += "=\"";
  out += key;
  out += "\" content=\"";
  out += text::html_escape(value);
  out += "\">\n";
}

std::string absolute(const core::SiteSettings& site, const std::string& path) {
  return site.base_url + http::encode_path(path);
}

// schema.org ImageObject; the size only when known.
boost::json::object image_object(const std::string& url, std::int64_t width, std::int64_t height) {
  boost::json::object o{{"@type", "ImageObject"}, {"url", url}};
  if (width > 0 && height > 0) {
    o["width"] = width;
    o["height"] = height;
  }
  return o;
}

void json_ld(std::string& out, const boost::json::object& o) {
  out += "<script type=\"application/ld+json\">";
  out += json_for_script(boost::json::serialize(o));
  out += "</script>\n";
}

}  // namespace

std::string json_for_script(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

std::string article_share_head(const core::Article& a, const core::SiteSettings& site,
                               const std::optional<PublisherLogo>& logo) {
  const std::string url = absolute(site, core::article_path(a));
  const std::string published = text::iso8601(a.published_at);
  const std::optional<core::Media>& image = a.featured_image;
  const std::string image_address = image ? image_url(*image, site) : std::string();
  const bool sized = image && image->width > 0 && image->height > 0;
  std::string out;
  meta(out, "property", "og:type", "article");
  meta(out, "property", "og:site_name", site.site_name);
  meta(out, "property", "og:locale", "ar_AR");
  meta(out, "property", "og:title", a.title);
  if (!a.excerpt.empty()) meta(out, "property", "og:description", a.excerpt);
  meta(out, "property", "og:url", url);
  meta(out, "property", "article:published_time", published);
  if (!a.category.name.empty()) meta(out, "property", "article:section", a.category.name);
  for (const auto& t : a.tags) meta(out, "property", "article:tag", t.name);
  if (!image_address.empty()) {
    meta(out, "property", "og:image", image_address);
    if (!image->mime.empty()) meta(out, "property", "og:image:type", image->mime);
    if (sized) {
      meta(out, "property", "og:image:width", std::to_string(image->width));
      meta(out, "property", "og:image:height", std::to_string(image->height));
    }
    if (!image->alt.empty()) meta(out, "property", "og:image:alt", image->alt);
  }
  meta(out, "name", "twitter:card", image_address.empty() ? "summary" : "summary_large_image");
  meta(out, "name", "twitter:title", a.title);
  if (!a.excerpt.empty()) meta(out, "name", "twitter:description", a.excerpt);
  if (!image_address.empty()) {
    meta(out, "name", "twitter:image", image_address);
    if (!image->alt.empty()) meta(out, "name", "twitter:image:alt", image->alt);
  }

  boost::json::object author{{"@type", "Person"}, {"name", a.author.display_name}};
  if (!a.author.slug.empty()) author["url"] = absolute(site, "/author/" + a.author.slug + "/");
  boost::json::array keywords;
  for (const auto& t : a.tags) keywords.emplace_back(t.name);
  boost::json::object ld{
      {"@context", "https://schema.org"},
      {"@type", "NewsArticle"},
      {"headline", a.title},
      {"url", url},
      {"mainEntityOfPage", url},
      {"datePublished", published},
      {"dateModified", published},
      {"inLanguage", "ar"},
      {"author", std::move(author)},
  };
  boost::json::object publisher{
      {"@type", "Organization"}, {"name", site.site_name}, {"url", site.base_url + "/"}};
  if (logo) publisher["logo"] = image_object(logo->url, logo->width, logo->height);
  ld["publisher"] = std::move(publisher);
  if (!image_address.empty())
    ld["image"] = image_object(image_address, image->width, image->height);
  if (!a.excerpt.empty()) ld["description"] = a.excerpt;
  if (!a.category.name.empty()) ld["articleSection"] = a.category.name;
  if (!keywords.empty()) ld["keywords"] = std::move(keywords);
  json_ld(out, ld);
  return out;
}

std::string site_share_head(const core::SiteSettings& site) {
  std::string out;
  meta(out, "property", "og:type", "website");
  meta(out, "property", "og:site_name", site.site_name);
  meta(out, "property", "og:locale", "ar_AR");
  boost::json::object ld{
      {"@context", "https://schema.org"},
      {"@type", "WebSite"},
      {"name", site.site_name},
      {"url", site.base_url + "/"},
      {"inLanguage", "ar"},
      {"potentialAction",
       boost::json::object{
           {"@type", "SearchAction"},
           {"target",
            boost::json::object{{"@type", "EntryPoint"},
                                {"urlTemplate", site.base_url + "/search?q={search_term_string}"}}},
           {"query-input", "required name=search_term_string"}}},
  };
  json_ld(out, ld);
  return out;
}

}  // namespace jarida::render
