// The upload area: where files posted to POST /api/v1/ingest wait for their ingest.upload job.
//
//   DATA_DIR/uploads/<org_id>/                          0700, one directory per org
//   DATA_DIR/uploads/<org_id>/<upload_id>               the bytes as uploaded (0600)
//   DATA_DIR/uploads/<org_id>/.tmp-<upload_id>          while being written
//   DATA_DIR/uploads/<org_id>/<upload_id>.quarantine.csv  lenient ingest's quarantine report
//
// Paths are built only from OrgScope::org_id() and a UUID, never from a name a client sent, so an
// upload cannot land outside its org's directory. An upload becomes visible under its final name
// only once it is complete and durable: written to the temporary name, fsynced, renamed, and the
// directory fsynced.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"

namespace fg::uploads {

//! The longest source name an upload may carry (CostStore allows 200 bytes).
inline constexpr std::size_t kMaxUploadSourceBytes = 128;

//! DATA_DIR/uploads/<org_id>.
std::filesystem::path upload_dir(const std::filesystem::path& data_dir, const OrgScope& scope);
//! DATA_DIR/uploads/<org_id>/<upload_id>.
std::filesystem::path upload_path(const std::filesystem::path& data_dir, const OrgScope& scope, const Uuid& upload_id);
//! DATA_DIR/uploads/<org_id>/<upload_id>.quarantine.csv.
std::filesystem::path quarantine_report_path(const std::filesystem::path& data_dir, const OrgScope& scope,
                                             const Uuid& upload_id);
//! The report's name relative to DATA_DIR ("uploads/<org_id>/<id>.quarantine.csv"): what summaries show.
std::string quarantine_report_name(const OrgScope& scope, const Uuid& upload_id);

//! A safe source name: 1..kMaxUploadSourceBytes bytes of [A-Za-z0-9._-] and spaces, not starting
//! with '.' or a space. invalid_argument naming `field` otherwise (the message never echoes it).
Status check_source_name(std::string_view name, std::string_view field = "source");

struct StoredUpload {
  std::uint64_t size_bytes = 0;
  std::string sha256;  //!< lower-case hex
};

//! Writes one upload: create(), append() as bytes arrive, commit(). Destroyed uncommitted, it removes
//! its temporary file. Move-only; not thread-safe.
class UploadWriter {
 public:
  //! Creates the org directory (0700) and the temporary file (0600, must not exist). internal on I/O
  //! errors (the message names no path).
  static Result<UploadWriter> create(const std::filesystem::path& data_dir, const OrgScope& scope,
                                     const Uuid& upload_id);
  UploadWriter(UploadWriter&& other) noexcept;
  UploadWriter& operator=(UploadWriter&&) = delete;
  UploadWriter(const UploadWriter&) = delete;
  ~UploadWriter();

  Status append(std::string_view bytes);
  //! fsync, rename to the final name, fsync the directory.
  Result<StoredUpload> commit();

 private:
  UploadWriter(int fd, std::filesystem::path tmp, std::filesystem::path final_path);
  struct Hasher;
  int fd_ = -1;
  std::filesystem::path tmp_;
  std::filesystem::path final_;
  std::uint64_t size_ = 0;
  std::unique_ptr<Hasher> hasher_;
};

//! Removes an upload's file (and its quarantine report when `with_report`); absent files are fine.
void remove_upload(const std::filesystem::path& data_dir, const OrgScope& scope, const Uuid& upload_id,
                   bool with_report);

}  // namespace fg::uploads
