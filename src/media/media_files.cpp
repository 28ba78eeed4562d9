// Safe names and atomic placement of media files (media_files.hpp).
#include "media/media_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>

#include "media/image_codec.hpp"
#include "text/slug.hpp"

namespace jarida::media {
namespace {

namespace fs = std::filesystem;

// Longest name before ".webp" and "-NNNN-NNNN" suffixes: well under the
// 255-byte limit of a file name, Arabic letters being two bytes each.
constexpr std::size_t kMaxNameBytes = 200;
// Names tried before giving up ("name", "name-2" ... ).
constexpr int kMaxNameTries = 10000;

[[noreturn]] void not_saved(std::string reason) {
  throw codec::Refused{UploadProblem::not_saved, std::move(reason), {}};
}

std::string errno_text() {
  return std::strerror(errno);
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence, and
// without leaving a '-' at the end.
void cut_utf8(std::string& s, std::size_t max) {
  if (s.size() > max) {
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
}

// True if `inner` is `outer` or below it (both canonical).
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i)
    if (i == inner.end() || *i != *o) return false;
  return true;
}

enum class At { free, same, other };

// What is at `path` (not following a symlink) compared with `bytes`.
At what_is_at(const fs::path& path, std::string_view bytes) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT ? At::free : At::other;
  if (!S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) != bytes.size())
    return At::other;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return At::other;
  std::string existing(bytes.size(), '\0');
  std::size_t got = 0;
  while (got < existing.size()) {
    const auto n = ::read(fd, existing.data() + got, existing.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return got == bytes.size() && existing == bytes ? At::same : At::other;
}

// A hidden temporary file in `dir` (the media server never serves hidden
// files), removed when this goes, whether or not it was linked into place.
class TempFile {
 public:
  TempFile(const fs::path& dir, std::string_view bytes) {
    std::string name = (dir / ".tmp-XXXXXX.webp").string();
    const int fd = ::mkstemps(name.data(), 5);
    if (fd < 0) not_saved("cannot create a file in " + dir.string() + " (" + errno_text() + ")");
    path_ = name;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const std::string why = errno_text();
        ::close(fd);
        ::unlink(path_.c_str());
        not_saved("cannot write " + path_.string() + " (" + why + ")");
      }
      done += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);  // mkstemps makes it 0600; the web server must read it
    if (::close(fd) != 0) {
      const std::string why = errno_text();
      ::unlink(path_.c_str());
      not_saved("cannot write " + path_.string() + " (" + why + ")");
    }
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::string safe_image_name(std::string_view wanted_name) {
  for (std::string_view ext :
       {".jpeg", ".jpg", ".png", ".gif", ".webp", ".avif", ".heic", ".heif"}) {
    if (ends_with_ci(wanted_name, ext)) {
      wanted_name.remove_suffix(ext.size());
      break;
    }
  }
  std::string name = text::slugify(wanted_name);
  cut_utf8(name, kMaxNameBytes);
  return name.empty() ? "image" : name;
}

namespace files {

std::string safe_dir(std::string_view wanted_dir) {
  std::string out;
  std::size_t start = 0;
  while (start <= wanted_dir.size()) {
    auto end = wanted_dir.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = wanted_dir.size();
    std::string segment = text::slugify(wanted_dir.substr(start, end - start));
    cut_utf8(segment, kMaxNameBytes);
    if (!segment.empty()) {
      if (!out.empty()) out.push_back('/');
      out.append(segment);
    }
    start = end + 1;
  }
  return out;
}

std::vector<std::string> place(const fs::path& media_root, std::string_view wanted_dir,
                               std::string_view wanted_name, std::span<const NamedBytes> files) {
  const std::string dir_rel = safe_dir(wanted_dir);
  const fs::path dir = dir_rel.empty() ? media_root : media_root / dir_rel;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) not_saved("cannot create " + dir.string() + " (" + ec.message() + ")");
  // A symlink inside the media folder must not lead the files outside it.
  const fs::path real_root = fs::canonical(media_root, ec);
  const fs::path real_dir = ec ? fs::path() : fs::canonical(dir, ec);
  if (ec || !is_within(real_dir, real_root))
    not_saved(dir.string() + " is not inside the media folder");

  std::vector<std::unique_ptr<TempFile>> temps;
  for (const auto& f : files) temps.push_back(std::make_unique<TempFile>(dir, f.bytes));
  const std::string base = safe_image_name(wanted_name);
  for (int n = 1; n <= kMaxNameTries; ++n) {
    const std::string stem = n == 1 ? base : base + "-" + std::to_string(n);
    auto target = [&](std::size_t i) { return dir / (stem + files[i].suffix + ".webp"); };
    // Look first, so a stem with a foreign file is passed over before
    // anything is linked under it.
    bool usable = true;
    for (std::size_t i = 0; i < files.size() && usable; ++i)
      usable = what_is_at(target(i), files[i].bytes) != At::other;
    if (!usable) continue;
    // link() never replaces an existing name: two writers can't collide.
    std::vector<fs::path> linked;
    auto unlink_linked = [&] {
      for (const auto& p : linked) ::unlink(p.c_str());
    };
    bool placed = true;
    for (std::size_t i = 0; i < files.size() && placed; ++i) {
      const fs::path t = target(i);
      if (::link(temps[i]->path().c_str(), t.c_str()) == 0) {
        linked.push_back(t);
      } else if (errno != EEXIST) {
        const std::string why = errno_text();
        unlink_linked();
        not_saved("cannot create " + t.string() + " (" + why + ")");
      } else {
        placed = what_is_at(t, files[i].bytes) == At::same;  // someone else was quicker
      }
    }
    if (!placed) {
      unlink_linked();
      continue;
    }
    std::vector<std::string> out;
    for (const auto& f : files) {
      const std::string file = stem + f.suffix + ".webp";
      out.push_back(dir_rel.empty() ? file : dir_rel + "/" + file);
    }
    return out;
  }
  not_saved("every name from " + base + ".webp to " + base + "-" + std::to_string(kMaxNameTries) +
            ".webp is taken in " + dir.string());
}

}  // namespace files
}  // namespace jarida::media
