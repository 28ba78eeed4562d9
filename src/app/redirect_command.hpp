// `jarida redirect add|list|remove`: the redirects table by hand, until the
// newsroom has a screen for it. An old address (FROM, a path on this site)
// is sent on to TO (a path here, or an http(s) URL elsewhere) with a 301,
// 302, 307 or 308, but only when nothing else answers FROM: a redirect
// never hides a live page. A running server picks changes up within a
// second (content_version). Tested in tests/app/redirect_command_test.cpp
// and tests/integration/legacy_links_test.py.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace CLI {
class App;
}

namespace jarida::app {

// FROM as the redirects table keeps it: percent-decoded (a path copied
// from the browser's address bar works), starting with '/', no query.
// nullopt with `error` set (a sentence for the editor) otherwise.
std::optional<std::string> parse_redirect_from(std::string_view from, std::string& error);

// FROM, TO and the status checked together: TO is a path on this site
// (kept decoded, its query as typed) or an absolute http(s) URL (kept as
// typed); it may not be FROM itself.
std::optional<store::Redirect> parse_redirect(std::string_view from, std::string_view to,
                                              int status, std::string& error);

struct RedirectAddOptions {
  std::filesystem::path data_dir;
  std::string from;
  std::string to;
  int status = 301;
};
int cmd_redirect_add(const RedirectAddOptions& o);
int cmd_redirect_list(const std::filesystem::path& data_dir);
int cmd_redirect_remove(const std::filesystem::path& data_dir, const std::string& from);

// Declares the subcommands on the CLI (app/cli.cpp), and runs the chosen one.
class RedirectCli {
 public:
  explicit RedirectCli(CLI::App& app);
  // The exit code when `jarida redirect ...` was chosen, else nullopt.
  std::optional<int> run() const;

 private:
  CLI::App* add_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* remove_ = nullptr;
  RedirectAddOptions add_options_;
  std::filesystem::path list_data_;
  std::filesystem::path remove_data_;
  std::string remove_from_;
};

}  // namespace jarida::app
