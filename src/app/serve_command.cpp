// `jarida serve`: the readers' site and the newsroom on one HTTP server,
// the once-a-second upkeep (visits, scheduled articles, changes made by
// other processes), and settings saved in the newsroom applied while
// running (LiveSettings below).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "admin/newsroom.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/site_key.hpp"
#include "http/limits.hpp"
#include "http/server.hpp"
#include "mail/outbox_worker.hpp"
#include "render/live_renderer.hpp"
#include "search/variants.hpp"
#include "site/site.hpp"
#include "store/store.hpp"

namespace jarida::app {
namespace {

// "127.0.0.1:8080" or "[::1]:8080" -> address and port.
bool split_listen(const std::string& listen, std::string& address, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 >= listen.size()) return false;
  address = listen.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  unsigned long p = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    p = p * 10 + static_cast<unsigned long>(c - '0');
    if (p > 65535) return false;
  }
  port = static_cast<std::uint16_t>(p);
  return !address.empty();
}

// Calls fn every second on its own thread until stopped.
class Ticker {
 public:
  explicit Ticker(std::function<void()> fn)
      : thread_([this, fn = std::move(fn)] {
          std::unique_lock lock(mu_);
          while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
            lock.unlock();
            fn();
            lock.lock();
          }
        }) {}
  ~Ticker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// The site's settings while the server runs: jarida.toml with the
// newsroom's saved settings over it (apply_overrides). A save in the
// newsroom (apply) or in another server process (noticed by poll) builds a
// new renderer and, when the SMTP settings changed, a new outbox worker.
class LiveSettings {
 public:
  LiveSettings(const ServeOptions& o, AppConfig config, store::Store& store)
      : options_(o), store_(store) {
    if (auto saved = store.setting(kNewsroomSettingsKey)) {
      try {
        AppConfig with = config;
        apply_overrides(with, *saved);
        config = std::move(with);
        applied_ = *saved;
      } catch (const ConfigError& e) {
        // Keep serving on jarida.toml rather than not at all.
        std::cerr << "jarida serve: ignoring the settings saved in the newsroom: " << e.what()
                  << "\n";
        applied_ = *saved;
      }
    }
    config_ = config;
    renderer_ = std::make_unique<render::LiveRenderer>(
        std::make_unique<render::Renderer>(config.site, effective_theme_dir(config)));
    start_outbox(config.site.smtp);
  }

  const AppConfig& initial_config() const { return config_; }
  render::LiveRenderer& renderer() { return *renderer_; }
  void attach(site::Site& site) { site_ = &site; }

  void mail_queued() {
    std::lock_guard lock(outbox_mu_);
    if (outbox_) outbox_->notify();
  }

  // The newsroom's save: "" when applied, else why not.
  std::string apply(const std::string& text) {
    AppConfig fresh;
    try {
      fresh = load_config(options_.data_dir);
      apply_overrides(fresh, text);
    } catch (const ConfigError& e) {
      return e.what();
    }
    store_.put_setting(kNewsroomSettingsKey, text);
    install(fresh, text);
    return {};
  }

  // Every few seconds: a save made by another server process.
  void poll() {
    if (++ticks_ % 5 != 0) return;
    try {
      const auto saved = store_.setting(kNewsroomSettingsKey).value_or("");
      {
        std::lock_guard lock(mu_);
        if (saved == applied_) return;
      }
      AppConfig fresh = load_config(options_.data_dir);
      apply_overrides(fresh, saved);
      install(fresh, saved);
    } catch (const std::exception& e) {
      std::cerr << "jarida: applying saved settings failed: " << e.what() << "\n";
    }
  }

 private:
  void install(const AppConfig& fresh, const std::string& text) {
    std::lock_guard lock(mu_);
    if (text == applied_) return;  // nothing new (or another thread was first)
    renderer_->replace(std::make_unique<render::Renderer>(fresh.site, effective_theme_dir(fresh)));
    applied_ = text;
    const auto& smtp = fresh.site.smtp;
    const auto& old = config_.site.smtp;
    if (smtp.host != old.host || smtp.port != old.port || smtp.security != old.security ||
        smtp.username != old.username || smtp.password != old.password ||
        smtp.from_address != old.from_address || smtp.from_name != old.from_name)
      start_outbox(smtp);
    config_ = fresh;
    if (site_) site_->settings_changed();
  }

