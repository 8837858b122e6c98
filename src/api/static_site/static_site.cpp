#include "api/static_site/static_site.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fg::api {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The decoded path's segments are all plain names.
bool safe_relative(std::string_view rel) {
  if (rel.find('\\') != std::string_view::npos || rel.find('\0') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    std::size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    const std::string_view seg = rel.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > kMaxStaticFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::string_view mime_type_for(std::string_view f) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".wasm", "application/wasm"},
  };
  for (const Entry& e : kTypes) {
    if (ends_with(f, e.ext)) return e.type;
  }
  return "application/octet-stream";
}

Result<StaticSite> StaticSite::open(const std::string& root) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) return unavailable_error("static site root is not a directory");
  return StaticSite(canonical.string());
}

std::optional<std::string> StaticSite::resolve(std::string_view relative) const {
  if (!safe_relative(relative)) return std::nullopt;
  std::error_code ec;
  const fs::path full = fs::canonical(fs::path(root_) / fs::path(std::string(relative)), ec);
  if (ec) return std::nullopt;
  // Symlinks are followed by canonical(); the result must still be inside the root.
  const std::string s = full.string();
  if (s.size() <= root_.size() || s.compare(0, root_.size(), root_) != 0 || s[root_.size()] != '/') return std::nullopt;
  if (!fs::is_regular_file(full, ec)) return std::nullopt;
  return s;
}

Result<HttpResponse> StaticSite::serve(const HttpRequest& req) const {
  std::optional<std::string> decoded = percent_decode(req.path, false);
  std::string rel = decoded ? decoded->substr(decoded->empty() ? 0 : 1) : std::string();
  if (rel.empty() || (decoded && decoded->back() == '/')) rel += "index.html";
  std::optional<std::string> file = decoded ? resolve(rel) : std::nullopt;
  bool fallback = false;
  if (!file && decoded && safe_relative(rel)) {
    // A client-side route ("/findings/42") has no file extension in its last segment.
    const std::string_view last = std::string_view(rel).substr(rel.rfind('/') + 1);
    if (last.find('.') == std::string_view::npos) {
      file = resolve("index.html");
      fallback = true;
    }
  }
  if (!file) return not_found_error("not found");
  std::optional<std::string> body = read_file(*file);
  if (!body) return not_found_error("not found");
  HttpResponse r = HttpResponse::with_body(200, std::move(*body), mime_type_for(*file));
  const bool immutable = !fallback && rel.rfind("assets/", 0) == 0;
  r.headers.set("Cache-Control", std::string(immutable ? kImmutableCacheControl : kRevalidateCacheControl));
  return r;
}

}  // namespace fg::api
