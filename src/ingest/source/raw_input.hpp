// RawInput: the stored bytes of one input object as they arrive (a file, stdin, or an object streamed
// from cloud storage such as S3 or Azure Blob), before any decompression. Ingest reads objects only
// through it, so a download goes straight into a delivery without a temporary file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace fg::ingest {

class RawInput {
 public:
  virtual ~RawInput() = default;
  //! Up to `n` bytes into `out`; 0 at the end of the object.
  virtual Result<std::size_t> read(char* out, std::size_t n) = 0;
  //! The object's name in provenance: a file's base name, "-" for stdin, an object key's last part.
  virtual std::string name() const = 0;
  //! What error messages call it: the path as given, or "stdin".
  virtual std::string label() const = 0;
  //! The stored size when known before reading, else 0 (used for progress only).
  virtual std::uint64_t size() const = 0;
};

//! Opens a file ("-" is stdin). not_found if absent, invalid_argument if a directory or unreadable.
Result<std::unique_ptr<RawInput>> open_file_input(const std::string& path);

//! An object held in memory, e.g. a small body or a test's bytes.
std::unique_ptr<RawInput> memory_input(std::string name, std::string bytes);

}  // namespace fg::ingest
