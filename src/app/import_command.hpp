// `jarida import wordpress FILE.xml --data DIR` (issue 7).
#pragma once

#include <filesystem>

namespace jarida::app {

struct ImportWordpressOptions {
  std::filesystem::path data_dir;
  std::filesystem::path file;
  std::filesystem::path uploads;  // WordPress's wp-content/uploads; empty: keep remote URLs
};

// Initializes DIR first when it has no jarida.toml (as `jarida init`, named
// after the exported site). Exit code 1 on bad input, with FILE:LINE.
int cmd_import_wordpress(const ImportWordpressOptions& o);

}  // namespace jarida::app
