// The site's settings as the rest of the program sees them, already
// validated. app/config.cpp reads them from DIR/jarida.toml.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace jarida::core {

// How dates are written (SEED-PAGE.md part 2).
enum class DateStyle {
  egyptian,   // ar-EG: مايو، يونيو (the seed page's style; default)
  levantine,  // ar-SY / ar-LB: أيار، حزيران
  maghrebi,   // ar-MA: ماي، يونيو
};
enum class Digits { latin, arabic_indic };

struct DateSettings {
  DateStyle style = DateStyle::egyptian;
  std::string locale = "ar-EG";  // the locale named in the config, for ICU
  Digits digits = Digits::latin;
  std::string time_zone = "Africa/Cairo";
  bool hijri = false;    // add an Umm al-Qura line under the date
  int hijri_adjust = 0;  // -2..+2 days, for sites that follow local sighting
};

// Every label a reader sees is a translatable string; these are the defaults
// of the default theme (SEED-PAGE.md), overridable under [labels].
std::map<std::string, std::string> default_labels();

// Readers' comments (issue 4): who is held for moderation and the spam
// defences that need no third party.
enum class ModerationPolicy {
  first_comment,  // hold a commenter's first comment; later ones appear at once (default)
  hold_all,       // every comment waits for an editor
  hold_none,      // every comment appears at once (the automatic holds below still apply)
};
struct CommentSettings {
  bool enabled = true;
  ModerationPolicy policy = ModerationPolicy::first_comment;
  int max_links = 2;                   // more links than this: held
  std::vector<std::string> blocklist;  // words that hold a comment (matched normalized)
  int rate_limit = 5;                  // comments per IP...
  int rate_window_minutes = 10;        // ...per this many minutes
  int min_seconds = 3;                 // form filled faster than this: a bot
};

// Outgoing mail over SMTP (libcurl). Empty host: mail is off and the
// send-to-friend button is hidden.
struct SmtpSettings {
  std::string host;
  int port = 587;
  std::string security = "starttls";  // "starttls", "tls" (implicit, port 465) or "none"
  std::string username;
  std::string password;
  std::string from_address;  // the site's address; never the reader's
  std::string from_name;     // defaults to the site name
  bool configured() const { return !host.empty() && !from_address.empty(); }
};

struct SendToFriendSettings {
  int per_ip_per_hour = 5;
  int per_recipient_per_day = 3;
  int site_per_hour = 200;
};

// RSS and Atom feeds (/feed/, /feed/atom/, per category and tag).
struct FeedSettings {
  bool full_text = true;  // the whole article, or only its excerpt
};

// The newsroom (/admin/).
struct NewsroomSettings {
  bool authors_can_publish = false;  // else an author's "publish" sends it for review
};

struct SiteSettings {
  std::string site_name = "جريدة";
  std::string base_url = "http://127.0.0.1:8080";
  std::string about_text;
  DateSettings dates;
  std::map<std::string, std::string> labels = default_labels();
  CommentSettings comments;
  SmtpSettings smtp;
  SendToFriendSettings send_to_friend;
  FeedSettings feeds;
  NewsroomSettings newsroom;

  const std::string& label(const std::string& key) const;
};

}  // namespace jarida::core
