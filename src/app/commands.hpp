// The commands behind `jarida ...` (app/cli.cpp parses the arguments).
// Each returns the process exit code; errors are printed to stderr.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jarida::store {
class Store;
}
namespace jarida::search {
class VariantTable;
}

namespace jarida::app {

// The data folder's database (DIR/jarida.db), migrated to the current schema.
std::unique_ptr<store::Store> open_store(const std::filesystem::path& data_dir);

struct InitOptions {
  std::filesystem::path data_dir;
  std::string site_name = "جريدة";
  std::string base_url = "http://127.0.0.1:8080";
};
int cmd_init(const InitOptions& o);

struct ServeOptions {
  std::filesystem::path data_dir;
  std::optional<std::string> listen;  // overrides [server] listen
  std::optional<int> threads;         // overrides [server] threads
};
int cmd_serve(const ServeOptions& o);  // serve_command.cpp

// DATA_DIR/search-variants.txt (optional) over the built-in groups.
search::VariantTable load_search_variants(const std::filesystem::path& data_dir);

struct DemoCommandOptions {
  std::filesystem::path data_dir;
  std::int64_t articles = 300;
  std::uint64_t seed = 1;
};
int cmd_demo(const DemoCommandOptions& o);

struct ReindexOptions {
  std::filesystem::path data_dir;
};
int cmd_reindex(const ReindexOptions& o);

struct UserAddOptions {
  std::filesystem::path data_dir;
  std::string login;
  std::string role;
  std::string display_name;  // defaults to the login
};
int cmd_user_add(const UserAddOptions& o);

struct UserPasswordOptions {
  std::filesystem::path data_dir;
  std::string login;
};
// Sets a password (read from stdin, or generated and printed): how an
// imported WordPress author gets one until the newsroom can send a link.
int cmd_user_password(const UserPasswordOptions& o);

struct CommentsListOptions {
  std::filesystem::path data_dir;
  std::string status;  // "" = all
  std::int64_t limit = 50;
};
int cmd_comments_list(const CommentsListOptions& o);

struct CommentsSetOptions {
  std::filesystem::path data_dir;
  std::string status;  // approved, spam, trash
  std::vector<std::int64_t> ids;
};
int cmd_comments_set(const CommentsSetOptions& o);

}  // namespace jarida::app
