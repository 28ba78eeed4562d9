#include "render/feeds.hpp"

#include <array>
#include <ctime>
#include <utility>

#include "render/images.hpp"
#include "render/xml.hpp"
#include "text/dates.hpp"

namespace jarida::render {

namespace {

// The featured image's absolute URL and type (escaped), or "" when it has
// none a reader could fetch.
std::pair<std::string, std::string> enclosure(const FeedItem& i, const core::SiteSettings& site) {
  if (!i.image) return {};
  std::string url = image_url(*i.image, site);
  if (url.empty()) return {};
  return {xml_escape(url), xml_escape(image_type(*i.image))};
}

core::TimePoint newest(const std::vector<FeedItem>& items) {
  core::TimePoint t{};
  for (const auto& i : items) t = std::max(t, i.published);
  return t;
}

}  // namespace

std::string rfc822(core::TimePoint t) {
  // Fixed English names: RFC 822 dates are not localized.
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string rss(const FeedChannel& channel, const std::vector<FeedItem>& items,
                const core::SiteSettings& site) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n";
  out += "<title>" + xml_escape(channel.title) + "</title>\n";
  out += "<link>" + xml_url(site, channel.path) + "</link>\n";
  out += "<atom:link href=\"" + xml_url(site, channel.feed_path) +
         "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  out += "<description>" + xml_escape(channel.description) + "</description>\n";
  out += "<language>ar</language>\n";
  if (!items.empty()) out += "<lastBuildDate>" + rfc822(newest(items)) + "</lastBuildDate>\n";
  for (const auto& i : items) {
    const std::string url = xml_url(site, i.path);
    out += "<item>\n<title>" + xml_escape(i.title) + "</title>\n<link>" + url + "</link>\n";
    out += "<guid isPermaLink=\"true\">" + url + "</guid>\n";
    out += "<pubDate>" + rfc822(i.published) + "</pubDate>\n";
    if (!i.author.empty()) out += "<dc:creator>" + xml_escape(i.author) + "</dc:creator>\n";
    if (!i.category.empty()) out += "<category>" + xml_escape(i.category) + "</category>\n";
    out += "<description>" + xml_escape(i.summary) + "</description>\n";
    if (!i.html.empty()) out += "<content:encoded>" + xml_escape(i.html) + "</content:encoded>\n";
    // RSS 2.0 requires length; "0" says unknown (the media table keeps no
    // byte size), which validators accept.
    if (const auto [image, type] = enclosure(i, site); !image.empty())
      out += "<enclosure url=\"" + image + "\" length=\"0\" type=\"" + type + "\"/>\n";
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

std::string atom(const FeedChannel& channel, const std::vector<FeedItem>& items,
                 const core::SiteSettings& site) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\">\n";
  out += "<title>" + xml_escape(channel.title) + "</title>\n";
  if (!channel.description.empty())
    out += "<subtitle>" + xml_escape(channel.description) + "</subtitle>\n";
  out += "<id>" + xml_url(site, channel.feed_path) + "</id>\n";
  out += "<link rel=\"self\" href=\"" + xml_url(site, channel.feed_path) + "\"/>\n";
  out += "<link rel=\"alternate\" href=\"" + xml_url(site, channel.path) + "\"/>\n";
  out += "<updated>" + text::iso8601(items.empty() ? core::TimePoint{} : newest(items)) +
         "</updated>\n";
  out += "<author><name>" + xml_escape(site.site_name) + "</name></author>\n";
  for (const auto& i : items) {
    const std::string url = xml_url(site, i.path);
    out += "<entry>\n<title>" + xml_escape(i.title) + "</title>\n<id>" + url + "</id>\n";
    out += "<link rel=\"alternate\" href=\"" + url + "\"/>\n";
    if (const auto [image, type] = enclosure(i, site); !image.empty())
      out += "<link rel=\"enclosure\" type=\"" + type + "\" href=\"" + image + "\"/>\n";
    out += "<published>" + text::iso8601(i.published) + "</published>\n";
    out += "<updated>" + text::iso8601(i.published) + "</updated>\n";
    if (!i.author.empty()) out += "<author><name>" + xml_escape(i.author) + "</name></author>\n";
    if (!i.category.empty()) out += "<category term=\"" + xml_escape(i.category) + "\"/>\n";
    out += "<summary>" + xml_escape(i.summary) + "</summary>\n";
    if (!i.html.empty()) out += "<content type=\"html\">" + xml_escape(i.html) + "</content>\n";
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace jarida::render
