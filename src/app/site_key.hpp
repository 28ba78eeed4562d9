// The site's secret key (DATA_DIR/secret.key, 32 random bytes, mode 0600):
// signs form tokens and readers' cookies. Created on first use; keeping it
// across restarts keeps open forms and commenter cookies valid.
#pragma once

#include <filesystem>

#include "site/signed_token.hpp"

namespace jarida::app {

site::SiteKey load_or_create_site_key(const std::filesystem::path& data_dir);

}  // namespace jarida::app
