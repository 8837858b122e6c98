// Manifest: the list of live partitions of one org, the single source of truth for what a query
// reads. It is a small JSON file replaced atomically (write temp, fsync, rename, fsync directory);
// segment files not named by the current manifest are invisible and are garbage-collected.
//
// A partition is (source, billing period). One delivery replaces every partition it carries for
// its source, in one manifest swap, and keeps every other partition (CORRECTIONS.md, "Sources and
// re-ingest").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fg::costdb {

//! Provenance of one input object (file) of a delivery. Rows carry the object id and row number.
struct SourceObject {
  std::string id;      //!< the object's name as given (file base name, "-" for stdin, upload name)
  std::string sha256;  //!< hex digest of the object's bytes as read (compressed form, if compressed)
  std::uint64_t bytes = 0;
  std::uint64_t rows = 0;  //!< data rows read from it (all periods)
};

struct Partition {
  std::string source;
  std::int64_t period_start = 0;  //!< BillingPeriodStart, epoch seconds
  std::string delivery_id;
  std::uint64_t rows = 0;
  std::vector<std::string> segments;  //!< paths relative to the org directory
  std::vector<SourceObject> objects;  //!< the delivery's objects
  std::int64_t committed_at = 0;      //!< epoch seconds
};

struct Manifest {
  std::uint64_t generation = 0;
  std::vector<Partition> partitions;

  //! Parses the JSON form; internal error if it is malformed (the manifest is never user input).
  static Result<Manifest> parse(std::string_view json);
  std::string to_json() const;
};

}  // namespace fg::costdb
