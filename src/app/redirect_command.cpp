#include "app/redirect_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "app/config.hpp"
#include "http/target.hpp"

namespace jarida::app {

namespace {

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool has_control_or_space(std::string_view s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return true;
  return false;
}

// Why parse_target refused a path, for the editor.
std::string target_problem(http::TargetError e) {
  switch (e) {
    case http::TargetError::too_long:
      return "is too long";
    case http::TargetError::bad_encoding:
      return "has a '%' that is not followed by two hex digits";
    case http::TargetError::invalid_utf8:
      return "does not decode to UTF-8 text";
    case http::TargetError::control_char:
      return "holds a control character";
    case http::TargetError::dot_segment:
      return "has a '.' or '..' segment, which no browser sends";
    case http::TargetError::not_origin:
    case http::TargetError::none:
      break;
  }
  return "must start with '/'";
}

// An http(s) URL with a host: "https://host/...".
bool is_absolute_http_url(std::string_view url) {
  std::size_t scheme = 0;
  if (starts_with_ignoring_case(url, "https://"))
    scheme = 8;
  else if (starts_with_ignoring_case(url, "http://"))
    scheme = 7;
  else
    return false;
  const auto host = url.substr(scheme, url.find_first_of("/?#", scheme) - scheme);
  return !host.empty() && !has_control_or_space(url);
}

constexpr const char* kToRule =
    "TO must be a path on this site starting with '/' (e.g. /2024/05/new-slug/) or an "
    "absolute http:// or https:// URL";

std::unique_ptr<store::Store> open_store(const std::filesystem::path& data_dir) {
  load_config(data_dir);  // a missing or broken data folder says so
  auto s = store::open_sqlite_store(data_dir / "jarida.db");
  s->migrate();
  return s;
}

// One line of `redirect list`: FROM, TO and status, tab-separated.
void print(std::ostream& out, const store::Redirect& r) {
  out << r.from_path << "\t" << r.to_path << "\t" << r.status << "\n";
}

}  // namespace

std::optional<std::string> parse_redirect_from(std::string_view from, std::string& error) {
  if (!from.starts_with('/')) {
    error = "FROM must be a path on this site starting with '/' (e.g. /old-page/), not '" +
            std::string(from) + "'";
    return std::nullopt;
  }
  if (from.find_first_of("?#") != std::string_view::npos) {
    error = "FROM is matched as a path only: leave out the '?' or '#' part";
    return std::nullopt;
  }
  std::string path;
  std::string_view query;
  if (const auto e = http::parse_target(from, path, query); e != http::TargetError::none) {
    error = "FROM " + target_problem(e);
    return std::nullopt;
  }
  if (path == "/") {
    error = "FROM cannot be '/': the home page is always there";
    return std::nullopt;
  }
  return path;
}

std::optional<store::Redirect> parse_redirect(std::string_view from, std::string_view to,
                                              int status, std::string& error) {
  if (status != 301 && status != 302 && status != 307 && status != 308) {
    error = "--status must be 301, 302, 307 or 308, not " + std::to_string(status);
    return std::nullopt;
  }
  auto from_path = parse_redirect_from(from, error);
  if (!from_path) return std::nullopt;
  store::Redirect r{*from_path, std::string(to), status};
  if (to.starts_with('/') && !to.starts_with("//")) {
    // A site path is kept decoded, like FROM and like the import writes
    // them; the query stays as typed.
    std::string path;
    std::string_view query;
    if (const auto e = http::parse_target(to, path, query); e != http::TargetError::none) {
      error = "TO " + target_problem(e);
      return std::nullopt;
    }
    if (has_control_or_space(query)) {
      error = "TO has a space or control character in its query; encode it (%20)";
      return std::nullopt;
    }
    // "%3F" and "%23" decoded would read as a query or fragment: keep those as typed.
    if (path.find_first_of("?#") == std::string::npos) {
      r.to_path = path;
      if (to.find('?') != std::string_view::npos) r.to_path.append("?").append(query);
    }
  } else if (!is_absolute_http_url(to)) {
    error = std::string(kToRule) + ", not '" + std::string(to) + "'";
    return std::nullopt;
  }
  if (r.to_path == r.from_path) {
    error = "TO is FROM itself: the redirect would loop";
    return std::nullopt;
  }
  return r;
}

int cmd_redirect_add(const RedirectAddOptions& o) {
  try {
    std::string error;
    const auto r = parse_redirect(o.from, o.to, o.status, error);
    if (!r) {
      std::cerr << "jarida redirect add: " << error << "\n";
      return 2;
    }
    auto store = open_store(o.data_dir);
    const bool added = store->put_redirect(*r);
    std::cout << (added ? "Added: " : "Updated: ") << r->from_path << " -> " << r->to_path << " ("
              << r->status << ")\n"
              << "It answers only when nothing else is found at " << r->from_path
              << "; a running server uses it within a second.\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida redirect add: " << e.what() << "\n";
  }
  return 1;
}

int cmd_redirect_list(const std::filesystem::path& data_dir) {
  try {
    auto store = open_store(data_dir);
    const auto all = store->redirects();
    for (const auto& r : all) print(std::cout, r);
    if (all.empty()) std::cerr << "no redirects\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida redirect list: " << e.what() << "\n";
  }
  return 1;
}

int cmd_redirect_remove(const std::filesystem::path& data_dir, const std::string& from) {
  try {
    std::string error;
    const auto path = parse_redirect_from(from, error);
    if (!path) {
      std::cerr << "jarida redirect remove: " << error << "\n";
      return 2;
    }
    auto store = open_store(data_dir);
    if (!store->remove_redirect(*path)) {
      std::cerr << "jarida redirect remove: no redirect from " << *path
                << " (`jarida redirect list` shows them)\n";
      return 1;
    }
    std::cout << "Removed: " << *path << "\n";
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jarida redirect remove: " << e.what() << "\n";
  }
  return 1;
}

RedirectCli::RedirectCli(CLI::App& app) {
  auto* redirect = app.add_subcommand(
      "redirect", "Send old addresses on to new ones (only where nothing else answers)");
  redirect->require_subcommand(1);
  add_ = redirect->add_subcommand(
      "add", "Add or replace a redirect from FROM (a path here) to TO (a path or an http(s) URL)");
  add_->add_option("from", add_options_.from, "Old path, e.g. /old-page/")->required();
  add_->add_option("to", add_options_.to, "New path or URL, e.g. /2024/05/new-slug/")->required();
  add_->add_option("--status", add_options_.status, "301 (default), 302, 307 or 308");
  add_->add_option("--data", add_options_.data_dir, "Data folder")->required();
  list_ = redirect->add_subcommand("list", "List redirects: FROM, TO and status, tab-separated");
  list_->add_option("--data", list_data_, "Data folder")->required();
  remove_ = redirect->add_subcommand("remove", "Remove the redirect from FROM");
  remove_->add_option("from", remove_from_, "Old path")->required();
  remove_->add_option("--data", remove_data_, "Data folder")->required();
}

std::optional<int> RedirectCli::run() const {
  if (*add_) return cmd_redirect_add(add_options_);
  if (*list_) return cmd_redirect_list(list_data_);
  if (*remove_) return cmd_redirect_remove(remove_data_, remove_from_);
  return std::nullopt;
}

}  // namespace jarida::app
