// StaticSite: serves the built web UI (web/dist) with correct MIME types and cache headers, and the
// single-page-app fallback to index.html.
//
// Path traversal is impossible by construction: the request path is percent-decoded once, refused if it
// holds "..", ".", an empty segment, a backslash or a NUL, and the resolved file's canonical path (all
// symlinks followed) must lie inside the canonical root. Only regular files are served.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/http_request.hpp"
#include "api/http/http_response.hpp"
#include "core/result.hpp"

namespace fg::api {

//! Largest file served; the UI's bundles are far smaller.
inline constexpr std::size_t kMaxStaticFileBytes = 32 * 1024 * 1024;
//! Hashed assets (Vite puts them under /assets/) never change under one name.
inline constexpr std::string_view kImmutableCacheControl = "public, max-age=31536000, immutable";
//! Everything else (index.html first) is revalidated, so a deploy shows up at once.
inline constexpr std::string_view kRevalidateCacheControl = "no-cache";

class StaticSite {
 public:
  //! `root` must be an existing directory; unavailable otherwise.
  static Result<StaticSite> open(const std::string& root);

  //! Answers a GET/HEAD for `req.path`: the file, index.html for an extension-less path that is not a
  //! file (client-side routes), or not_found. Never reads outside the root.
  Result<HttpResponse> serve(const HttpRequest& req) const;

  const std::string& root() const { return root_; }

 private:
  explicit StaticSite(std::string root) : root_(std::move(root)) {}
  std::optional<std::string> resolve(std::string_view relative) const;
  std::string root_;  //!< canonical, no trailing slash
};

//! The Content-Type for a file name by extension; application/octet-stream when unknown.
std::string_view mime_type_for(std::string_view filename);

}  // namespace fg::api
