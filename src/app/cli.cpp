// Argument parsing only (CLI11 is kept here and in redirect_command.cpp); the work is in
// commands.cpp.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/import_command.hpp"
#include "app/redirect_command.hpp"

namespace jarida::app {

int run_cli(int argc, char** argv) {
  CLI::App app{"Jarida (جريدة): a news publishing platform for Arabic newsrooms", "jarida"};
  app.require_subcommand(1);

  InitOptions init;
  auto* c_init = app.add_subcommand(
      "init", "Create a data folder: database, jarida.toml and an admin account (idempotent)");
  c_init->add_option("--data", init.data_dir, "Data folder")->required();
  c_init->add_option("--site-name", init.site_name, "Site name for a new jarida.toml");
  c_init->add_option("--base-url", init.base_url, "Public base URL for a new jarida.toml");

  ServeOptions serve;
  std::string listen;
  int threads = 0;
  auto* c_serve = app.add_subcommand("serve", "Run migrations if needed and serve the site");
  c_serve->add_option("--data", serve.data_dir, "Data folder")->required();
  c_serve->add_option("--listen", listen, "Address to listen on, e.g. 127.0.0.1:8080");
  c_serve->add_option("--threads", threads, "Server threads")->check(CLI::Range(1, 64));

  DemoCommandOptions demo;
  auto* c_demo = app.add_subcommand("demo", "Fill the site with original Arabic demo content");
  c_demo->add_option("--data", demo.data_dir, "Data folder")->required();
  c_demo->add_option("--articles", demo.articles, "Number of articles")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
  c_demo->add_option("--seed", demo.seed, "Random seed (same seed, same content)");

  ReindexOptions reindex;
  auto* c_reindex =
      app.add_subcommand("reindex", "Rebuild the search index from the articles (with progress)");
  c_reindex->add_option("--data", reindex.data_dir, "Data folder")->required();

  auto* c_import = app.add_subcommand("import", "Import content from another platform");
  c_import->require_subcommand(1);
  ImportWordpressOptions import_wp;
  auto* c_import_wp = c_import->add_subcommand(
      "wordpress", "Import a WordPress export (WXR): posts, pages, comments, authors, terms");
  c_import_wp->add_option("file", import_wp.file, "The export file (Tools > Export in WordPress)")
      ->required();
  c_import_wp->add_option("--data", import_wp.data_dir, "Data folder (created if missing)")
      ->required();
  c_import_wp->add_option("--uploads", import_wp.uploads,
                          "WordPress's wp-content/uploads folder: copy and re-encode its images");

  auto* c_user = app.add_subcommand("user", "Manage newsroom accounts");
  c_user->require_subcommand(1);
  UserAddOptions user_add;
  auto* c_user_add = c_user->add_subcommand(
      "add", "Add an account; the password is read from stdin, or generated and printed");
  c_user_add->add_option("--data", user_add.data_dir, "Data folder")->required();
  c_user_add->add_option("--login", user_add.login, "Login name")->required();
  c_user_add->add_option("--role", user_add.role, "admin, editor or author")
      ->required()
      ->check(CLI::IsMember({"admin", "editor", "author"}));
  c_user_add->add_option("--name", user_add.display_name, "Display name (default: the login)");
  UserPasswordOptions user_password;
  auto* c_user_password = c_user->add_subcommand(
      "password",
      "Set an account's password (read from stdin, or generated and printed) and end its "
      "sessions; also `jarida user passwd`");
  c_user_password->alias("passwd");
  c_user_password->add_option("--data", user_password.data_dir, "Data folder")->required();
  c_user_password->add_option("--login", user_password.login, "Login name")->required();

  auto* c_comments = app.add_subcommand("comments", "Moderate readers' comments");
  c_comments->require_subcommand(1);
  CommentsListOptions comments_list;
  auto* c_comments_list = c_comments->add_subcommand("list", "List comments, newest first");
  c_comments_list->add_option("--data", comments_list.data_dir, "Data folder")->required();
  c_comments_list->add_option("--status", comments_list.status, "pending, approved, spam or trash")
      ->check(CLI::IsMember({"pending", "approved", "spam", "trash"}));
  c_comments_list->add_option("--limit", comments_list.limit, "How many")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}));
  CommentsSetOptions comments_set;
  std::vector<std::pair<CLI::App*, std::string>> setters;
  for (const char* verb : {"approve", "spam", "trash"}) {
    auto* c = c_comments->add_subcommand(verb, std::string("Mark comments as ") + verb);
    c->add_option("--data", comments_set.data_dir, "Data folder")->required();
    c->add_option("ids", comments_set.ids, "Comment IDs")->required()->check(CLI::PositiveNumber);
    setters.emplace_back(c, std::string(verb) == "approve" ? "approved" : verb);
  }

  RedirectCli redirect(app);  // `jarida redirect ...`, declared and run in redirect_command.cpp

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (const auto code = redirect.run()) return *code;
  if (*c_init) return cmd_init(init);
  if (*c_serve) {
    if (!listen.empty()) serve.listen = listen;
    if (threads > 0) serve.threads = threads;
    return cmd_serve(serve);
  }
  if (*c_demo) return cmd_demo(demo);
  if (*c_reindex) return cmd_reindex(reindex);
  if (*c_import_wp) return cmd_import_wordpress(import_wp);
  if (*c_user_add) return cmd_user_add(user_add);
  if (*c_user_password) return cmd_user_password(user_password);
  if (*c_comments_list) return cmd_comments_list(comments_list);
  for (auto& [cmd, status] : setters) {
    if (*cmd) {
      comments_set.status = status;
      return cmd_comments_set(comments_set);
    }
  }
  return 2;
}

}  // namespace jarida::app
