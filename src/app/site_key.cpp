#include "app/site_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace jarida::app {

site::SiteKey load_or_create_site_key(const std::filesystem::path& data_dir) {
  const auto file = data_dir / "secret.key";
  site::SiteKey key{};
  int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
    randombytes_buf(key.data(), key.size());
    // O_EXCL: two processes starting at once must not write different keys.
    fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd >= 0) {
      const bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) &&
                      ::fsync(fd) == 0;
      ::close(fd);
      if (!ok) throw std::runtime_error("cannot write " + file.string());
      return key;
    }
    fd = ::open(file.c_str(), O_RDONLY);  // another process won the race
    if (fd < 0)
      throw std::system_error(errno, std::generic_category(), "cannot open " + file.string());
  }
  const auto n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()))
    throw std::runtime_error(file.string() + " is damaged: expected 32 bytes");
  return key;
}

}  // namespace jarida::app