  void start_outbox(const core::SmtpSettings& smtp) {
    std::unique_ptr<mail::OutboxWorker> old;
    {
      std::lock_guard lock(outbox_mu_);
      old = std::move(outbox_);
    }
    // Stopping finishes the mail being sent (up to the SMTP timeout): done
    // outside the lock, so a reader's send-to-friend never waits for it.
    // Mail queued meanwhile is picked up by the new worker's next poll.
    old.reset();
    if (!smtp.configured()) return;
    auto next = std::make_unique<mail::OutboxWorker>(store_, smtp);
    std::lock_guard lock(outbox_mu_);
    outbox_ = std::move(next);
  }

  const ServeOptions& options_;
  store::Store& store_;
  std::mutex mu_;
  std::string applied_;  // guarded by mu_
  AppConfig config_;     // guarded by mu_ (after construction)
  std::unique_ptr<render::LiveRenderer> renderer_;
  site::Site* site_ = nullptr;
  std::mutex outbox_mu_;
  std::unique_ptr<mail::OutboxWorker> outbox_;  // guarded by outbox_mu_
  int ticks_ = 0;                               // poll() runs on the ticker thread only
};

}  // namespace

int cmd_serve(const ServeOptions& o) {
  try {
    AppConfig file_config = load_config(o.data_dir);
    auto store = open_store(o.data_dir);
    LiveSettings settings(o, file_config, *store);
    AppConfig config = settings.initial_config();
    if (o.listen) config.listen = *o.listen;
    if (o.threads) config.threads = *o.threads;
    http::ServerOptions server_options;
    if (!split_listen(config.listen, server_options.address, server_options.port))
      throw std::runtime_error("bad --listen address '" + config.listen +
                               "' (expected IP:PORT, e.g. 127.0.0.1:8080)");
    server_options.threads = config.threads;
    // Password hashes and uploads take whole cores: at most 2 at once, and
    // never more than half the machine, so readers keep the rest.
    server_options.slow_threads =
        static_cast<int>(std::clamp(std::thread::hardware_concurrency() / 2, 1u, 2u));

    site::SiteOptions site_options;
    site_options.trusted_proxies = config.trusted_proxies;
    site_options.key = load_or_create_site_key(o.data_dir);
    site_options.media_dir = o.data_dir / "media";  // imported and uploaded images
    site_options.search_variants = load_search_variants(o.data_dir);
    // Mail goes out in the background; queued mail survives restarts.
    site_options.on_mail_queued = [&settings] { settings.mail_queued(); };
    site_options.admin_static_dir = default_admin_static_dir();
    site::Site site(*store, settings.renderer(), site_options);
    settings.attach(site);

    admin::NewsroomOptions newsroom_options;
    newsroom_options.key = site_options.key;
    newsroom_options.media_dir = site_options.media_dir;
    newsroom_options.on_articles_changed = [&site](const auto& places, auto before, auto after) {
      site.articles_changed(places, before, after);
    };
    newsroom_options.on_content_changed = [&site] { site.content_changed(); };
    newsroom_options.apply_settings = [&settings](const std::string& text) {
      return settings.apply(text);
    };
    admin::Newsroom newsroom(*store, settings.renderer(), newsroom_options);

    // /admin/ is the newsroom's, but for its static files, which the site
    // serves like its own.
    auto for_newsroom = [](std::string_view path) {
      return admin::Newsroom::owns(path) && !path.starts_with("/admin/static/");
    };
    server_options.body_limit = [&newsroom, for_newsroom](http::Method m, std::string_view target) {
      return for_newsroom(target) ? newsroom.body_limit(m, target) : http::limits::kMaxBodyBytes;
    };
    http::Server server(
        server_options,
        [&site, &newsroom, for_newsroom](const http::Request& q, http::Response& r) {
          if (for_newsroom(q.path))
            newsroom.handle(q, r);
          else
            site.handle(q, r);
        },
        [&site](int status, const http::Request* q, http::Response& r) {
          site.error(status, q, r);
        });
    server.listen();
    std::cout << "Jarida is serving " << config.site.site_name << " on http://"
              << server_options.address << ":" << server.port() << "/" << std::endl;
    {
      Ticker ticker([&site, &newsroom, &settings] {
        newsroom.tick();  // scheduled articles whose time has come
        settings.poll();  // settings saved by another server
        site.tick();
      });
      server.run();  // returns after SIGTERM/SIGINT and in-flight requests
    }
    site.flush_visits();
    std::cout << "Jarida stopped; visit counts saved." << std::endl;
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const search::VariantError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida serve: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace jarida::app
