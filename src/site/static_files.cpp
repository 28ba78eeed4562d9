#include "site/static_files.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>

#include "http/security_headers.hpp"

namespace jarida::site {
namespace {

std::string content_type_of(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string gzip(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 16 + 15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(out.size() - zs.avail_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    File f;
    f.identity = ss.str();
    f.content_type = content_type_of(entry.path());
    if (f.content_type.starts_with("text/") || f.content_type.starts_with("image/svg"))
      f.gzip = gzip(f.identity);
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(f.identity.data()),
                           static_cast<uInt>(f.identity.size()));
    char etag[32];
    std::snprintf(etag, sizeof etag, "\"%08lx-%zx\"", static_cast<unsigned long>(crc),
                  f.identity.size());
    f.etag = etag;
    files_.emplace(std::filesystem::relative(entry.path(), dir).generic_string(), std::move(f));
  }
}

bool StaticFiles::serve(const std::string& name, bool gzip_ok, std::string_view if_none_match,
                        http::Response& out) const {
  const auto it = files_.find(name);
  if (it == files_.end()) return false;
  const File& f = it->second;
  out.status = 200;
  out.headers.append(http::kSecurityHeaders);
  out.add_header("Content-Type", f.content_type);
  // CSS and JS links carry ?v=<hash>; fonts never change with a theme version.
  out.add_header("Cache-Control", "public, max-age=31536000, immutable");
  out.add_header("ETag", f.etag);
  if (!f.gzip.empty()) out.add_header("Vary", "Accept-Encoding");
  if (if_none_match == f.etag) {
    out.status = 304;
    return true;
  }
  const bool use_gzip = gzip_ok && !f.gzip.empty();
  if (use_gzip) out.add_header("Content-Encoding", "gzip");
  const std::string& bytes = use_gzip ? f.gzip : f.identity;
  out.parts.push_back({bytes.data(), bytes.size()});  // lives as long as the server
  return true;
}

}  // namespace jarida::site
