#include "app/commands.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "admin/passwords.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/site_key.hpp"
#include "search/variants.hpp"
#include "store/store.hpp"
#include "text/dates.hpp"
#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace jarida::app {
using admin::generate_password;
using admin::hash_password;
using admin::verify_password;

std::unique_ptr<store::Store> open_store(const std::filesystem::path& data_dir) {
  auto s = store::open_sqlite_store(data_dir / "jarida.db");
  s->migrate();
  return s;
}

namespace {

constexpr const char* kDatabaseFile = "jarida.db";

std::string read_password_from_stdin() {
  if (isatty(STDIN_FILENO)) return {};
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

// DATA_DIR/search-variants.txt: the site's own variant groups, added to the
// built-in ones (search/variants.hpp has the format).
constexpr const char* kVariantsFileName = "search-variants.txt";
constexpr const char* kVariantsTemplate =
    "# Search variants of this site: words and phrases readers mean the same by,\n"
    "# one group per line, separated by |. They are added to Jarida's built-in\n"
    "# groups (broken plurals such as شارع | شوارع, brand names such as\n"
    "# facebook | فيسبوك | فيس بوك). Spelling (ة/ه, أ/ا, harakat) and clitics\n"
    "# (ال، و، ب، ـها) are handled already. Restart `jarida serve` after editing.\n"
    "#\n"
    "# Examples:\n"
    "# مترو | قطار الأنفاق\n"
    "# الأمم المتحدة | un\n";

}  // namespace

search::VariantTable load_search_variants(const std::filesystem::path& data_dir) {
  search::VariantTable variants = search::VariantTable::defaults();
  const auto file = data_dir / kVariantsFileName;
  std::ifstream in(file);
  if (!in) return variants;  // optional
  std::stringstream text;
  text << in.rdbuf();
  variants.add(text.str(), file.string());  // VariantError names file:line
  return variants;
}

int cmd_init(const InitOptions& o) {
  try {
    std::filesystem::create_directories(o.data_dir);
    const auto config_file = o.data_dir / kConfigFileName;
    if (!std::filesystem::exists(config_file)) {
      std::ofstream out(config_file);
      out << default_config_text(o.site_name, o.base_url);
      if (!out) throw std::runtime_error("cannot write " + config_file.string());
      std::cout << "Wrote " << config_file.string() << "\n";
    }
    if (const auto variants = o.data_dir / kVariantsFileName; !std::filesystem::exists(variants)) {
      std::ofstream out(variants);
      out << kVariantsTemplate;
      if (!out) throw std::runtime_error("cannot write " + variants.string());
    }
    load_config(o.data_dir);  // a hand-edited file must still be valid
    load_or_create_site_key(o.data_dir);
    auto store = open_store(o.data_dir);
    std::cout << "Database " << (o.data_dir / kDatabaseFile).string() << " at schema version "
              << store->schema_version() << "\n";
    if (store->user_by_login("admin")) {
      std::cout << "Already initialized: the admin account exists (password unchanged).\n";
      return 0;
    }
    const std::string password = generate_password();
    auto batch = store->begin_write();
    // The public author slug is not the login: author pages and /?author=
    // links must not tell anyone what to type at the sign-in form.
    batch->upsert_user({.login = "admin",
                        .slug = text::slugify("مدير الموقع"),
                        .display_name = "مدير الموقع",
                        .bio = "",
                        .role = core::Role::admin,
                        .password_hash = hash_password(password)});
    batch->commit();
    std::cout << "Admin account created. It is shown only once:\n"
              << "  login:    admin\n"
              << "  password: " << password << "\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida init: " << e.what() << "\n";
  }
  return 1;
}

int cmd_demo(const DemoCommandOptions& o) {
  try {
    load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    const auto started = std::chrono::steady_clock::now();
    DemoOptions d;
    d.articles = o.articles;
    d.seed = o.seed;
    d.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const DemoSummary s = fill_demo(*store, d);
    const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    std::cout << "Demo content: " << s.articles << " articles, " << s.categories << " categories, "
              << s.tags << " tags, " << s.authors << " authors, " << s.comments << " comments in "
              << secs.count() << " s\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida demo: " << e.what() << "\n";
  }
  return 1;
}

int cmd_reindex(const ReindexOptions& o) {
  try {
    load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    const auto started = std::chrono::steady_clock::now();
    const bool terminal = isatty(STDOUT_FILENO) != 0;
    std::int64_t last_percent = -1;
    std::int64_t indexed = 0;
    store->rebuild_search_index([&](std::int64_t done, std::int64_t total) {
      indexed = done;
      // A line per 10% (a log stays short), or one updated line on a terminal.
      const std::int64_t percent = total > 0 ? done * 100 / total : 100;
      if (!terminal && percent / 10 == last_percent / 10 && done != total) return;
      last_percent = percent;
      std::cout << (terminal ? "\r" : "") << "Indexing articles: " << done << "/" << total << " ("
                << percent << "%)" << (terminal ? "" : "\n") << std::flush;
    });
    const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    std::cout << (terminal ? "\n" : "") << "Search index rebuilt: " << indexed
              << " published articles in " << secs.count() << " s\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida reindex: " << e.what() << "\n";
  }
  return 1;
}

int cmd_comments_list(const CommentsListOptions& o) {
  try {
    load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    std::optional<core::CommentStatus> status;
    if (!o.status.empty()) status = core::comment_status_from_string(o.status);
    const auto items = store->comments_for_moderation(status, 0, o.limit);
    for (const auto& it : items) {
      const auto& c = it.comment;
      std::string body = c.body;
      for (char& ch : body)
        if (ch == '\n' || ch == '\t') ch = ' ';
      std::cout << c.id << "\t" << core::to_string(c.status) << "\t" << text::iso8601(c.created_at)
                << "\t" << c.author_name << "\t"
                << core::article_path(it.article_published_at, it.article_slug) << "\t"
                << text::cut_at_word(body, 80) << "\n";
    }
    if (items.empty()) std::cerr << "no comments" << (status ? " with that status" : "") << "\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida comments list: " << e.what() << "\n";
  }
  return 1;
}

int cmd_comments_set(const CommentsSetOptions& o) {
  try {
    const auto status = core::comment_status_from_string(o.status);
    if (!status) throw std::runtime_error("unknown status " + o.status);
    load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    int missing = 0;
    for (core::Id id : o.ids) {
      if (store->set_comment_status(id, *status)) {
        std::cout << "comment " << id << ": " << o.status << "\n";
      } else {
        std::cerr << "comment " << id << ": no such comment\n";
        ++missing;
      }
    }
    // A running server sees the change within a second (content_version).
    return missing ? 1 : 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida comments: " << e.what() << "\n";
  }
  return 1;
}

int cmd_user_add(const UserAddOptions& o) {
  try {
    const auto role = core::role_from_string(o.role);
    if (!role) throw std::runtime_error("role must be admin, editor or author");
    if (o.login.empty() || o.login.size() > 64 ||
        o.login.find_first_of(" \t\r\n/\\") != std::string::npos)
      throw std::runtime_error("login must be 1-64 characters without spaces or slashes");
    load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    if (store->user_by_login(o.login))
      throw std::runtime_error("the login '" + o.login + "' already exists");
    std::string password = read_password_from_stdin();
    const bool generated = password.empty();
    if (generated) password = generate_password();
    if (password.size() < 10) throw std::runtime_error("password must be at least 10 characters");
    // The public author slug never shows the login (author pages and
    // /?author= links must not tell anyone what to type at sign-in).
    std::string slug = text::slugify(o.display_name);
    if (slug.empty() || slug == text::slugify(o.login))
      slug = "author-" + std::to_string(store->count_users() + 1);
    auto batch = store->begin_write();
    batch->upsert_user({.login = o.login,
                        .slug = slug,
                        .display_name = o.display_name.empty() ? o.login : o.display_name,
                        .bio = "",
                        .role = *role,
                        .password_hash = hash_password(password)});
    batch->commit();
    std::cout << "Account '" << o.login << "' (" << o.role << ") created.\n";
    if (generated) std::cout << "  password: " << password << "\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida user add: " << e.what() << "\n";
  }
  return 1;
}

int cmd_user_password(const UserPasswordOptions& o) {
  try {
    load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    if (!store->user_by_login(o.login))
      throw std::runtime_error("there is no account '" + o.login + "'");
    std::string password = read_password_from_stdin();
    const bool generated = password.empty();
    if (generated) password = generate_password();
    if (password.size() < 10) throw std::runtime_error("password must be at least 10 characters");
    auto batch = store->begin_write();
    batch->set_user_password(o.login, hash_password(password));
    batch->commit();
    // A reset is often the answer to a leaked password: sessions signed in
    // with the old one end now.
    std::int64_t ended = 0;
    if (auto account = store->account_by_login(o.login))
      ended = store->end_sessions_of(account->author.id, std::nullopt);
    std::cout << "Password of '" << o.login << "' set";
    if (ended > 0) std::cout << "; " << ended << " signed-in session(s) ended";
    std::cout << ".\n";
    if (generated) std::cout << "  password: " << password << "\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida user password: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace jarida::app
