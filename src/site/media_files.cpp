// Serving DATA_DIR/media (media_files.hpp has the contract). The file is
// reached one folder at a time with openat(O_NOFOLLOW), so no symlink and no
// "..", however spelled, can lead outside the root.
#include "site/media_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <string>

#include "http/security_headers.hpp"

namespace jarida::site {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (lower(s[s.size() - suffix.size() + i]) != suffix[i]) return false;
  return true;
}

// Every segment non-empty and not starting with '.': no "..", ".", hidden
// files (".tmp-*" while store_image writes) or "a//b".
bool plain_segments(std::string_view name) {
  if (name.empty()) return false;
  std::size_t start = 0;
  while (true) {
    const auto end = name.find('/', start);
    const auto segment = name.substr(start, end == std::string_view::npos ? end : end - start);
    if (segment.empty() || segment.front() == '.' || segment.find('\0') != std::string_view::npos)
      return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

// Opens root/name for reading, refusing a symlink at any step below root.
int open_beneath(const std::filesystem::path& root, std::string_view name) {
  Fd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return -1;
  std::size_t start = 0;
  while (true) {
    const auto end = name.find('/', start);
    const std::string segment(
        name.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos)  // O_NONBLOCK: a FIFO must not hang the thread
      return ::openat(dir.get(), segment.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    dir.reset(
        ::openat(dir.get(), segment.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (dir.get() < 0) return -1;
    start = end + 1;
  }
}

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), whatever the C locale.
std::string http_date(std::time_t t) {
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

// Parses an IMF-fixdate; false for anything else (the obsolete formats are
// not worth a 304).
bool parse_http_date(std::string_view text, std::time_t& out) {
  if (text.size() != 29 || text.substr(25) != " GMT") return false;
  const std::string s(text);
  char day[4] = {}, month[4] = {};
  std::tm tm{};
  if (std::sscanf(s.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d", day, &tm.tm_mday, month, &tm.tm_year,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 7)
    return false;
  tm.tm_mon = -1;
  for (int i = 0; i < 12; ++i)
    if (std::string_view(month) == kMonths[i]) tm.tm_mon = i;
  if (tm.tm_mon < 0) return false;
  tm.tm_year -= 1900;
  out = ::timegm(&tm);
  return out != static_cast<std::time_t>(-1);
}

// If-None-Match: "*" or a list of tags, weak ones compared weakly (RFC 9110
// 13.1.2).
bool etag_matches(std::string_view header, std::string_view etag) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    auto tag = header.substr(pos, end - pos);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

std::string_view media_content_type(std::string_view name) {
  if (ends_with_ci(name, ".webp")) return "image/webp";
  if (ends_with_ci(name, ".jpg") || ends_with_ci(name, ".jpeg")) return "image/jpeg";
  if (ends_with_ci(name, ".png")) return "image/png";
  if (ends_with_ci(name, ".gif")) return "image/gif";
  if (ends_with_ci(name, ".avif")) return "image/avif";
  return {};
}

bool MediaFiles::serve(std::string_view name, std::string_view if_none_match,
                       std::string_view if_modified_since, http::Response& out) const {
  if (root_.empty() || !plain_segments(name)) return false;
  const std::string_view type = media_content_type(name);
  if (type.empty()) return false;
  const Fd file(open_beneath(root_, name));
  if (file.get() < 0) return false;
  struct stat st {};
  if (::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
      static_cast<std::uintmax_t>(st.st_size) > kMaxFileBytes)
    return false;

  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec));
  const std::string last_modified = http_date(st.st_mtim.tv_sec);

  // Without If-None-Match, If-Modified-Since decides (RFC 9110 13.2.2).
  bool not_modified = false;
  if (!if_none_match.empty()) {
    not_modified = etag_matches(if_none_match, etag);
  } else if (std::time_t since = 0; parse_http_date(if_modified_since, since)) {
    not_modified = st.st_mtim.tv_sec <= since;
  }

  std::string body;
  if (!not_modified) {
    body.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < body.size()) {
      const auto n =
          ::pread(file.get(), body.data() + got, body.size() - got, static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got != body.size()) return false;  // shrank or unreadable: as if absent
  }

  out.status = not_modified ? 304 : 200;
  out.headers.append(http::kSecurityHeaders);  // includes X-Content-Type-Options: nosniff
  out.add_header("Content-Type", type);
  out.add_header("Cache-Control", "public, max-age=31536000, immutable");
  out.add_header("Last-Modified", last_modified);
  out.add_header("ETag", etag);
  out.body = std::move(body);
  return true;
}

}  // namespace jarida::site
