#include "app/import_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/site_key.hpp"
#include "importer/wordpress_import.hpp"
#include "site/form_support.hpp"

namespace jarida::app {

namespace {

struct SiteFound {
  importer::WxrSite site;
};

// The exported site's name, read from the head of the file (a new data
// folder is named after it).
std::string exported_site_title(const std::filesystem::path& file) {
  importer::WxrHandler h;
  h.site = [](const importer::WxrSite& s) { throw SiteFound{s}; };
  try {
    importer::read_wxr(file, h);
  } catch (const SiteFound& found) {
    return found.site.title;
  } catch (const std::exception&) {  // the import itself reports what is wrong
  }
  return "";
}

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// "1,001 (1,001 added, 0 updated)"
std::string counted(const importer::KindCount& k) {
  return thousands(k.total()) + " (" + thousands(k.added) + " added, " + thousands(k.updated) +
         " updated)";
}

std::string breakdown(const std::map<std::string, std::int64_t>& by) {
  std::string out;
  for (const auto& [what, n] : by) out += (out.empty() ? "" : ", ") + thousands(n) + " " + what;
  return out.empty() ? "" : ": " + out;
}

void print_summary(const importer::ImportSummary& s, const std::filesystem::path& file) {
  std::cout << std::fixed << std::setprecision(1) << "Imported " << file.filename().string()
            << " (WXR " << s.site.wxr_version << ", «" << s.site.title << "») in "
            << s.elapsed.count() << " s: " << thousands(s.items) << " items\n"
            << "  articles    " << counted(s.articles) << breakdown(s.article_statuses) << "\n"
            << "  pages       " << counted(s.pages) << "\n"
            << "  categories  " << counted(s.categories) << "\n"
            << "  tags        " << counted(s.tags) << "\n"
            << "  authors     " << counted(s.authors) << "\n"
            << "  comments    " << counted(s.comments) << breakdown(s.comment_statuses) << "\n"
            << "  media       " << counted(s.media) << ", "
            << (s.images_copied > 0
                    ? thousands(s.images_copied) + " images re-encoded from --uploads"
                    : std::string("remote URLs kept"))
            << "\n"
            << "  redirects   " << thousands(s.redirects) << " old addresses\n";
  if (!s.skipped.empty()) {
    std::cout << "Not imported:\n";
    for (const auto& [what, n] : s.skipped)
      std::cout << "  " << thousands(n) << "  " << what << "\n";
  }
  if (!s.warnings.empty()) {
    std::cout << "Imported differently:\n";
    for (const auto& [what, n] : s.warnings)
      std::cout << "  " << thousands(n) << "  " << what << "\n";
  }
  if (s.authors.added > 0)
    std::cout << "Imported authors cannot sign in until they set a password (no WordPress "
                 "password is imported).\n";
}

}  // namespace

int cmd_import_wordpress(const ImportWordpressOptions& o) {
  const std::string name = o.file.string();
  try {
    if (!std::filesystem::is_regular_file(o.file)) {
      std::cerr << "jarida import: " << name << ": no such file\n";
      return 1;
    }
    if (!std::filesystem::exists(o.data_dir / "jarida.toml")) {
      InitOptions init;
      init.data_dir = o.data_dir;
      if (auto title = exported_site_title(o.file); !title.empty()) init.site_name = title;
      if (const int rc = cmd_init(init); rc != 0) return rc;
    }
    load_config(o.data_dir);
    const auto key = load_or_create_site_key(o.data_dir);
    auto store = open_store(o.data_dir);

    importer::ImportOptions options;
    options.file = o.file;
    if (!o.uploads.empty()) {
      if (!std::filesystem::is_directory(o.uploads)) {
        std::cerr << "jarida import: --uploads " << o.uploads.string() << ": no such folder\n";
        return 1;
      }
      options.uploads = o.uploads;
    }
    options.media_root = o.data_dir / "media";
    options.hash_ip = [&key](std::string_view ip) { return site::hash_ip(key, ip); };
    const bool terminal = isatty(STDERR_FILENO) != 0;
    const auto started = std::chrono::steady_clock::now();
    std::int64_t last_tenth = -1;
    auto last_shown = started;
    options.progress = [&](std::int64_t done, std::int64_t total) {
      const auto now = std::chrono::steady_clock::now();
      const std::int64_t tenth = total > 0 ? done * 10 / total : 10;
      // A line per 10% in a log; an updated line at most 5 times a second on a terminal.
      if (terminal ? (now - last_shown < std::chrono::milliseconds(200) && done != total)
                   : (tenth == last_tenth))
        return;
      last_tenth = tenth;
      last_shown = now;
      const double secs = std::chrono::duration<double>(now - started).count();
      const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
      const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
      std::ostringstream line;
      line << std::fixed << std::setprecision(0) << "Importing: " << thousands(done) << "/"
           << thousands(total) << " items (" << (total > 0 ? done * 100 / total : 100) << "%), "
           << rate << " items/s, ETA " << eta << " s";
      std::cerr << (terminal ? "\r" : "") << line.str() << (terminal ? "\x1b[K" : "\n")
                << std::flush;
    };
    std::uint64_t last_scan_tenth = ~std::uint64_t{0};
    options.scanning = [&](std::uint64_t read, std::uint64_t size) {
      const auto percent = size > 0 ? read * 100 / size : 100;
      if (!terminal && percent / 10 == last_scan_tenth) return;  // a line per 10% in a log
      last_scan_tenth = percent / 10;
      std::ostringstream line;
      line << std::fixed << std::setprecision(1) << "Reading " << o.file.filename().string() << ": "
           << static_cast<double>(read) / (1 << 20) << "/" << static_cast<double>(size) / (1 << 20)
           << " MiB (" << percent << "%)";
      std::cerr << (terminal ? "\r" : "") << line.str() << (terminal ? "\x1b[K" : "\n")
                << std::flush;
    };
    options.committing = [&] {
      std::cerr << (terminal ? "\n" : "")
                << "Indexing the articles for search and saving (one transaction)...\n"
                << std::flush;
    };
    const auto summary = importer::import_wordpress(*store, options);
    if (terminal) std::cerr << "\n";
    print_summary(summary, o.file);
    return 0;
  } catch (const importer::ImportError& e) {
    std::cerr << "\njarida import: " << name;
    if (e.line > 0) std::cerr << ":" << e.line;
    std::cerr << ": " << e.what() << "\nNothing was imported; the database is unchanged.\n";
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "\njarida import: " << e.what()
              << "\nNothing was imported; the database is unchanged.\n";
  }
  return 1;
}

}  // namespace jarida::app
